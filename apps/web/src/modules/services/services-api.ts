import type { ApplicationListItem, ApplicationView, MatterView, WindowFiguresView } from '@linli/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api, withQuery } from '../../app/api';
import i18n from '../../app/i18n';

/* Queries of the one-window screens (desk and phone). Type-only contract imports: no zod in the bundle. */
export type { ApplicationListItem, ApplicationView, MatterView, WindowFiguresView };
export type Prefill = {
  residentId: number;
  name: string;
  idNumberMasked: string | null;
  address: string | null;
};

export const serviceKeys = {
  all: ['services'] as const,
  matters: ['services', 'matters'] as const,
  matter: (id: number) => ['services', 'matters', id] as const,
  list: (view: string, extra = '') => ['services', 'list', view, extra] as const,
  detail: (id: number) => ['services', 'detail', id] as const,
  prefill: ['services', 'prefill'] as const,
};

export const useMatters = () =>
  useQuery({
    queryKey: serviceKeys.matters,
    queryFn: () => api.get<MatterView[]>('/services/matters'),
    staleTime: 600_000,
  });

export const useMatter = (id: number) =>
  useQuery({
    queryKey: serviceKeys.matter(id),
    queryFn: () => api.get<MatterView>(`/services/matters/${id}`),
    enabled: id > 0,
    retry: false,
  });

export const usePrefill = () =>
  useQuery({
    queryKey: serviceKeys.prefill,
    queryFn: () => api.get<Prefill>('/services/prefill'),
    retry: false,
  });

export const useApplications = (view: 'mine' | 'window' | 'department', today = false) =>
  useQuery({
    queryKey: serviceKeys.list(view, today ? 'today' : ''),
    queryFn: () =>
      api.get<ApplicationListItem[]>('/services/applications', { view, today: today || undefined }),
    staleTime: 0,
  });

export const useApplication = (id: number) =>
  useQuery({
    queryKey: serviceKeys.detail(id),
    queryFn: () => api.get<ApplicationView>(`/services/applications/${id}`),
    enabled: id > 0,
    staleTime: 0,
    retry: false,
  });

export const fireApplicationAction = (id: number, body: Record<string, unknown>) =>
  api.post<ApplicationView>(`/services/applications/${id}/actions`, body);

export const submitApplication = (body: Record<string, unknown>) =>
  api.post<ApplicationView>('/services/applications', body);

/** Stores the application the API answered and marks the lists stale. */
export function useApplicationChanged() {
  const client = useQueryClient();
  return useCallback(
    (a: ApplicationView) => {
      client.setQueryData(serviceKeys.detail(a.id), a);
      void client.invalidateQueries({ queryKey: ['services', 'list'] });
    },
    [client],
  );
}

/** Uploads a material or an authorisation as the raw body (image or PDF, at most 10 MB). */
export async function uploadServiceFile(file: Blob, csrfToken: string): Promise<{ id: number; url: string }> {
  let res: Response;
  try {
    res = await fetch('/api/services/files', {
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

/** The matter's name in the current language. */
export const matterName = (m: { nameZh: string; nameEn: string }) =>
  i18n.language === 'en-US' ? m.nameEn : m.nameZh;
export const STATE_COLOR: Record<string, string> = {
  submitted: 'blue',
  pre_review: 'blue',
  supplement_required: 'orange',
  not_accepted: 'default',
  accepted: 'cyan',
  forwarded: 'purple',
  under_review: 'purple',
  approved: 'green',
  refused: 'red',
  issued: 'green',
  evaluated: 'default',
  withdrawn: 'default',
};

export type WindowFiguresQuery = {
  from: string;
  to: string;
  nodeId?: number | undefined;
  matterId?: number | undefined;
};

/** Figures of the windows in the reader's scope (volume, on-the-spot share, on time, 好差评, supplements). */
export const useWindowFigures = (q: WindowFiguresQuery) =>
  useQuery({
    queryKey: ['services', 'figures', q] as const,
    queryFn: () => api.get<WindowFiguresView>('/services/figures', q),
  });

/** The XLSX of the same figures; a plain link, so the browser downloads it. */
export const windowFiguresXlsxHref = (q: WindowFiguresQuery) =>
  `/api${withQuery('/services/figures.xlsx', q)}`;
