import { AlertOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import type { CaseView } from './phone-case-api';
import { phoneCaseKeys, useTaskCount } from './phone-case-api';
import './phone-cases.css';

/* The case entries on the two phone homes: kept here so the homes stay a list of entries. */

/** 上报事件: the grid worker's first button, full width. */
export function ReportEventButton() {
  const { t } = useTranslation();
  return (
    <Link to="/m/cases/report" className="cp-big-entry">
      <AlertOutlined aria-hidden /> {t('phone.tiles.reportEvent')}
    </Link>
  );
}

/** 我的任务 as a home tile, with how many wait. */
export function TasksTile() {
  const { t } = useTranslation();
  const count = useTaskCount(true);
  const n = count.data ? (count.data.more ? '99+' : String(count.data.count)) : null;
  return (
    <Link to="/m/cases/tasks" className="tile">
      <span aria-hidden="true">
        <UnorderedListOutlined aria-hidden />
      </span>
      <span>
        {t('phone.tiles.tasks')}
        {n && n !== '0' ? (
          <>
            {' '}
            <span className="cp-count">{n}</span>
          </>
        ) : null}
      </span>
    </Link>
  );
}

/** 我的反映 with what is still open and what waits for the resident's rating. */
export function MyReportsLink({ icon }: { icon: ReactNode }) {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: [...phoneCaseKeys.list('reported'), 'summary'],
    queryFn: () => api.get<{ items: CaseView[] }>('/cases', { view: 'reported', limit: 100 }),
  });
  const items = summary.data?.items ?? [];
  const open = items.filter((c) => c.stateType === 'open').length;
  const toRate = items.filter((c) => c.actions.includes('evaluate')).length;
  return (
    <ul className="menu-list" style={{ marginBottom: 16 }}>
      <li>
        <Link to="/m/cases/mine">
          <span>
            {t('casesPhone.home.mine')}
            {open > 0 ? (
              <span className="muted"> · {t('casesPhone.home.mineOpen', { count: open })}</span>
            ) : null}
            {toRate > 0 ? (
              <span className="due-soon"> · {t('casesPhone.home.toRate', { count: toRate })}</span>
            ) : null}
          </span>
          {icon}
        </Link>
      </li>
    </ul>
  );
}
