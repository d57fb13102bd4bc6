import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { NotFound } from '../../components/not-found';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { residentPath, useHousehold } from './registry-api';
import { regLabel } from './registry-labels';
import { MembersTable } from './resident-related-tabs';
import './registry.css';

export function HouseholdPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const household = useHousehold(id);
  if (!Number.isInteger(id) || id <= 0 || isApiError(household.error, 404)) return <NotFound />;
  if (household.isLoading) return <PageLoading />;
  if (!household.data) return <ApiErrorAlert error={household.error} />;
  const h = household.data;
  const head = h.members.find((m) => m.id === h.headId);
  const title = t('registry.household.title', {
    no: h.householdNo ?? t('registry.household.noNumber', { id: h.id }),
  });
  return (
    <div className="stack">
      <PageHeader
        crumbs={[
          { title: t('nav.registryGroup') },
          { title: t('nav.residents'), to: '/desk/registry/residents' },
          { title },
        ]}
        title={title}
      />
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'no', label: t('registry.household.no'), children: h.householdNo ?? '—' },
            {
              key: 'type',
              label: t('registry.household.type'),
              children: regLabel(t, 'householdType', h.type),
            },
            {
              key: 'head',
              label: t('registry.household.head'),
              children: head ? <Link to={residentPath(head.id)}>{head.name}</Link> : '—',
            },
            { key: 'address', label: t('registry.household.address'), span: 2, children: h.address ?? '—' },
            {
              key: 'house',
              label: t('registry.household.house'),
              children: h.houseId ? (
                <Link to={`/desk/registry/houses?house=${h.houseId}`}>{t('registry.detail.openHouse')}</Link>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('registry.household.members')}>
        <MembersTable members={h.members} />
      </Card>
    </div>
  );
}
