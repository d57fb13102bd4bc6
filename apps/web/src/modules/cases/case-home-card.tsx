import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Query } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { type CaseFilters, caseKeys } from './case-api';

/** Counted from one page of the list: the work lists page by cursor and carry no total. */
const COUNT_LIMIT = 100;

function CountLink({
  label,
  to,
  filters,
  alert,
}: {
  label: string;
  to: string;
  filters: CaseFilters;
  alert?: boolean;
}) {
  const list = useQuery({
    queryKey: [...caseKeys.list(filters), 'count'],
    queryFn: () =>
      api.get<{ items: unknown[]; nextCursor: string | null }>('/cases', {
        ...filters,
        limit: COUNT_LIMIT,
      } as Query),
  });
  const n = list.data?.items.length ?? 0;
  return (
    <Link to={to}>
      <Statistic
        title={label}
        loading={list.isLoading}
        value={list.data?.nextCursor ? `${formatNumber(n)}+` : formatNumber(n)}
        styles={{ content: { color: alert && n > 0 ? '#cf1322' : undefined } }}
      />
    </Link>
  );
}

/** The desk home's case tile: what waits for a dispatcher or a handling unit, each number a way in. */
export function CaseHomeCard() {
  const { t } = useTranslation();
  const can = useCan();
  const dispatch = can('cases.dispatch');
  if (!dispatch && !can('cases.handle')) return null;
  return (
    <Card title={t('casesDesk.menu.group')}>
      <Row gutter={16}>
        {dispatch ? (
          <>
            <Col span={6}>
              <CountLink label={t('casesDesk.queueTab.queue')} to="/desk/cases" filters={{ view: 'queue' }} />
            </Col>
            <Col span={6}>
              <CountLink
                label={t('casesDesk.queueTab.overdue')}
                to="/desk/cases?tab=overdue"
                filters={{ view: 'all', overdue: 'true' }}
                alert
              />
            </Col>
            <Col span={6}>
              <CountLink
                label={t('casesDesk.queueTab.postpone')}
                to="/desk/cases?tab=postpone"
                filters={{ view: 'queue', pending: 'postpone' }}
              />
            </Col>
            <Col span={6}>
              <CountLink
                label={t('casesDesk.queueTab.hold')}
                to="/desk/cases?tab=hold"
                filters={{ view: 'queue', pending: 'hold' }}
              />
            </Col>
          </>
        ) : (
          <>
            <Col span={8}>
              <CountLink
                label={t('casesDesk.assignedTab.dispatched')}
                to="/desk/cases/assigned?tab=dispatched"
                filters={{ view: 'assigned', state: 'dispatched' }}
              />
            </Col>
            <Col span={8}>
              <CountLink
                label={t('casesDesk.assignedTab.in_progress')}
                to="/desk/cases/assigned?tab=in_progress"
                filters={{ view: 'assigned', state: 'in_progress' }}
              />
            </Col>
            <Col span={8}>
              <CountLink
                label={t('casesDesk.assignedTab.overdue')}
                to="/desk/cases/assigned?tab=overdue"
                filters={{ view: 'assigned', overdue: 'true' }}
                alert
              />
            </Col>
          </>
        )}
      </Row>
    </Card>
  );
}
