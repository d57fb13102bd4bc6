import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { departmentTypeLabel } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { type CategoryView, useCategories } from './case-api';
import { CategoryImportModal } from './category-import-modal';
import './cases-desk.css';

type Node = CategoryView & { children?: Node[] };

function tree(list: CategoryView[]): Node[] {
  const nodes = new Map<number, Node>(list.map((c) => [c.id, { ...c }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), n];
    else roots.push(n);
  }
  return roots;
}

/** `1 / 1 / 24 / 2`: working hours for 立案 / 派遣 / 处置 / 核查. */
const limits = (l: CategoryView['limitsNormal']) => `${l.file} / ${l.dispatch} / ${l.handle} / ${l.check}`;

/** 事件分类: the city's category tree with its routing and time limits; replaced or extended by import. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const categories = useCategories();
  const [importing, setImporting] = useState(false);
  const rows = useMemo(() => tree(categories.data ?? []), [categories.data]);
  const en = currentLanguage() === 'en-US';
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, { title: t('casesDesk.menu.categories') }]}
        title={t('casesDesk.menu.categories')}
        extra={
          <Button type="primary" icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
            {t('casesDesk.categories.import')}
          </Button>
        }
      />
      <ApiErrorAlert error={categories.error} className="filter-bar" />
      <Card size="small">
        <Table<Node>
          rowKey="id"
          size="small"
          loading={categories.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('casesDesk.categories.code'), dataIndex: 'code', width: 140 },
            {
              title: t('casesDesk.categories.name'),
              key: 'name',
              render: (_, c) => (
                <>
                  {en ? c.nameEn : c.nameZh} <span className="muted">{en ? c.nameZh : c.nameEn}</span>
                </>
              ),
            },
            {
              title: t('casesDesk.categories.type'),
              dataIndex: 'type',
              width: 80,
              render: (v: CategoryView['type']) => t(`casesDesk.categories.types.${v}`),
            },
            {
              title: t('casesDesk.categories.handler'),
              dataIndex: 'handlerDepartmentType',
              width: 110,
              render: (v: string | null) => (v ? departmentTypeLabel(t, v) : '—'),
            },
            {
              title: t('casesDesk.categories.level'),
              dataIndex: 'defaultLevel',
              width: 90,
              render: (v: CategoryView['defaultLevel']) => t(`cases.level.${v}`),
            },
            {
              title: t('casesDesk.categories.routing'),
              dataIndex: 'routing',
              width: 130,
              render: (v: CategoryView['routing']) => t(`casesDesk.categories.routings.${v}`),
            },
            {
              title: t('casesDesk.categories.limitsNormal'),
              key: 'normal',
              width: 150,
              render: (_, c) => limits(c.limitsNormal),
            },
            {
              title: t('casesDesk.categories.limitsUrgent'),
              key: 'urgent',
              width: 150,
              render: (_, c) => limits(c.limitsUrgent),
            },
            {
              title: t('casesDesk.categories.active'),
              dataIndex: 'active',
              width: 80,
              render: (v: boolean) =>
                v ? (
                  <Tag color="green">{t('casesDesk.categories.on')}</Tag>
                ) : (
                  <Tag>{t('casesDesk.categories.off')}</Tag>
                ),
            },
          ]}
        />
        <p className="muted case-list-foot">{t('casesDesk.categories.limitsHint')}</p>
      </Card>
      {importing ? <CategoryImportModal onClose={() => setImporting(false)} /> : null}
    </>
  );
}
