import { PlusOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { PageLoading } from '../../components/page-loading';
import { PhoneButton } from '../registry/phone-form';
import { BackLink } from '../registry/phone-parts';
import { CaseTags, DueText, useDistanceText } from './phone-bits';
import { type CaseView, usePhoneCaseList } from './phone-case-api';
import { distanceMetres, type Point, useKnownPosition } from './position';
import { useQueueState } from './queue-store';
import { SyncCard } from './sync-card';

/** What a task asks of the grid worker, by the state it waits in. */
const TASK_STATES = ['verifying', 'checking', 'dispatched', 'in_progress', 'draft'] as const;
type TaskState = (typeof TASK_STATES)[number];
const isTaskState = (s: string): s is TaskState => (TASK_STATES as readonly string[]).includes(s);

function CaseCard({ c, here, task }: { c: CaseView; here: Point | null; task: boolean }) {
  const { t } = useTranslation();
  const distance = useDistanceText();
  const far =
    here && c.lat !== null && c.lng !== null ? distanceMetres(here, { lat: c.lat, lng: c.lng }) : null;
  return (
    <Link to={`/m/cases/${c.id}`} className="person-card">
      {task && isTaskState(c.state) ? (
        <span className="cp-task-kind">{t(`casesPhone.task.${c.state}`)}</span>
      ) : !task && c.actions.includes('evaluate') ? (
        <span className="cp-task-kind">{t('casesPhone.mine.toRate')}</span>
      ) : null}
      <span className="person-card-head">
        <strong>{c.title}</strong>
        {far !== null ? <span className="muted">{distance(far)}</span> : null}
      </span>
      <CaseTags c={c} />
      <span className="cp-card-meta">
        <span className="muted">{c.address ?? c.orgNodeName}</span>
        {task ? <DueText c={c} /> : <span className="muted">{formatDateTime(c.reportedAt)}</span>}
      </span>
    </Link>
  );
}

/** Due first: overdue, then urgent, then the nearest deadline; undated last, newest first. */
function byDue(a: CaseView, b: CaseView): number {
  const rank = (c: CaseView) => (c.overdue ? 0 : c.urgency === 'urgent' ? 1 : 2);
  const due = (c: CaseView) => (c.dueAt ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY);
  return rank(a) - rank(b) || due(a) - due(b) || b.id - a.id;
}

function CaseList({ view, empty }: { view: 'mine' | 'reported'; empty: string }) {
  const { t } = useTranslation();
  const list = usePhoneCaseList(view);
  const here = useKnownPosition();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = view === 'mine' ? [...items].sort(byDue) : items;
  return (
    <>
      {list.isLoading ? <PageLoading /> : null}
      {list.error ? (
        <div className="phone-note error" role="alert">
          {list.error.message}
        </div>
      ) : null}
      {list.data && rows.length === 0 ? <Empty description={empty} /> : null}
      <ul
        className="person-list"
        aria-label={t(view === 'mine' ? 'casesPhone.tasks.title' : 'casesPhone.mine.title')}
      >
        {rows.map((c) => (
          <li key={c.id}>
            <CaseCard c={c} here={here} task={view === 'mine'} />
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <div className="phone-actions">
          <PhoneButton onClick={() => list.fetchNextPage()} busy={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </PhoneButton>
        </div>
      ) : null}
    </>
  );
}

/** Reports still on this phone, above the lists that cannot show them yet. */
function WaitingOnPhone() {
  const { t } = useTranslation();
  const { reports } = useQueueState();
  if (reports.length === 0) return null;
  return (
    <section className="phone-section" aria-labelledby="queue" style={{ marginTop: 0, marginBottom: 16 }}>
      <h2 id="queue">{t('casesPhone.queue.title')}</h2>
      <SyncCard />
    </section>
  );
}

/** 我的任务: 核实 and 核查 in my grids, cases sent to my grid, emergencies, my drafts; due first. */
export function TasksPage() {
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/m/grid" />
      <div className="phone-head">
        <h2 className="phone-title">{t('casesPhone.tasks.title')}</h2>
        <Link to="/m/cases/report" className="shortcut">
          <PlusOutlined aria-hidden />
          &nbsp;{t('phone.tiles.reportEvent')}
        </Link>
      </div>
      <WaitingOnPhone />
      <CaseList view="mine" empty={t('casesPhone.tasks.empty')} />
      <p style={{ textAlign: 'center' }}>
        <Link to="/m/cases/mine" className="shortcut" style={{ textDecoration: 'none' }}>
          {t('casesPhone.tasks.reportedByMe')}
        </Link>
      </p>
    </>
  );
}

/** 我的反映 (and a grid worker's 我上报的): every case I reported, newest first. */
export function MinePage() {
  const { t } = useTranslation();
  const resident = useSession().account.kind === 'resident';
  return (
    <>
      {resident ? null : <BackLink to="/m/cases/tasks" />}
      <div className="phone-head">
        <h2 className="phone-title">
          {t(resident ? 'casesPhone.mine.title' : 'casesPhone.tasks.reportedByMe')}
        </h2>
        <Link to={resident ? '/m/cases/new' : '/m/cases/report'} className="shortcut">
          <PlusOutlined aria-hidden />
          &nbsp;{t(resident ? 'casesPhone.home.report' : 'phone.tiles.reportEvent')}
        </Link>
      </div>
      <WaitingOnPhone />
      <CaseList view="reported" empty={t('casesPhone.mine.empty')} />
    </>
  );
}
