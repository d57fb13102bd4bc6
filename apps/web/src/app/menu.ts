import type { Permission } from '@linli/contract';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';

/** One desk menu entry; modules export their groups (see desk-layout.tsx) so the menu grows with them. */
export interface MenuEntry {
  path: string;
  labelKey: ParseKeys;
  icon: ReactNode;
  /** Shown to holders of this permission, or of any one of a list. */
  permission?: Permission | readonly Permission[];
  /** Other pages that belong to this entry (its menu item stays selected there). */
  also?: string[];
}

export interface MenuGroup {
  key: string;
  labelKey: ParseKeys | null;
  entries: MenuEntry[];
}
