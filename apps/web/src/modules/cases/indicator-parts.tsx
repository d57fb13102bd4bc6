import { CASE_STAGES } from '@linli/contract';
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { type ChartOption, EChart } from '../../components/echart';
import { roleLabel } from '../../components/labels';
import type { IndicatorView } from './case-api';
import { formatRate } from './case-labels';

type Figures = IndicatorView['total'];
export const RATE_KEYS = [
  'closureRate',
  'onTimeClosureRate',
  'reworkRate',
  'postponementRate',
  'wrongDispatchRate',
  'satisfactionRate',
] as const;
const COUNTER_KEYS = [
  'reported',
  'filed',
  'dispatched',
  'closed',
  'closed_on_time',
  'rework',
  'postponed',
  'wrong_dispatch',
  'evaluated',
  'satisfied',
  'self_resolved',
  'rejected',
] as const;

/** The number row: rates first (what a leader is judged on), then the counters they come from. */
export function FigureRow({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Row gutter={[16, 16]}>
        {RATE_KEYS.map((k) => (
          <Col span={4} key={k}>
            <Card size="small">
              <Statistic title={t(`cases.rate.${k}`)} value={formatRate(figures[k])} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('casesDesk.indicators.counters')}>
        <Row gutter={[16, 16]}>
          {COUNTER_KEYS.map((k) => (
            <Col span={3} key={k}>
              <Statistic title={t(`cases.counter.${k}`)} value={formatNumber(figures.counters[k] ?? 0)} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t('casesDesk.indicators.avgHours')}>
        <Row gutter={[16, 16]}>
          {CASE_STAGES.filter((s) => s !== 'close' && s !== 'evaluate').map((s) => (
            <Col span={4} key={s}>
              <Statistic
                title={t(`cases.stage.${s}`)}
                value={figures.avgStageHours[s] ?? '—'}
                suffix={figures.avgStageHours[s] !== undefined ? t('casesDesk.indicators.hours') : undefined}
              />
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}

/** Every day of the period, with zeros where nothing happened (a gap is a fact, not missing data). */
function everyDay(view: IndicatorView) {
  const seen = new Map(view.byDay.map((d) => [d.day, d]));
  const out: { day: string; reported: number; closed: number }[] = [];
  const end = new Date(`${view.to}T00:00:00Z`);
  for (let d = new Date(`${view.from}T00:00:00Z`); d <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    out.push(seen.get(day) ?? { day, reported: 0, closed: 0 });
  }
  return out;
}

export function DailyChart({ view }: { view: IndicatorView }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const days = everyDay(view);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('cases.counter.reported'), type: 'line', smooth: true, data: days.map((d) => d.reported) },
        { name: t('cases.counter.closed'), type: 'line', smooth: true, data: days.map((d) => d.closed) },
      ],
    };
  }, [view, t]);
  return <EChart option={option} label={t('casesDesk.indicators.dailyChart')} />;
}

const CHILD_RATES = ['closureRate', 'onTimeClosureRate', 'reworkRate', 'satisfactionRate'] as const;

export function ChildRatesChart({ view }: { view: IndicatorView }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: view.byChild.map((c) => c.nodeName) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: CHILD_RATES.map((k) => ({
        name: t(`cases.rate.${k}`),
        type: 'bar' as const,
        data: view.byChild.map((c) => (c.figures[k] === null ? null : Math.round(c.figures[k]! * 1000) / 10)),
      })),
    }),
    [view, t],
  );
  return <EChart option={option} label={t('casesDesk.indicators.childChart')} />;
}

const figureColumns = (t: TFunction) => [
  ...(['dispatched', 'closed', 'closed_on_time', 'rework', 'postponed', 'wrong_dispatch'] as const).map(
    (k) => ({
      title: t(`cases.counter.${k}`),
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: { figures: Figures }) => formatNumber(r.figures.counters[k] ?? 0),
    }),
  ),
  ...RATE_KEYS.map((k) => ({
    title: t(`cases.rate.${k}`),
    key: k,
    align: 'right' as const,
    render: (_: unknown, r: { figures: Figures }) => formatRate(r.figures[k]),
  })),
];

type NodeFigures = { nodeId: number; nodeName: string; figures: Figures };

/** Child nodes (drill down by clicking a name) or departments, with their counters and rates. */
export function FiguresTable({
  rows,
  nameTitle,
  onPick,
}: {
  rows: NodeFigures[];
  nameTitle: string;
  onPick?: (row: NodeFigures) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<NodeFigures>
      rowKey="nodeId"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('casesDesk.indicators.noRows') }}
      columns={[
        {
          title: nameTitle,
          key: 'name',
          width: 170,
          fixed: 'left',
          render: (_, r) =>
            onPick ? (
              <Button type="link" size="small" onClick={() => onPick(r)}>
                {r.nodeName}
              </Button>
            ) : (
              r.nodeName
            ),
        },
        ...figureColumns(t),
      ]}
    />
  );
}

const ROLE_COUNTS = [
  'reports',
  'verifications',
  'verifications_on_time',
  'checks',
  'checks_on_time',
  'dispatches',
  'wrong_dispatches',
  'correct_dispatches',
  'handled',
  'handled_on_time',
] as const;

type RoleRow = IndicatorView['roles'][number];

/** Per person (research §3.5): what each grid worker, dispatcher and handler did in the period. */
export function RolesTable({ rows }: { rows: RoleRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<RoleRow>
      rowKey="accountId"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('casesDesk.indicators.noRoles') }}
      columns={[
        { title: t('casesDesk.indicators.person'), dataIndex: 'name', width: 170, fixed: 'left' },
        {
          title: t('casesDesk.indicators.role'),
          dataIndex: 'role',
          width: 150,
          render: (r: string) => (r ? roleLabel(t, r) : '—'),
        },
        ...ROLE_COUNTS.map((k) => ({
          title: t(`casesDesk.indicators.roleCount.${k}`),
          key: k,
          align: 'right' as const,
          render: (_: unknown, r: RoleRow) => formatNumber(r.counts[k] ?? 0),
        })),
      ]}
    />
  );
}
