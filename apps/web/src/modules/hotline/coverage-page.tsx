import { Alert, Card, Form, InputNumber, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { categoryName } from './demand-parts';
import { type CoverageView, SERVICE_CATEGORY_CODES, useCoverage, WALK_RADIUS_M } from './hotline-api';

type Community = CoverageView['communities'][number];

/** A category no household of the community can reach is a gap (red); part-covered is orange. */
function ShareCell({ share }: { share: number | null }) {
  if (share === null) return <span className="hotline-muted">—</span>;
  const text = `${Math.round(share * 100)}%`;
  if (share === 0) return <Tag color="error">{text}</Tag>;
  if (share < 1) return <Tag color="warning">{text}</Tag>;
  return <Tag color="success">{text}</Tag>;
}

const gapsOf = (c: Community) => SERVICE_CATEGORY_CODES.filter((code) => c.shares[code] === 0);

/** 15 分钟服务圈: per community, the share of households with a provider of each category within reach. */
export function CoveragePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const nodeId = Number(params.get('nodeId')) || undefined;
  const radius = Number(params.get('radius')) || WALK_RADIUS_M;
  const data = useCoverage({ nodeId, radius });
  const view = data.data;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const columns: ColumnsType<Community> = [
    { title: t('hotline.coverage.community'), dataIndex: 'name', fixed: 'left', width: 160 },
    {
      title: t('hotline.coverage.households'),
      width: 110,
      align: 'right',
      fixed: 'left',
      render: (_, c) =>
        c.located === c.households
          ? formatNumber(c.households)
          : t('hotline.coverage.locatedOf', {
              located: formatNumber(c.located),
              total: formatNumber(c.households),
            }),
    },
    {
      title: t('hotline.coverage.gaps'),
      width: 110,
      fixed: 'left',
      sorter: (a, b) => gapsOf(a).length - gapsOf(b).length,
      defaultSortOrder: 'descend',
      render: (_, c) => {
        const gaps = gapsOf(c);
        return gaps.length ? (
          <Tooltip title={gaps.map((g) => categoryName(t, g)).join('、')}>
            <Tag color="error">{t('hotline.coverage.gapCount', { n: gaps.length })}</Tag>
          </Tooltip>
        ) : (
          t('hotline.coverage.noGaps')
        );
      },
    },
    ...SERVICE_CATEGORY_CODES.map((code) => ({
      title: categoryName(t, code),
      key: code,
      width: 88,
      align: 'center' as const,
      sorter: (a: Community, b: Community) => (a.shares[code] ?? -1) - (b.shares[code] ?? -1),
      render: (_: unknown, c: Community) => <ShareCell share={c.shares[code] ?? null} />,
    })),
  ];

  return (
    <div className="stack">
      <PageHeader
        crumbs={[{ title: t('hotline.menu.group') }, { title: t('hotline.menu.coverage') }]}
        title={
          view?.nodeName ? t('hotline.coverage.titleOf', { node: view.nodeName }) : t('hotline.menu.coverage')
        }
      />
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          {can('org.read') ? (
            <Form.Item label={t('casesDesk.indicators.node')} htmlFor="coverage-node">
              <OrgTreeSelect
                id="coverage-node"
                allowClear
                style={{ width: 240 }}
                placeholder={t('casesDesk.indicators.nodePlaceholder')}
                value={nodeId}
                valueLabel={params.get('nodeName') ?? undefined}
                onChange={(id, name) => {
                  const next = new URLSearchParams(params);
                  if (id) {
                    next.set('nodeId', String(id));
                    if (name) next.set('nodeName', name);
                  } else {
                    next.delete('nodeId');
                    next.delete('nodeName');
                  }
                  setParams(next);
                }}
              />
            </Form.Item>
          ) : null}
          <Form.Item label={t('hotline.coverage.radius')} htmlFor="coverage-radius">
            <InputNumber
              id="coverage-radius"
              min={100}
              max={20_000}
              step={100}
              value={radius}
              addonAfter={t('hotline.coverage.metres')}
              onChange={(v) => v && set('radius', String(v))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Alert type="info" showIcon message={t('hotline.coverage.proxy')} />
      <ApiErrorAlert error={data.error} />
      {data.isLoading ? <PageLoading /> : null}
      {view ? (
        <Card size="small">
          <Table<Community>
            size="small"
            rowKey="nodeId"
            dataSource={view.communities}
            columns={columns}
            scroll={{ x: 380 + SERVICE_CATEGORY_CODES.length * 88 }}
            pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n }) }}
            locale={{ emptyText: t('hotline.coverage.empty') }}
          />
        </Card>
      ) : null}
    </div>
  );
}
