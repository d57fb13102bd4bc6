import type { AccountView } from '@linli/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../app/api';

export type Page<T> = { items: T[]; nextCursor: string | null };

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: string) => ['accounts', 'list', q] as const,
  one: (id: number) => ['accounts', 'one', id] as const,
  tokens: (id: number) => ['accounts', 'tokens', id] as const,
  roles: ['accounts', 'roles'] as const,
};

export function useAccountList(q: string) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(q),
    queryFn: ({ pageParam }) =>
      api.get<Page<AccountView>>('/admin/accounts', { q: q || undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccount(id: number) {
  return useQuery({
    queryKey: accountKeys.one(id),
    queryFn: () => api.get<AccountView>(`/admin/accounts/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Stores the account the API just returned and marks the lists stale. */
export function useAccountUpdated() {
  const client = useQueryClient();
  return useCallback(
    (account?: AccountView) => {
      if (account) client.setQueryData(accountKeys.one(account.id), account);
      void client.invalidateQueries({ queryKey: accountKeys.all });
    },
    [client],
  );
}
