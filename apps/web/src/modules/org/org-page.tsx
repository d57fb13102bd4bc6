import { Card, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { levelLabel } from '../../components/labels';
import { NotFound } from '../../components/not-found';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { OrgNodeActions } from './org-actions';
import { OrgChildrenTable } from './org-children-table';
import { useOrgChildren, useOrgNode, useOrgRoots } from './org-queries';
import { OrgSummary } from './org-summary';

/** /desk/org: the top of the user's scope; one root opens directly, several are listed. */
export function OrgIndex() {
  const { t } = useTranslation();
  const roots = useOrgRoots();
  if (roots.isLoading) return <PageLoading />;
  if (roots.error) return <ApiErrorAlert error={roots.error} />;
  const list = roots.data ?? [];
  if (list.length === 1 && list[0]) return <Navigate to={`/desk/org/${list[0].id}`} replace />;
  return (
    <>
      <PageHeader crumbs={[{ title: t('nav.org') }]} title={t('nav.org')} />
      {list.length === 0 ? (
        <Result status="info" title={t('org.noScope')} subTitle={t('org.noScopeHint')} />
      ) : (
        <OrgChildrenTable nodes={list} caption={t('org.roots')} />
      )}
    </>
  );
}

/** /desk/org/:id — one node, its figures and children. Out-of-scope ids answer 404 and look missing. */
export function OrgPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const node = useOrgNode(id);
  const children = useOrgChildren(id, node.isSuccess);
  if (!Number.isInteger(id) || id <= 0 || isApiError(node.error, 404)) return <NotFound />;
  if (node.isLoading) return <PageLoading />;
  if (node.error || !node.data) return <ApiErrorAlert error={node.error} />;
  const n = node.data;
  const crumbs = [
    { title: t('nav.org'), to: '/desk/org' },
    ...(n.ancestors ?? []).map((a) => ({ title: a.name, to: `/desk/org/${a.id}` })),
    { title: n.name },
  ];
  return (
    <div className="stack">
      <PageHeader
        crumbs={crumbs}
        title={n.name}
        tags={
          <>
            <Tag color="blue">{levelLabel(t, n.level)}</Tag>
            {n.validTo ? <Tag>{t('org.retired')}</Tag> : null}
          </>
        }
        extra={can('org.manage') ? <OrgNodeActions node={n} /> : null}
      />
      <Card size="small">
        <OrgSummary node={n} />
      </Card>
      <ApiErrorAlert error={children.error} />
      <OrgChildrenTable
        nodes={children.data ?? []}
        loading={children.isLoading}
        caption={t('org.childrenOf', { name: n.name })}
      />
    </div>
  );
}
