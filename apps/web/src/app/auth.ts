import type { MeView, Permission } from '@linli/contract';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, isApiError, setCsrfToken } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/** GET /api/auth/me; null when nobody is signed in. */
export async function fetchMe(): Promise<MeView | null> {
  try {
    const me = await api.get<MeView>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in user; only call below the auth guard, where `me` is known to be loaded. */
export function useSession(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useSession outside the auth guard');
  return data;
}

export function hasPermission(me: MeView | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

export function useCan(): (permission: Permission) => boolean {
  const { data } = useMe();
  return useCallback((permission: Permission) => hasPermission(data, permission), [data]);
}

/** Where someone lands after signing in: residents and pure grid workers on the phone screens. */
export function homePathFor(me: MeView): string {
  if (me.account.kind === 'resident') return '/m';
  if (me.roles.length > 0 && me.roles.every((r) => r.role === 'grid_worker')) return '/m/grid';
  return '/desk';
}

/** Stores a fresh MeView (after login) so guards and menus see it at once. */
export function acceptSession(client: QueryClient, me: MeView): void {
  setCsrfToken(me.csrfToken);
  client.setQueryData(ME_KEY, me);
}

/** Forgets the session locally and drops every cached record (they belonged to that user). */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

export function useLogout() {
  const client = useQueryClient();
  return useCallback(
    async (everywhere: boolean) => {
      try {
        await api.post(everywhere ? '/auth/logout-all' : '/auth/logout');
      } catch (e) {
        if (!isApiError(e, 401)) throw e;
      }
      forgetSession(client);
    },
    [client],
  );
}
