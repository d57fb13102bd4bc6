import type { OrgNodeView } from '@linli/contract';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../app/format';
import { levelLabel } from '../../components/labels';

/** Child nodes with their figures; each name is a link to that node's page. */
export function OrgChildrenTable({
  nodes,
  loading,
  caption,
}: {
  nodes: OrgNodeView[];
  loading?: boolean;
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<OrgNodeView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={nodes}
      title={() => <strong>{caption}</strong>}
      pagination={
        nodes.length > 20 ? { pageSize: 20, showTotal: (n) => t('common.total', { count: n }) } : false
      }
      locale={{ emptyText: t('org.noChildren') }}
      columns={[
        {
          title: t('org.name'),
          dataIndex: 'name',
          sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
          render: (_, n) => <Link to={`/desk/org/${n.id}`}>{n.name}</Link>,
        },
        {
          title: t('org.level'),
          dataIndex: 'level',
          render: (_, n) => <Tag>{levelLabel(t, n.level)}</Tag>,
        },
        { title: t('org.code'), dataIndex: 'code', className: 'mono' },
        {
          title: t('org.households'),
          dataIndex: 'households',
          align: 'right',
          sorter: (a, b) => a.households - b.households,
          render: (v: number) => formatNumber(v),
        },
        {
          title: t('org.permanentPopulation'),
          dataIndex: 'permanentPopulation',
          align: 'right',
          sorter: (a, b) => a.permanentPopulation - b.permanentPopulation,
          render: (v: number) => formatNumber(v),
        },
        {
          title: t('org.floatingPopulation'),
          dataIndex: 'floatingPopulation',
          align: 'right',
          sorter: (a, b) => a.floatingPopulation - b.floatingPopulation,
          render: (v: number) => formatNumber(v),
        },
        {
          title: t('org.childCount'),
          dataIndex: 'childCount',
          align: 'right',
          render: (v: number) => formatNumber(v),
        },
        {
          title: t('org.status'),
          key: 'status',
          render: (_, n) =>
            n.validTo ? <Tag>{t('org.retired')}</Tag> : <Tag color="blue">{t('org.active')}</Tag>,
        },
      ]}
    />
  );
}
