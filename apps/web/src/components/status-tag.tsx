import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** UX.md: the same colour for the same meaning everywhere. */
export type StatusTone = 'open' | 'waiting' | 'overdue' | 'closed' | 'refused';

const COLOURS: Record<StatusTone, string> = {
  open: 'blue',
  waiting: 'orange',
  overdue: 'red',
  closed: 'green',
  refused: 'default',
};

export function StatusTag({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return <Tag color={COLOURS[tone]}>{children}</Tag>;
}
