import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { type IndicatorQuery, indicatorsXlsxHref, useIndicators } from './case-api';
import { ChildRatesChart, DailyChart, FigureRow, FiguresTable, RolesTable } from './indicator-parts';
import './cases-desk.css';

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const PRESETS = ['thisMonth', 'lastMonth', 'last30', 'thisYear'] as const;
type Preset = (typeof PRESETS)[number];

function presetRange(p: Preset): { from: string; to: string } {
  const today = shanghaiToday();
  const [y, m] = today.split('-').map(Number) as [number, number];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  switch (p) {
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth':
      return { from: day(new Date(Date.UTC(y, m - 2, 1))), to: day(new Date(Date.UTC(y, m - 1, 0))) };
    case 'last30':
      return { from: day(new Date(Date.parse(today) - 29 * 86_400_000)), to: today };
    case 'thisYear':
      return { from: `${y}-01-01`, to: today };
  }
}

/** Period and node live in the address, so a dashboard can be shared and reopened as it was. */
function usePeriod(): [
  IndicatorQuery & { nodeName?: string },
  (next: Partial<IndicatorQuery> & { nodeName?: string }) => void,
] {
  const [params, setParams] = useSearchParams();
  const month = presetRange('thisMonth');
  const q = {
    from: params.get('from') ?? month.from,
    to: params.get('to') ?? month.to,
    nodeId: Number(params.get('nodeId')) || undefined,
    nodeName: params.get('nodeName') ?? undefined,
  };
  const set = (next: Partial<IndicatorQuery> & { nodeName?: string }) => {
    const merged = { ...q, ...next };
    const out: Record<string, string> = { from: merged.from, to: merged.to };
    if (merged.nodeId) {
      out.nodeId = String(merged.nodeId);
      if (merged.nodeName) out.nodeName = merged.nodeName;
    }
    setParams(out);
  };
  return [q, set];
}

/** 指标统计: the case indicators of a node over a period, with trends and the breakdown one level down. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [period, setPeriod] = usePeriod();
  const { nodeName: _name, ...query } = period;
  const data = useIndicators(query);
  const view = data.data;
  const preset = PRESETS.find((p) => {
    const r = presetRange(p);
    return r.from === period.from && r.to === period.to;
  });
  return (
    <div className="stack">
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, { title: t('casesDesk.menu.indicators') }]}
        title={
          view ? t('casesDesk.indicators.titleOf', { node: view.nodeName }) : t('casesDesk.menu.indicators')
        }
        extra={
          <Button href={indicatorsXlsxHref(query)} download icon={<DownloadOutlined aria-hidden />}>
            {t('casesDesk.indicators.export')}
          </Button>
        }
      />
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('casesDesk.indicators.period')}>
            <Segmented<Preset | 'custom'>
              value={preset ?? 'custom'}
              options={[
                ...PRESETS.map((p) => ({ value: p, label: t(`casesDesk.indicators.preset.${p}`) })),
                { value: 'custom', label: t('casesDesk.indicators.preset.custom'), disabled: true },
              ]}
              onChange={(p) => p !== 'custom' && setPeriod(presetRange(p))}
            />
          </Form.Item>
          <Form.Item label={t('casesDesk.indicators.from')} htmlFor="indicators-from">
            <Input
              id="indicators-from"
              type="date"
              value={period.from}
              onChange={(e) => e.target.value && setPeriod({ from: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('casesDesk.indicators.to')} htmlFor="indicators-to">
            <Input
              id="indicators-to"
              type="date"
              value={period.to}
              onChange={(e) => e.target.value && setPeriod({ to: e.target.value })}
            />
          </Form.Item>
          {can('org.read') ? (
            <Form.Item label={t('casesDesk.indicators.node')} htmlFor="indicators-node">
              <OrgTreeSelect
                id="indicators-node"
                allowClear
                style={{ width: 240 }}
                placeholder={t('casesDesk.indicators.nodePlaceholder')}
                value={period.nodeId}
                valueLabel={period.nodeName}
                onChange={(id, name) => setPeriod({ nodeId: id, nodeName: name })}
              />
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      <ApiErrorAlert error={data.error} />
      {data.isLoading ? <PageLoading /> : null}
      {view ? (
        <>
          <FigureRow figures={view.total} />
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={t('casesDesk.indicators.dailyChart')}>
                <DailyChart view={view} />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('casesDesk.indicators.childChart')}>
                <ChildRatesChart view={view} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('casesDesk.indicators.byChild')}>
            <FiguresTable
              rows={view.byChild}
              nameTitle={t('casesDesk.indicators.childName')}
              onPick={(r) => setPeriod({ nodeId: r.nodeId, nodeName: r.nodeName })}
            />
          </Card>
          <Card size="small" title={t('casesDesk.indicators.byDepartment')}>
            <FiguresTable rows={view.byDepartment} nameTitle={t('casesDesk.indicators.department')} />
          </Card>
          <Card size="small" title={t('casesDesk.indicators.roles')}>
            <RolesTable rows={view.roles} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
