import { floatingCreateBody, floatingDepartBody } from '@linli/contract';
import { Button, Descriptions, Empty, Form, Input, Radio, Space, Table, Timeline } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { compact } from '../../components/form-errors';
import { PageLoading } from '../../components/page-loading';
import { StatusTag } from '../../components/status-tag';
import { ActionModal, today } from './action-modal';
import {
  type ResidentDetail,
  type ResidentEvent,
  type ResidentView,
  residentPath,
  useHousehold,
  useRegistryUpdated,
  useResidentEvents,
} from './registry-api';
import { FLOATING_REASONS, type LabelGroup, labelOptions, regLabel } from './registry-labels';

export function MembersTable({ members, currentId }: { members: ResidentView[]; currentId?: number }) {
  const { t } = useTranslation();
  return (
    <Table<ResidentView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={members}
      locale={{ emptyText: t('registry.household.empty') }}
      columns={[
        {
          title: t('registry.field.name'),
          key: 'name',
          render: (_, m) =>
            m.id === currentId ? <strong>{m.name}</strong> : <Link to={residentPath(m.id)}>{m.name}</Link>,
        },
        {
          title: t('registry.field.relation'),
          dataIndex: 'relation',
          render: (v) => regLabel(t, 'relation', v),
        },
        { title: t('registry.field.gender'), dataIndex: 'gender', render: (v) => regLabel(t, 'gender', v) },
        {
          title: t('registry.field.age'),
          dataIndex: 'age',
          render: (age) => t('registry.list.ageValue', { age }),
        },
        {
          title: t('registry.field.idNumber'),
          dataIndex: 'idNumber',
          render: (v) => <span className="mono">{v ?? '—'}</span>,
        },
        {
          title: t('registry.field.phone'),
          dataIndex: 'phone',
          render: (v) => <span className="mono">{v ?? '—'}</span>,
        },
        { title: t('registry.field.status'), dataIndex: 'status', render: (v) => regLabel(t, 'status', v) },
      ]}
    />
  );
}

