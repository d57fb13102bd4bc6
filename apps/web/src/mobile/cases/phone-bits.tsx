import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import type { CaseView } from './phone-case-api';
import './phone-cases.css';

/** A labelled on/off switch as a full-width row (a native checkbox, so it is a real form control). */
export function SwitchRow({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="cp-switch">
      <span className="cp-switch-text">
        <span>{label}</span>
        {hint ? <span className="pf-hint">{hint}</span> : null}
      </span>
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="cp-switch-track" aria-hidden="true" />
    </label>
  );
}

/** UX.md colours: open blue, waiting on someone orange, overdue red, closed green, refused grey. */
export function caseTone(c: Pick<CaseView, 'state' | 'stateType' | 'overdue' | 'onHold' | 'pendingRequest'>) {
  if (['rejected', 'duplicate', 'transferred'].includes(c.state)) return 'refused' satisfies StatusTone;
  if (c.stateType === 'closed') return 'closed' satisfies StatusTone;
  if (c.overdue) return 'overdue' satisfies StatusTone;
  if (c.state === 'draft' || c.onHold || c.pendingRequest) return 'waiting' satisfies StatusTone;
  return 'open' satisfies StatusTone;
}

/** The state, and urgent / overdue when they apply. */
export function CaseTags({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  return (
    <span className="phone-tags">
      <StatusTag tone={caseTone(c)}>{t(`cases.state.${c.state}`)}</StatusTag>
      {c.urgency === 'urgent' ? <Tag color="red">{t('cases.urgency.urgent')}</Tag> : null}
      {c.kind === 'emergency' ? <Tag color="magenta">{t('cases.kind.emergency')}</Tag> : null}
      {c.overdue ? <Tag color="red">{t('casesPhone.overdue')}</Tag> : null}
    </span>
  );
}

/** 截止 … when the case has a deadline; red once it has passed. */
export function DueText({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  if (!c.dueAt || c.stateType === 'closed') return null;
  return (
    <span className={c.overdue ? 'due-late' : 'muted'}>
      {t('casesPhone.due', { at: formatDateTime(c.dueAt) })}
    </span>
  );
}

/** 350 米 / 1.2 公里. */
export function useDistanceText() {
  const { t } = useTranslation();
  return (metres: number) =>
    metres < 1000
      ? t('casesPhone.distance.m', { n: Math.round(metres) })
      : t('casesPhone.distance.km', { n: (metres / 1000).toFixed(1) });
}
