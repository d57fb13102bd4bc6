import type { TFunction } from 'i18next';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import type { DemandView } from './hotline-api';

/** Waiting on us (send, call back) is orange; with the provider is blue; done green; cancelled grey. */
const TONES: Record<string, StatusTone> = {
  filed: 'waiting',
  dispatched: 'open',
  in_progress: 'open',
  handled: 'waiting',
  evaluated: 'closed',
  rejected: 'refused',
};

export function DemandStateTag({ state, t }: { state: string; t: TFunction }) {
  return (
    <StatusTag tone={TONES[state] ?? 'open'}>
      {t(`hotline.state.${state}` as 'hotline.state.filed')}
    </StatusTag>
  );
}

export const categoryName = (t: TFunction, code: string | null) =>
  code ? t(`hotline.category.${code}` as 'hotline.category.meals') : '—';

/** Minutes on foot at an unhurried 80 m a minute (1,200 m ≈ 15 minutes). */
export const walkMinutes = (metres: number) => Math.max(1, Math.round(metres / 80));

export type { DemandView };
