import { EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { CASE_KINDS, URGENCIES } from '@linli/contract';
import { Button, Card, Form, Input, Select, Space, Tabs } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import type { CaseFilters } from './case-api';
import { CaseTable } from './case-table';
import './cases-desk.css';

/**
 * The dispatcher's tabs. The stage tabs slice the queue (what waits for the dispatcher); overdue and
 * escalated look at every open case in scope, because those often sit with a department.
 */
const TABS = {
  queue: { view: 'queue' },
  collect: { view: 'queue', stage: 'collect' },
  file: { view: 'queue', stage: 'file' },
  reopened: { view: 'queue', state: 'reopened' },
  feedback: { view: 'queue', stage: 'feedback' },
  postpone: { view: 'queue', pending: 'postpone' },
  hold: { view: 'queue', pending: 'hold' },
  overdue: { view: 'all', overdue: 'true' },
  escalated: { view: 'all', escalated: 'true' },
} as const satisfies Record<string, CaseFilters>;
type TabKey = keyof typeof TABS;
const TAB_KEYS = Object.keys(TABS) as TabKey[];

type BarValues = { q?: string; urgency?: string; kind?: string; nodeId?: number; nodeName?: string };
const BAR_KEYS = ['q', 'urgency', 'kind', 'nodeId', 'nodeName'] as const;

function barFrom(params: URLSearchParams): BarValues {
  const out: BarValues = {};
  for (const k of BAR_KEYS) {
    const v = params.get(k);
    if (!v) continue;
    if (k === 'nodeId') out.nodeId = Number(v) || undefined;
    else out[k] = v;
  }
  return out;
}

const rememberKey = (accountId: number) => `linli.cases.queue.${accountId}`;

/** Tab and filters live in the address; the last ones are kept per user and restored on a bare visit. */
function useQueueParams(): [URLSearchParams, (next: Record<string, string>) => void] {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    if (params.size > 0) return;
    try {
      const saved = JSON.parse(localStorage.getItem(rememberKey(me.account.id)) ?? 'null') as unknown;
      if (saved && typeof saved === 'object' && Object.keys(saved).length > 0)
        setParams(saved as Record<string, string>, { replace: true });
    } catch {
      // A broken entry is simply forgotten.
    }
  }, [params, setParams, me.account.id]);
  const set = (next: Record<string, string>) => {
    setParams(next);
    try {
      localStorage.setItem(rememberKey(me.account.id), JSON.stringify(next));
    } catch {
      // Not remembering is harmless.
    }
  };
  return [params, set];
}

function QueueFilterBar({ value, onSearch }: { value: BarValues; onSearch: (v: BarValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BarValues>();
  const [nodeName, setNodeName] = useState(value.nodeName);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ urgency: '', kind: '', ...value });
  }, [form, value]);
  const any = { value: '', label: t('casesDesk.list.any') };
  return (
    <Card size="small" className="filter-bar case-filters">
      <Form<BarValues>
        name="case-queue-filters"
        form={form}
        layout="inline"
        initialValues={{ urgency: '', kind: '' }}
        onFinish={(v) => onSearch({ ...v, nodeName: v.nodeId ? nodeName : undefined })}
      >
        <Form.Item name="q" label={t('casesDesk.list.search')}>
          <Input allowClear placeholder={t('casesDesk.list.searchPlaceholder')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="urgency" label={t('casesDesk.field.urgency')}>
          <Select
            style={{ width: 100 }}
            options={[any, ...URGENCIES.map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))]}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('casesDesk.field.kind')}>
          <Select
            style={{ width: 130 }}
            options={[any, ...CASE_KINDS.map((k) => ({ value: k, label: t(`cases.kind.${k}`) }))]}
          />
        </Form.Item>
        <Form.Item name="nodeId" label={t('casesDesk.list.node')}>
          <OrgTreeSelect
            allowClear
            style={{ width: 220 }}
            placeholder={t('casesDesk.list.nodePlaceholder')}
            valueLabel={nodeName}
            onChange={(_id, name) => setNodeName(name)}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
            <Button onClick={() => onSearch({})}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 派遣队列: what waits for the street or district dispatcher, urgent and overdue first to the eye. */
export function DispatchQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useQueueParams();
  const tab: TabKey = TAB_KEYS.includes(params.get('tab') as TabKey)
    ? (params.get('tab') as TabKey)
    : 'queue';
  const bar = useMemo(() => barFrom(params), [params]);
  const { nodeName: _label, ...barFilters } = bar;
  const filters: CaseFilters = { ...barFilters, ...TABS[tab] } as CaseFilters;
  const write = (nextTab: TabKey, nextBar: BarValues) => {
    const out: Record<string, string> = nextTab === 'queue' ? {} : { tab: nextTab };
    for (const [k, v] of Object.entries(nextBar)) if (v !== undefined && v !== '') out[k] = String(v);
    setParams(out);
  };
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, { title: t('casesDesk.menu.queue') }]}
        title={t('casesDesk.menu.queue')}
        extra={
          <Link to="/desk/cases/map" className="link-button">
            <EnvironmentOutlined aria-hidden /> {t('casesDesk.menu.map')}
          </Link>
        }
      />
      <QueueFilterBar value={bar} onSearch={(v) => write(tab, v)} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => write(k as TabKey, bar)}
          items={TAB_KEYS.map((k) => ({ key: k, label: t(`casesDesk.queueTab.${k}`) }))}
        />
        <CaseTable
          filters={filters}
          emptyText={t(tab === 'queue' ? 'casesDesk.list.emptyQueue' : 'casesDesk.list.emptyTab')}
        />
      </Card>
    </>
  );
}
