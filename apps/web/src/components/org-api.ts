import type { OrgNodeView } from '@linli/contract';
import { api } from '../app/api';

/** Query keys and fetchers for the org tree, kept apart from the TreeSelect so phone screens stay light. */
export const orgKeys = {
  roots: ['org', 'roots'] as const,
  children: (parentId: number) => ['org', 'children', parentId] as const,
  node: (id: number) => ['org', 'node', id] as const,
};

export const fetchOrgRoots = () => api.get<OrgNodeView[]>('/org/roots');
export const fetchOrgChildren = (parentId: number) => api.get<OrgNodeView[]>('/org/nodes', { parentId });
