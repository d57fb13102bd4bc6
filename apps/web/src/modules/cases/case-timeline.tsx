import { Rate, Tag, Timeline } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { dynamicLabel, roleLabel } from '../../components/labels';
import { type CaseDetailView, casePath } from './case-api';
import { caseLabel } from './case-labels';
import { CasePhotos } from './case-photos';

type Entry = CaseDetailView['timeline'][number];

const SETBACKS = new Set(['return', 'check_fail', 'reject', 'deadline_escalated', 'alert', 'deny_postpone']);
const DONE = new Set(['check_pass', 'close', 'evaluate', 'self_resolve', 'approve_postpone']);

function colourOf(action: string): string {
  if (SETBACKS.has(action)) return 'red';
  if (DONE.has(action)) return 'green';
  return action === 'note' ? 'gray' : 'blue';
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

/** What an entry's data says in words: where it went, why, until when. Unknown data stays unsaid. */
function dataLine(t: TFunction, e: Entry, caseId: number): ReactNode {
  const d = e.data ?? {};
  if (e.action === 'mediation_session')
    return t('casesDesk.timeline.mediation', {
      at: formatDateTime(str(d.heldAt)),
      place: str(d.place) ?? '—',
      people: Array.isArray(d.participants) ? d.participants.join('、') : '—',
      outcome: dynamicLabel(t, 'casesDesk.timeline.outcome', str(d.outcome) ?? ''),
    });
  if (e.action === 'mediation_agreement')
    return (
      <a href={`/api/cases/${caseId}/agreement`} target="_blank" rel="noreferrer">
        {t('casesDesk.timeline.agreement')}
      </a>
    );
  if (e.action === 'external_reply' && str(d.receivedAt))
    return t('casesDesk.timeline.replyReceived', { at: formatDateTime(str(d.receivedAt)) });
  const name = str(d.assigneeName);
  if (e.action === 'dispatch' && name) return t('casesDesk.timeline.dispatchedTo', { name });
  const reason = str(d.reasonCode);
  if (reason) return t('casesDesk.timeline.reason', { reason: caseLabel(t, 'reason', reason) });
  const system = str(d.externalSystem);
  if (system)
    return t('casesDesk.timeline.transferredTo', {
      system: caseLabel(t, 'transferSystem', system),
      id: str(d.externalId) ?? '',
    });
  const parentId = Number(d.parentId);
  if (e.action === 'merge' && parentId)
    return <Link to={casePath(parentId)}>{t('casesDesk.timeline.mergedInto', { id: parentId })}</Link>;
  const dueAt = str(d.dueAt);
  if (dueAt) return t('casesDesk.timeline.newDue', { due: formatDateTime(dueAt) });
  if (e.action === 'escalate' && str(d.to))
    return t('casesDesk.timeline.escalatedTo', { level: caseLabel(t, 'level', String(d.to)) });
  if (typeof d.rating === 'number')
    return <Rate disabled value={d.rating} aria-label={t('casesDesk.field.rating')} />;
  if (e.action === 'report' && str(d.channel))
    return t('casesDesk.timeline.channel', { channel: caseLabel(t, 'channel', String(d.channel)) });
  return null;
}

function EntryContent({ e, caseId }: { e: Entry; caseId: number }) {
  const { t } = useTranslation();
  const detail = dataLine(t, e, caseId);
  return (
    <div className="case-entry">
      <div className="case-entry-head">
        <strong>{caseLabel(t, 'action', e.action)}</strong>
        {e.toState ? (
          <span className="muted">
            {e.fromState ? `${caseLabel(t, 'state', e.fromState)} → ` : ''}
            {caseLabel(t, 'state', e.toState)}
          </span>
        ) : null}
        <Tag color={e.public ? 'blue' : 'default'}>
          {e.public ? t('casesDesk.timeline.public') : t('casesDesk.timeline.internal')}
        </Tag>
      </div>
      <div className="muted">
        {[e.actorName ?? t('casesDesk.timeline.system'), e.actorRole ? roleLabel(t, e.actorRole) : null]
          .filter(Boolean)
          .join(' · ')}
        {' · '}
        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
      </div>
      {detail ? <div>{detail}</div> : null}
      {e.note ? <p className="case-entry-note">{e.note}</p> : null}
      <CasePhotos photos={e.photos} size={64} />
    </div>
  );
}

/** Every step of the case, oldest first, with who did it in which role, and whether the reporter sees it. */
export function CaseTimeline({ caseId, entries }: { caseId: number; entries: Entry[] }) {
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.id,
        color: colourOf(e.action),
        content: <EntryContent e={e} caseId={caseId} />,
      }))}
    />
  );
}