export function HouseholdTab({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const household = useHousehold(resident.householdId);
  if (!resident.householdId) return <Empty description={t('registry.detail.noHousehold')} />;
  if (household.isLoading) return <PageLoading />;
  if (!household.data) return <ApiErrorAlert error={household.error} />;
  return (
    <div className="stack">
      <Space>
        <span>
          {t('registry.labelValue', {
            label: t('registry.household.no'),
            value: household.data.householdNo ?? '—',
          })}
          {' · '}
          {t('registry.labelValue', {
            label: t('registry.household.type'),
            value: regLabel(t, 'householdType', household.data.type),
          })}
        </span>
        <Link to={`/desk/registry/households/${resident.householdId}`}>
          {t('registry.detail.openHousehold')}
        </Link>
      </Space>
      <MembersTable members={household.data.members} currentId={resident.id} />
    </div>
  );
}

type FloatingValues = { arrivedOn?: string; origin?: string; reason?: string; expectedUntil?: string };

export function FloatingTab({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const updated = useRegistryUpdated();
  const [open, setOpen] = useState<'create' | 'depart' | null>(null);
  const f = resident.floating;
  const writable = can('registry.write') && resident.status === 'active';
  const staying = !!f && !f.departedOn;
  return (
    <div className="stack">
      {f ? (
        <Descriptions
          bordered
          size="small"
          column={2}
          title={
            <StatusTag tone={staying ? 'open' : 'closed'}>
              {staying ? t('registry.detail.floatingOpen') : t('registry.detail.floatingEnded')}
            </StatusTag>
          }
          items={[
            { key: 'arrivedOn', label: regLabel(t, 'field', 'arrivedOn'), children: f.arrivedOn },
            { key: 'origin', label: regLabel(t, 'field', 'origin'), children: f.origin },
            {
              key: 'reason',
              label: t('registry.detail.floatingReason'),
              children: regLabel(t, 'floatingReason', f.reason),
            },
            {
              key: 'expectedUntil',
              label: regLabel(t, 'field', 'expectedUntil'),
              children: f.expectedUntil ?? '—',
            },
            { key: 'departedOn', label: regLabel(t, 'field', 'departedOn'), children: f.departedOn ?? '—' },
          ]}
        />
      ) : (
        <Empty description={t('registry.detail.noFloating')} />
      )}
      {writable ? (
        <div>
          {staying ? (
            <Button onClick={() => setOpen('depart')}>{t('registry.actions.depart')}</Button>
          ) : (
            <Button onClick={() => setOpen('create')}>{t('registry.actions.registerFloating')}</Button>
          )}
        </div>
      ) : null}
      {open === 'create' ? (
        <ActionModal
          title={t('registry.actions.floatingTitle', { name: resident.name })}
          okText={t('registry.m.submit')}
          schema={floatingCreateBody}
          toBody={(v: FloatingValues) => compact(v)}
          submit={(body) => api.post<unknown>(`/registry/residents/${resident.id}/floating`, body)}
          done={t('registry.actions.floatingSaved')}
          onDone={() => updated()}
          onClose={() => setOpen(null)}
          initialValues={{ arrivedOn: today() }}
        >
          <FloatingFields />
        </ActionModal>
      ) : null}
      {open === 'depart' && f ? (
        <ActionModal
          title={t('registry.actions.departTitle', { name: resident.name })}
          okText={t('registry.actions.departOk')}
          warning={t('registry.actions.departWhat')}
          schema={floatingDepartBody}
          toBody={(v: { departedOn?: string }) => compact(v)}
          submit={(body) => api.post<unknown>(`/registry/floating/${f.id}/depart`, body)}
          done={t('registry.actions.departed')}
          onDone={() => updated()}
          onClose={() => setOpen(null)}
          initialValues={{ departedOn: today() }}
        >
          <Form.Item
            name="departedOn"
            label={regLabel(t, 'field', 'departedOn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input type="date" />
          </Form.Item>
        </ActionModal>
      ) : null}
    </div>
  );
}

function FloatingFields() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <Form.Item name="origin" label={regLabel(t, 'field', 'origin')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="reason" label={t('registry.detail.floatingReason')} rules={required}>
        <Radio.Group options={labelOptions(t, 'floatingReason', FLOATING_REASONS)} />
      </Form.Item>
      <Form.Item name="arrivedOn" label={regLabel(t, 'field', 'arrivedOn')} rules={required}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="expectedUntil" label={regLabel(t, 'field', 'expectedUntil')}>
        <Input type="date" />
      </Form.Item>
    </>
  );
}

// Internal ids that mean nothing to a reader; the record they point to is shown elsewhere.
const HIDDEN_KEYS = new Set(['tagId', 'registrationId', 'gridId']);
const CODE_GROUPS: Record<string, LabelGroup> = {
  fields: 'field',
  field: 'correctionField',
  tag: 'tags',
  category: 'tagGroups',
  relation: 'relation',
  reason: 'floatingReason',
};

/** One line per summary entry: field names, tags and codes in the user's language. */
function summaryLines(t: TFunction, summary: Record<string, unknown>): string[] {
  const display = (key: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => display(key, x)).join(t('registry.listSeparator'));
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'number') return `#${v}`;
    if (typeof v !== 'string') return JSON.stringify(v);
    const group = CODE_GROUPS[key];
    return group ? regLabel(t, group, v) : v;
  };
  return Object.entries(summary)
    .filter(([k]) => !HIDDEN_KEYS.has(k))
    .map(([k, v]) => t('registry.labelValue', { label: regLabel(t, 'field', k), value: display(k, v) }));
}

export function EventsTab({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const events = useResidentEvents(resident.id);
  if (events.isLoading) return <PageLoading />;
  if (events.error) return <ApiErrorAlert error={events.error} />;
  const list = [...(events.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  if (list.length === 0) return <Empty description={t('registry.detail.noEvents')} />;
  return (
    <Timeline
      items={list.map((e: ResidentEvent) => ({
        key: e.id,
        content: (
          <>
            <span className="muted">{formatDateTime(e.at)}</span>{' '}
            <strong>{regLabel(t, 'eventKind', e.kind)}</strong>
            <span className="muted">
              {' · '}
              {t('registry.detail.eventBy', { name: e.byName ?? t('registry.detail.system') })}
            </span>
            <ul className="event-summary">
              {summaryLines(t, e.summary).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ),
      }))}
    />
  );
}
