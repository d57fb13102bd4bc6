import type { OrgNodeView } from '@linli/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../app/api';
import { fetchOrgChildren, fetchOrgRoots, orgKeys } from '../../components/org-api';

export function useOrgNode(id: number) {
  return useQuery({
    queryKey: orgKeys.node(id),
    queryFn: () => api.get<OrgNodeView>(`/org/nodes/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useOrgChildren(parentId: number, enabled = true) {
  return useQuery({
    queryKey: orgKeys.children(parentId),
    queryFn: () => fetchOrgChildren(parentId),
    enabled: enabled && parentId > 0,
  });
}

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchOrgRoots });
}

/** After any change to the tree, every cached piece of it may be stale (counts, parents, names). */
export function useRefreshOrg() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ['org'] }), [client]);
}
