import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Select, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatNumber } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { type ChartOption, EChart } from '../../components/echart';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { PeriodFilter, usePeriod } from '../../components/period-filter';
import { useMatters, useWindowFigures, type WindowFiguresView, windowFiguresXlsxHref } from './services-api';

type Figures = WindowFiguresView['total'];
type FigureLine = WindowFiguresView['rows'][number];
const RATINGS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
/** Sorting on a rate puts "no data" last in both directions' natural reading. */
const byRate = (k: 'onTheSpotShare' | 'onTimeRate' | 'satisfactionRate') => (a: FigureLine, b: FigureLine) =>
  (a.figures[k] ?? -1) - (b.figures[k] ?? -1);

/** The number row: what a window is judged on, each with the count it comes from. */
function FigureRow({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const items: [string, string, string?][] = [
    [t('services.figures.applications'), formatNumber(f.applications)],
    [
      t('services.figures.onTheSpotShare'),
      percent(f.onTheSpotShare),
      t('services.figures.ofN', { n: f.onTheSpot }),
    ],
    [
      t('services.figures.onTimeRate'),
      percent(f.onTimeRate),
      t('services.figures.onTimeOf', { n: f.onTime, due: f.due }),
    ],
    [
      t('services.figures.averageTime'),
      f.averageHours === null ? '—' : t('services.figures.hours', { n: f.averageHours }),
      t('services.figures.decidedN', { n: f.decided }),
    ],
    [
      t('services.figures.satisfaction'),
      percent(f.satisfactionRate),
      t('services.figures.ratedN', { n: f.rated }),
    ],
    [t('services.figures.supplemented'), formatNumber(f.supplemented)],
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map(([title, value, note]) => (
        <Col span={4} key={title}>
          <Card size="small">
            <Statistic title={title} value={value} />
            {note ? <div className="figure-note">{note}</div> : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Volume, on the spot and supplements per matter (summed over the windows shown). */
function MatterChart({ view }: { view: WindowFiguresView }) {
  const { t } = useTranslation();
  const zh = currentLanguage() === 'zh-CN';
  const option = useMemo<ChartOption>(() => {
    const byMatter = new Map<string, { applications: number; onTheSpot: number; supplemented: number }>();
    for (const r of view.rows) {
      const name = zh ? r.matterNameZh : r.matterNameEn;
      const m = byMatter.get(name) ?? { applications: 0, onTheSpot: 0, supplemented: 0 };
      m.applications += r.figures.applications;
      m.onTheSpot += r.figures.onTheSpot;
      m.supplemented += r.figures.supplemented;
      byMatter.set(name, m);
    }
    const names = [...byMatter.keys()];
    const series = (key: 'applications' | 'onTheSpot' | 'supplemented', label: string) => ({
      type: 'bar' as const,
      name: label,
      data: names.map((n) => byMatter.get(n)![key]),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 64 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series('applications', t('services.figures.applications')),
        series('onTheSpot', t('services.figures.onTheSpot')),
        series('supplemented', t('services.figures.supplemented')),
      ],
    } as ChartOption;
  }, [view, zh, t]);
  return <EChart option={option} label={t('services.figures.matterChart')} />;
}

/** The five 好差评 levels of the period. */
function RatingChart({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        grid: { left: 88, right: 24, top: 8, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: RATINGS.map((r) => t(`services.rating.${r}`)) },
        series: [
          {
            type: 'bar',
            name: t('services.figures.ratings'),
            data: RATINGS.map((r) => f.ratings[r]),
            itemStyle: { color: '#1677ff' },
          },
        ],
      }) as ChartOption,
    [f, t],
  );
  return <EChart option={option} label={t('services.figures.ratingChart')} />;
}

/** 窗口办件统计: per window, matter and period, with the materials that send people back. */
export function FiguresPage() {
  const { t } = useTranslation();
  const zh = currentLanguage() === 'zh-CN';
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriod(['matterId']);
  const matterId = Number(params.get('matterId')) || undefined;
  const { nodeName: _name, ...rest } = period;
  const query = { ...rest, matterId };
  const data = useWindowFigures(query);
  const matters = useMatters();
  const view = data.data;
  const setMatter = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('matterId', String(id));
    else next.delete('matterId');
    setParams(next);
  };
  const matterName = (r: { matterNameZh: string; matterNameEn: string }) =>
    zh ? r.matterNameZh : r.matterNameEn;

  return (
    <div className="stack">
      <PageHeader
        crumbs={[{ title: t('services.menu.group') }, { title: t('services.menu.figures') }]}
        title={
          view?.nodeName ? t('services.figures.titleOf', { node: view.nodeName }) : t('services.menu.figures')
        }
        extra={
          <Button href={windowFiguresXlsxHref(query)} download icon={<DownloadOutlined aria-hidden />}>
            {t('casesDesk.indicators.export')}
          </Button>
        }
      />
      <Card size="small">
        <PeriodFilter period={period} onChange={setPeriod} idPrefix="window-figures">
          <Form.Item label={t('services.figures.matter')} htmlFor="window-figures-matter">
            <Select
              id="window-figures-matter"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              placeholder={t('services.figures.allMatters')}
              value={matterId}
              onChange={(v: number | undefined) => setMatter(v)}
              options={(matters.data ?? []).map((m) => ({ value: m.id, label: zh ? m.nameZh : m.nameEn }))}
            />
          </Form.Item>
        </PeriodFilter>
      </Card>
      <ApiErrorAlert error={data.error} />
      {data.isLoading ? <PageLoading /> : null}
      {view ? (
        <>
          <FigureRow f={view.total} />
          <Row gutter={16}>
            <Col span={14}>
              <Card size="small" title={t('services.figures.matterChart')}>
                <MatterChart view={view} />
              </Card>
            </Col>
            <Col span={10}>
              <Card size="small" title={t('services.figures.ratingChart')}>
                <RatingChart f={view.total} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('services.figures.byWindow')}>
            <Table<FigureLine>
              size="small"
              rowKey={(r) => `${r.windowNodeId}-${r.matterId}`}
              dataSource={view.rows}
              pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { count: n }) }}
              locale={{ emptyText: t('services.figures.empty') }}
              columns={[
                { title: t('services.figures.window'), dataIndex: 'windowName' },
                { title: t('services.figures.matter'), render: (_, r) => matterName(r) },
                {
                  title: t('services.figures.applications'),
                  align: 'right',
                  sorter: (a, b) => a.figures.applications - b.figures.applications,
                  render: (_, r) => formatNumber(r.figures.applications),
                },
                {
                  title: t('services.figures.onTheSpotShare'),
                  align: 'right',
                  sorter: byRate('onTheSpotShare'),
                  render: (_, r) => percent(r.figures.onTheSpotShare),
                },
                {
                  title: t('services.figures.onTimeRate'),
                  align: 'right',
                  sorter: byRate('onTimeRate'),
                  render: (_, r) => (
                    <span
                      className={
                        r.figures.onTimeRate !== null && r.figures.onTimeRate < 1 ? 'figure-bad' : undefined
                      }
                    >
                      {percent(r.figures.onTimeRate)}
                    </span>
                  ),
                },
                {
                  title: t('services.figures.averageTime'),
                  align: 'right',
                  sorter: (a, b) => (a.figures.averageHours ?? -1) - (b.figures.averageHours ?? -1),
                  render: (_, r) =>
                    r.figures.averageHours === null
                      ? '—'
                      : t('services.figures.hours', { n: r.figures.averageHours }),
                },
                {
                  title: t('services.figures.satisfaction'),
                  align: 'right',
                  sorter: byRate('satisfactionRate'),
                  render: (_, r) => percent(r.figures.satisfactionRate),
                },
                {
                  title: t('services.figures.supplemented'),
                  align: 'right',
                  sorter: (a, b) => a.figures.supplemented - b.figures.supplemented,
                  render: (_, r) => formatNumber(r.figures.supplemented),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('services.figures.byMaterial')}>
            <Table
              size="small"
              rowKey={(r) => `${r.matterId}-${r.materialCode}`}
              dataSource={view.supplements}
              pagination={false}
              locale={{ emptyText: t('services.figures.noSupplements') }}
              columns={[
                { title: t('services.figures.matter'), render: (_, r) => matterName(r) },
                {
                  title: t('services.figures.material'),
                  render: (_, r) => (zh ? r.materialNameZh : r.materialNameEn),
                },
                {
                  title: t('services.figures.askedApplications'),
                  align: 'right',
                  dataIndex: 'applications',
                  sorter: (a, b) => a.applications - b.applications,
                },
                {
                  title: t('services.figures.askedTimes'),
                  align: 'right',
                  dataIndex: 'requests',
                  sorter: (a, b) => a.requests - b.requests,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
