import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import type { CaseFilters } from './case-api';
import { CaseTable } from './case-table';
import './cases-desk.css';

/** Dispatched (待接收: accept or return) and in progress (处置中: handle, ask for more time or a hold). */
const TABS = {
  all: { view: 'assigned' },
  dispatched: { view: 'assigned', state: 'dispatched' },
  in_progress: { view: 'assigned', state: 'in_progress' },
  overdue: { view: 'assigned', overdue: 'true' },
} as const satisfies Record<string, CaseFilters>;
type TabKey = keyof typeof TABS;
const TAB_KEYS = Object.keys(TABS) as TabKey[];

/** 承办事件: what has been dispatched to the user's department (or street, community, grid). */
export function DepartmentDeskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TAB_KEYS.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : 'all';
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, { title: t('casesDesk.menu.assigned') }]}
        title={t('casesDesk.menu.assigned')}
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'all' ? {} : { tab: k })}
          items={TAB_KEYS.map((k) => ({ key: k, label: t(`casesDesk.assignedTab.${k}`) }))}
        />
        <CaseTable filters={TABS[tab]} showAssignee={false} emptyText={t('casesDesk.list.emptyAssigned')} />
      </Card>
    </>
  );
}
