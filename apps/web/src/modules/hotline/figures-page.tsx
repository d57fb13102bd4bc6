import { Card, Col, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { type ChartOption, EChart } from '../../components/echart';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { PeriodFilter, usePeriod } from '../../components/period-filter';
import { categoryName } from './demand-parts';
import { type HotlineFiguresView, useHotlineFigures } from './hotline-api';

type Category = HotlineFiguresView['byCategory'][number];
type Provider = HotlineFiguresView['providers'][number];
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Demands and their satisfaction per category: bars for volume, a line for the share satisfied. */
function CategoryChart({ view }: { view: HotlineFiguresView }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const names = view.byCategory.map((c) => categoryName(t, c.category));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 48, top: 32, bottom: 56 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: t('hotline.figures.demands'), data: view.byCategory.map((c) => c.demands) },
        { type: 'bar', name: t('hotline.figures.served'), data: view.byCategory.map((c) => c.served) },
        {
          type: 'line',
          name: t('hotline.figures.satisfaction'),
          yAxisIndex: 1,
          data: view.byCategory.map((c) =>
            c.satisfactionRate === null ? null : Math.round(c.satisfactionRate * 1000) / 10,
          ),
        },
      ],
    } as ChartOption;
  }, [view, t]);
  return <EChart option={option} label={t('hotline.figures.categoryChart')} />;
}

/** 热线统计: demands by category and channel, fulfilment time, declines per provider, satisfaction. */
export function HotlineFiguresPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const { nodeName: _name, ...query } = period;
  const data = useHotlineFigures(query);
  const view = data.data;
  const hours = (h: number | null) => (h === null ? '—' : t('hotline.figures.hours', { n: h }));
  return (
    <div className="stack">
      <PageHeader
        crumbs={[{ title: t('hotline.menu.group') }, { title: t('hotline.menu.figures') }]}
        title={
          view?.nodeName ? t('hotline.figures.titleOf', { node: view.nodeName }) : t('hotline.menu.figures')
        }
      />
      <Card size="small">
        <PeriodFilter period={period} onChange={setPeriod} idPrefix="hotline-figures" />
      </Card>
      <ApiErrorAlert error={data.error} />
      {data.isLoading ? <PageLoading /> : null}
      {view ? (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                [t('hotline.figures.demands'), formatNumber(view.total.demands)],
                [t('hotline.figures.served'), formatNumber(view.total.served)],
                [t('hotline.figures.fulfilment'), hours(view.total.avgFulfilmentHours)],
                [t('hotline.figures.satisfaction'), percent(view.total.satisfactionRate)],
                [t('hotline.figures.rated'), formatNumber(view.total.rated)],
              ] as const
            ).map(([title, value]) => (
              <Col span={4} key={title}>
                <Card size="small">
                  <Statistic title={title} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col span={16}>
              <Card size="small" title={t('hotline.figures.categoryChart')}>
                <CategoryChart view={view} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('hotline.figures.byChannel')}>
                <Table
                  size="small"
                  rowKey="channel"
                  dataSource={view.byChannel}
                  pagination={false}
                  locale={{ emptyText: t('hotline.figures.empty') }}
                  columns={[
                    {
                      title: t('hotline.figures.channel'),
                      render: (_, r) => t(`cases.channel.${r.channel}` as 'cases.channel.hotline'),
                    },
                    { title: t('hotline.figures.demands'), dataIndex: 'demands', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('hotline.figures.byCategory')}>
            <Table<Category>
              size="small"
              rowKey="category"
              dataSource={view.byCategory}
              pagination={false}
              locale={{ emptyText: t('hotline.figures.empty') }}
              columns={[
                { title: t('hotline.figures.category'), render: (_, r) => categoryName(t, r.category) },
                {
                  title: t('hotline.figures.demands'),
                  dataIndex: 'demands',
                  align: 'right',
                  sorter: (a, b) => a.demands - b.demands,
                },
                { title: t('hotline.figures.served'), dataIndex: 'served', align: 'right' },
                {
                  title: t('hotline.figures.fulfilment'),
                  align: 'right',
                  sorter: (a, b) => (a.avgFulfilmentHours ?? -1) - (b.avgFulfilmentHours ?? -1),
                  render: (_, r) => hours(r.avgFulfilmentHours),
                },
                {
                  title: t('hotline.figures.satisfaction'),
                  align: 'right',
                  sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1),
                  render: (_, r) => percent(r.satisfactionRate),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('hotline.figures.byProvider')}>
            <Table<Provider>
              size="small"
              rowKey="accountId"
              dataSource={view.providers}
              pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n }) }}
              locale={{ emptyText: t('hotline.figures.empty') }}
              columns={[
                { title: t('hotline.figures.provider'), dataIndex: 'name' },
                {
                  title: t('hotline.figures.dispatched'),
                  dataIndex: 'dispatched',
                  align: 'right',
                  sorter: (a, b) => a.dispatched - b.dispatched,
                },
                { title: t('hotline.figures.declined'), dataIndex: 'declined', align: 'right' },
                {
                  title: t('hotline.figures.declineRate'),
                  align: 'right',
                  sorter: (a, b) => (a.declineRate ?? -1) - (b.declineRate ?? -1),
                  render: (_, r) => (
                    <span
                      className={r.declineRate !== null && r.declineRate > 0.2 ? 'figure-bad' : undefined}
                    >
                      {percent(r.declineRate)}
                    </span>
                  ),
                },
                { title: t('hotline.figures.served'), dataIndex: 'served', align: 'right' },
                {
                  title: t('hotline.figures.satisfaction'),
                  align: 'right',
                  sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1),
                  render: (_, r) => percent(r.satisfactionRate),
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
