import type { CaseDetailView, CaseStage, CaseView, CategoryView, MeView } from '@linli/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../app/api';
import { fetchOrgChildren } from '../../components/org-api';

/* Queries of the phone case screens. Type-only contract imports: the phone bundle carries no zod. */
export type { CaseDetailView, CaseView, CategoryView };

export const phoneCaseKeys = {
  all: ['cases'] as const,
  list: (view: 'mine' | 'reported') => ['cases', 'phone', view] as const,
  taskCount: ['cases', 'phone', 'task-count'] as const,
  detail: (id: number) => ['cases', 'phone', 'detail', id] as const,
  categories: ['cases', 'phone', 'categories'] as const,
};

type Page = { items: CaseView[]; nextCursor: string | null };

/** 我的任务 (view=mine: verify and check in my grids, cases assigned to my grid, my drafts) or 我的反映. */
export function usePhoneCaseList(view: 'mine' | 'reported') {
  return useInfiniteQuery({
    queryKey: phoneCaseKeys.list(view),
    queryFn: ({ pageParam }) => api.get<Page>('/cases', { view, cursor: pageParam, limit: 50 }),
    // Others move these cases (the street, a department): show what is kept, then what is true now.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const COUNT_LIMIT = 100;

/** How many tasks wait (capped: "99+" is as precise as a home tile needs). */
export function useTaskCount(enabled: boolean) {
  return useQuery({
    queryKey: phoneCaseKeys.taskCount,
    queryFn: async () => {
      const page = await api.get<Page>('/cases', { view: 'mine', limit: COUNT_LIMIT });
      return { count: page.items.length, more: page.nextCursor !== null };
    },
    enabled,
  });
}

export function usePhoneCase(id: number) {
  return useQuery({
    queryKey: phoneCaseKeys.detail(id),
    queryFn: () => api.get<CaseDetailView>(`/cases/${id}`),
    staleTime: 0,
    enabled: Number.isInteger(id) && id > 0,
    retry: false,
  });
}

/** The category tree; kept for the day, so a report started offline still has its quick picks. */
export function usePhoneCategories() {
  return useQuery({
    queryKey: phoneCaseKeys.categories,
    queryFn: () => api.get<CategoryView[]>('/cases/categories'),
    staleTime: 24 * 3_600_000,
    gcTime: 24 * 3_600_000,
  });
}

export const fireCaseAction = (id: number, body: Record<string, unknown>) =>
  api.post<CaseDetailView>(`/cases/${id}/actions`, body);

/** Stores the case the API just answered and marks every case list and count stale. */
export function useCaseChanged() {
  const client = useQueryClient();
  return useCallback(
    (c?: CaseDetailView) => {
      if (c) client.setQueryData(phoneCaseKeys.detail(c.id), c);
      void client.invalidateQueries({
        queryKey: phoneCaseKeys.all,
        predicate: (q) => !c || q.queryKey[2] !== 'detail' || q.queryKey[3] !== c.id,
      });
    },
    [client],
  );
}

/**
 * The standard stages in order (信息收集 → … → 评价), restated here because the contract's list comes
 * with zod; a Record, so the compiler notices a stage the contract adds.
 */
const STAGE_ORDER: Record<CaseStage, number> = {
  collect: 0,
  file: 1,
  dispatch: 2,
  handle: 3,
  feedback: 4,
  check: 5,
  close: 6,
  evaluate: 7,
};
export const STAGES = (Object.keys(STAGE_ORDER) as CaseStage[]).sort(
  (a, b) => STAGE_ORDER[a] - STAGE_ORDER[b],
);

/**
 * The grids a grid worker may report against when the phone gives no position: the grids of their
 * roles straight from the session (no network needed), plus the grids under a community they hold.
 */
export function useReportGrids(me: MeView) {
  const held = me.roles.filter((r) => r.role === 'grid_worker');
  const direct = held
    .filter((r) => r.orgNodeLevel === 'grid')
    .map((r) => ({ id: r.orgNodeId, name: r.orgNodeName }));
  const communities = held.filter((r) => r.orgNodeLevel === 'community').map((r) => r.orgNodeId);
  const below = useQuery({
    queryKey: ['cases', 'phone', 'grids', communities],
    queryFn: async () => {
      const lists = await Promise.all(communities.map((id) => fetchOrgChildren(id)));
      return lists.flat().filter((n) => n.level === 'grid' && !n.validTo);
    },
    enabled: communities.length > 0,
    staleTime: 3_600_000,
    gcTime: 24 * 3_600_000,
  });
  const seen = new Set(direct.map((g) => g.id));
  const more = (below.data ?? []).filter((g) => !seen.has(g.id)).map((g) => ({ id: g.id, name: g.name }));
  return { grids: [...direct, ...more], loading: below.isLoading, error: below.error };
}
