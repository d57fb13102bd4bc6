import type {
  CaseDetailView,
  CaseListQuery,
  CaseView,
  CategoryView,
  caseMapItem,
  IndicatorView,
} from '@linli/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api, type Infer, type Query, withQuery } from '../../app/api';
import i18n from '../../app/i18n';

/* Types, fetchers and query hooks for /api/cases on the desk. Type-only contract imports. */
export type { CaseDetailView, CaseView, CategoryView, IndicatorView };
export type CaseMapItem = Infer<typeof caseMapItem>;
export type MapArea = { id: number; name: string; level: string; boundary: unknown };
export type Assignee = { id: number; name: string; level: string; departmentType: string | null };
export type CaseFilters = Partial<Omit<CaseListQuery, 'cursor' | 'limit'>>;
type Page = { items: CaseView[]; nextCursor: string | null };

export const caseKeys = {
  all: ['cases'] as const,
  list: (f: CaseFilters) => ['cases', 'list', f] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  map: (nodeId: number | undefined) => ['cases', 'map', nodeId ?? null] as const,
  categories: ['cases', 'categories'] as const,
  assignees: (id: number) => ['cases', 'assignees', id] as const,
  duplicates: (id: number) => ['cases', 'duplicates', id] as const,
  indicators: (q: IndicatorQuery) => ['cases', 'indicators', q] as const,
};

export const casePath = (id: number) => `/desk/cases/${id}`;

export function useCaseList(filters: CaseFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...caseKeys.list(filters), limit],
    queryFn: ({ pageParam }) => api.get<Page>('/cases', { ...filters, cursor: pageParam, limit } as Query),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => api.get<CaseDetailView>(`/cases/${id}`),
    enabled: Number.isInteger(id) && id > 0,
    retry: false,
  });
}

export function useCaseMap(nodeId: number | undefined) {
  return useQuery({
    queryKey: caseKeys.map(nodeId),
    queryFn: () => api.get<{ items: CaseMapItem[]; areas: MapArea[] }>('/cases/map', { nodeId }),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: caseKeys.categories,
    queryFn: () => api.get<CategoryView[]>('/cases/categories'),
    staleTime: 5 * 60_000,
  });
}

export function useAssignees(id: number) {
  return useQuery({
    queryKey: caseKeys.assignees(id),
    queryFn: () => api.get<Assignee[]>(`/cases/${id}/assignees`),
  });
}

export function useDuplicates(id: number) {
  return useQuery({
    queryKey: caseKeys.duplicates(id),
    queryFn: () => api.get<CaseView[]>(`/cases/${id}/duplicates`),
  });
}

export type IndicatorQuery = { nodeId?: number; from: string; to: string };

export function useIndicators(q: IndicatorQuery) {
  return useQuery({
    queryKey: caseKeys.indicators(q),
    queryFn: () => api.get<IndicatorView>('/cases/indicators', q),
  });
}

/** The XLSX of the same figures; a plain link, so the browser downloads it. */
export const indicatorsXlsxHref = (q: IndicatorQuery) => `/api${withQuery('/cases/indicators.xlsx', q)}`;

export const fireAction = (id: number, body: Record<string, unknown>) =>
  api.post<CaseDetailView>(`/cases/${id}/actions`, body);

export const addCaseNote = (id: number, body: { note: string; public: boolean }) =>
  api.post<CaseDetailView>(`/cases/${id}/notes`, body);

export const importCategories = (categories: unknown[]) =>
  api.post<{ count: number }>('/cases/categories/import', { categories });

/**
 * Sends one photo as the raw request body (the API takes no multipart) and answers its id. The API
 * reads the type from the bytes; the declared type only has to be one it accepts.
 */
export async function uploadPhoto(file: File, csrfToken: string): Promise<{ id: number; url: string }> {
  let res: Response;
  try {
    res = await fetch('/api/cases/photos', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-csrf-token': csrfToken,
        'accept-language': i18n.language === 'en-US' ? 'en-US' : 'zh-CN',
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network.offline', i18n.t('errors.offline'));
  }
  const payload = (await res.json().catch(() => null)) as {
    id?: number;
    url?: string;
    error?: { code?: string; message?: string };
  } | null;
  if (res.ok && payload?.id && payload.url) return { id: payload.id, url: payload.url };
  throw new ApiError(
    res.status,
    payload?.error?.code ?? `http.${res.status}`,
    payload?.error?.message ?? i18n.t('errors.network', { status: res.status }),
  );
}

/** Stores a case the API just returned and marks every other case view, list, map and figure stale. */
export function useCaseUpdated() {
  const client = useQueryClient();
  return useCallback(
    (c?: CaseDetailView) => {
      if (c) client.setQueryData(caseKeys.detail(c.id), c);
      void client.invalidateQueries({
        queryKey: caseKeys.all,
        // The category tree does not change with a case; the case just stored is already fresh.
        predicate: (q) =>
          q.queryKey[1] !== 'categories' && (!c || q.queryKey[1] !== 'detail' || q.queryKey[2] !== c.id),
      });
    },
    [client],
  );
}
