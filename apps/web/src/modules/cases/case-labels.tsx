import type { CaseState } from '@linli/contract';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { dynamicLabel } from '../../components/labels';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { type CaseView, type CategoryView, useCategories } from './case-api';

/**
 * UX.md colours: open work blue, finished green, ended without handling (不予立案, 合并, 移交) and
 * drafts grey. Overdue and pending requests get their own tags beside the state.
 */
const ENDED_UNHANDLED = new Set<CaseState>(['rejected', 'duplicate', 'transferred', 'draft']);

export function stateTone(state: CaseState, stateType: CaseView['stateType']): StatusTone {
  if (ENDED_UNHANDLED.has(state) || stateType === 'hidden') return 'refused';
  return stateType === 'closed' ? 'closed' : 'open';
}

/** Labels of the shared case catalogue for codes that arrive as plain strings (timeline, roles). */
export const caseLabel = (
  t: TFunction,
  group: 'state' | 'action' | 'kind' | 'channel' | 'reason' | 'transferSystem' | 'level',
  code: string,
) => dynamicLabel(t, `cases.${group}`, code);

/** `E0101 暴露垃圾` in the UI language. */
export function categoryLabel(c: Pick<CategoryView, 'code' | 'nameZh' | 'nameEn'>): string {
  return `${c.code} ${currentLanguage() === 'en-US' ? c.nameEn : c.nameZh}`;
}

/**
 * A case's category in the UI language. The API names it in the language of the request, which a
 * cached case keeps after the language is switched; the category list has both names.
 */
export function useCaseCategory(): (
  c: Pick<CaseView, 'categoryId' | 'categoryCode' | 'categoryName'>,
) => string {
  const categories = useCategories();
  const byId = useMemo(() => new Map((categories.data ?? []).map((k) => [k.id, k])), [categories.data]);
  // categoryLabel reads the language when called; callers re-render on a switch (useTranslation).
  return useCallback(
    (c) => {
      const known = c.categoryId ? byId.get(c.categoryId) : undefined;
      if (known) return categoryLabel(known);
      return c.categoryCode ? `${c.categoryCode} ${c.categoryName ?? ''}` : '—';
    },
    [byId],
  );
}

export function StateTag({ c }: { c: Pick<CaseView, 'state' | 'stateType'> }) {
  const { t } = useTranslation();
  return <StatusTag tone={stateTone(c.state, c.stateType)}>{t(`cases.state.${c.state}`)}</StatusTag>;
}

/** The flags a dispatcher scans for: urgent, overdue, on hold, a request waiting for an answer. */
export function CaseFlags({ c }: { c: Pick<CaseView, 'urgency' | 'overdue' | 'onHold' | 'pendingRequest'> }) {
  const { t } = useTranslation();
  return (
    <span className="tag-list">
      {c.urgency === 'urgent' ? <Tag color="volcano">{t('cases.urgency.urgent')}</Tag> : null}
      {c.overdue ? <StatusTag tone="overdue">{t('casesDesk.flag.overdue')}</StatusTag> : null}
      {c.onHold ? <StatusTag tone="waiting">{t('casesDesk.flag.onHold')}</StatusTag> : null}
      {c.pendingRequest ? (
        <StatusTag tone="waiting">{t(`casesDesk.flag.pending.${c.pendingRequest}`)}</StatusTag>
      ) : null}
    </span>
  );
}

/** 0.8765 → `87.7%`; no denominator → `—`. */
export function formatRate(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
}
