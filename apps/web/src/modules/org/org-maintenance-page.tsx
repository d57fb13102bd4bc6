import type { OrgNodeView } from '@linli/contract';
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Tag, Tree, Typography } from 'antd';
import { type Key, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { levelLabel } from '../../components/labels';
import { fetchOrgChildren, orgKeys } from '../../components/org-api';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { OrgNodeActions } from './org-actions';
import { useOrgNode, useOrgRoots } from './org-queries';
import { OrgSummary } from './org-summary';

type TreeNode = { key: number; title: string; isLeaf: boolean; children?: TreeNode[] };

function SelectedNode({ id }: { id: number }) {
  const { t } = useTranslation();
  const node = useOrgNode(id);
  if (node.isLoading) return <PageLoading />;
  if (!node.data) return <ApiErrorAlert error={node.error} />;
  const n = node.data;
  return (
    <Card
      title={
        <Space>
          {n.name}
          <Tag color="blue">{levelLabel(t, n.level)}</Tag>
          {n.validTo ? <Tag>{t('org.retired')}</Tag> : null}
        </Space>
      }
      extra={<Link to={`/desk/org/${n.id}`}>{t('org.openPage')}</Link>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgNodeActions node={n} />
      </Space>
      <OrgSummary node={n} column={2} />
    </Card>
  );
}

/** 组织树维护: the whole tree (within scope) on the left, the chosen node and its changes on the right. */
export function OrgMaintenancePage() {
  const { t } = useTranslation();
  const roots = useOrgRoots();
  const [expanded, setExpanded] = useState<number[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const childQueries = useQueries({
    queries: expanded.map((id) => ({ queryKey: orgKeys.children(id), queryFn: () => fetchOrgChildren(id) })),
  });

  const treeData = useMemo(() => {
    const byParent = new Map<number, OrgNodeView[]>();
    expanded.forEach((id, i) => {
      const data = childQueries[i]?.data;
      if (data) byParent.set(id, data);
    });
    const build = (n: OrgNodeView): TreeNode => {
      const kids = byParent.get(n.id);
      return {
        key: n.id,
        title: t('org.nodeWithLevel', { name: n.name, level: levelLabel(t, n.level) }),
        isLeaf: n.childCount === 0,
        children: kids?.map(build),
      };
    };
    return (roots.data ?? []).map(build);
  }, [roots.data, expanded, childQueries, t]);

  return (
    <>
      <PageHeader crumbs={[{ title: t('nav.orgMaintenance') }]} title={t('nav.orgMaintenance')} />
      <Row gutter={16}>
        <Col span={9}>
          <Card title={t('org.tree')} size="small">
            {roots.isLoading ? <PageLoading /> : null}
            <ApiErrorAlert error={roots.error} />
            <Tree<TreeNode>
              aria-label={t('org.tree')}
              treeData={treeData}
              expandedKeys={expanded}
              selectedKeys={selected ? [selected] : []}
              onExpand={(keys: Key[]) => setExpanded(keys.map(Number))}
              onSelect={(keys: Key[]) => setSelected(keys.length ? Number(keys[0]) : null)}
              blockNode
            />
          </Card>
        </Col>
        <Col span={15}>
          {selected ? (
            <SelectedNode id={selected} />
          ) : (
            <Card>
              <Empty description={<Typography.Text>{t('org.pickToManage')}</Typography.Text>} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
