import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { PeriodFilter, usePeriod } from '../../components/period-filter';
import { indicatorsXlsxHref, useIndicators } from './case-api';
import { ChildRatesChart, DailyChart, FigureRow, FiguresTable, RolesTable } from './indicator-parts';
import './cases-desk.css';

/** 指标统计: the case indicators of a node over a period, with trends and the breakdown one level down. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const { nodeName: _name, ...query } = period;
  const data = useIndicators(query);
  const view = data.data;
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
        <PeriodFilter period={period} onChange={setPeriod} idPrefix="indicators" />
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
