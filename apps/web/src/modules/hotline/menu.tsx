import type { MenuGroup } from '../../app/menu';

/** The desk menu groups of this module (spread into the desk menu by app/desk-layout.tsx). */
export const hotlineMenuGroups: MenuGroup[] = [];
