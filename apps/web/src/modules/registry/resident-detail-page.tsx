import { Alert, Card, Tabs, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { NotFound } from '../../components/not-found';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { StatusTag } from '../../components/status-tag';
import { useResident } from './registry-api';
import { RESIDENT_STATUS_TONE, regLabel } from './registry-labels';
import { ResidentActions } from './resident-actions';
import { BasicTab, TagsTab } from './resident-basic-tabs';
import { EventsTab, FloatingTab, HouseholdTab } from './resident-related-tabs';
import { ResidentTags } from './resident-tags';
import './registry.css';

const TABS = ['basic', 'tags', 'household', 'floating', 'events'] as const;
type TabKey = (typeof TABS)[number];

export function ResidentDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const resident = useResident(id);
  if (!Number.isInteger(id) || id <= 0 || isApiError(resident.error, 404)) return <NotFound />;
  if (resident.isLoading) return <PageLoading />;
  if (!resident.data) return <ApiErrorAlert error={resident.error} />;
  const r = resident.data;
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'basic';
  const label: Record<TabKey, string> = {
    basic: t('registry.detail.tabBasic'),
    tags: t('registry.detail.tabTags'),
    household: t('registry.detail.tabHousehold'),
    floating: t('registry.detail.tabFloating'),
    events: t('registry.detail.tabEvents'),
  };
  const content: Record<TabKey, () => ReactNode> = {
    basic: () => <BasicTab resident={r} />,
    tags: () => <TagsTab resident={r} />,
    household: () => <HouseholdTab resident={r} />,
    floating: () => <FloatingTab resident={r} />,
    events: () => <EventsTab resident={r} />,
  };
  return (
    <div className="stack">
      <PageHeader
        crumbs={[
          { title: t('nav.registryGroup') },
          { title: t('nav.residents'), to: '/desk/registry/residents' },
          { title: r.name },
        ]}
        title={r.name}
        tags={
          <>
            <StatusTag tone={RESIDENT_STATUS_TONE[r.status] ?? 'refused'}>
              {regLabel(t, 'status', r.status)}
            </StatusTag>
            <Tag>{regLabel(t, 'residenceType', r.residenceType)}</Tag>
            <span className="muted">
              {regLabel(t, 'gender', r.gender)} · {t('registry.list.ageValue', { age: r.age })} · {r.gridName}
            </span>
            <ResidentTags tags={r.tags} empty="" />
          </>
        }
        extra={<ResidentActions resident={r} />}
      />
      {r.status !== 'active' ? (
        <Alert
          type="info"
          showIcon
          title={t('registry.detail.inactive', { status: regLabel(t, 'status', r.status) })}
        />
      ) : null}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'basic' ? {} : { tab: k }, { replace: true })}
          items={TABS.map((k) => ({ key: k, label: label[k], children: k === tab ? content[k]() : null }))}
        />
      </Card>
    </div>
  );
}
