import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export type Crumb = { title: string; to?: string };

/** Breadcrumbs under the top bar, then the page title with the actions the user may take now. */
export function PageHeader({
  crumbs,
  title,
  tags,
  extra,
}: {
  crumbs: Crumb[];
  title: ReactNode;
  tags?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const items = [{ title: t('nav.workbench'), to: '/desk' }, ...crumbs].map((c, i, all) => ({
    key: `${i}-${c.title}`,
    title: c.to && i < all.length - 1 ? <Link to={c.to}>{c.title}</Link> : c.title,
  }));
  return (
    <header className="page-header">
      <nav aria-label={t('common.breadcrumb')}>
        <Breadcrumb items={items} />
      </nav>
      <div className="page-header-row">
        <div className="page-header-title">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </div>
        {extra ? <div className="page-header-extra">{extra}</div> : null}
      </div>
    </header>
  );
}
