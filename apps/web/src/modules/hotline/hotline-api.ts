import type {
  CaseDetailView,
  CoverageView,
  DemandView,
  HotlineFiguresView,
  ProviderMatch,
  ProviderView,
  ServiceCategory,
} from '@linli/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../app/api';

/* Queries of the hotline screens (desk and phone). Type-only contract imports: no zod in the bundle. */
export type { CoverageView, DemandView, HotlineFiguresView, ProviderMatch, ProviderView, ServiceCategory };

/** The contract's SERVICE_CATEGORIES codes (names are in the i18n catalogue: hotline.category.<code>). */
export const SERVICE_CATEGORY_CODES = [
  'meals',
  'recruitment',
  'appliance_repair',
  'home_services',
  'housekeeping',
  'elderly_care',
  'education',
  'plumbing',
  'moving',
  'laundry',
  'hairdressing',
  'nursing',
  'rehabilitation',
  'legal_aid',
  'psychological',
  'childcare',
  'lock_repair',
  'pest_control',
  'errand',
  'medical_escort',
  'water_delivery',
  'recycling',
] as const satisfies readonly ServiceCategory[];

/** The 15-minute walk, as the API's default matching radius. */
export const WALK_RADIUS_M = 1200;

export const hotlineKeys = {
  all: ['hotline'] as const,
  demands: ['hotline', 'demands'] as const,
  providers: ['hotline', 'providers'] as const,
  match: (category: string, lat: number, lng: number) => ['hotline', 'match', category, lat, lng] as const,
  demandCase: (id: number) => ['hotline', 'case', id] as const,
};

export const useDemands = () =>
  useQuery({ queryKey: hotlineKeys.demands, queryFn: () => api.get<DemandView[]>('/hotline/demands') });

export const useProviders = (enabled = true) =>
  useQuery({
    queryKey: hotlineKeys.providers,
    queryFn: () => api.get<ProviderView[]>('/hotline/providers'),
    enabled,
  });

export const useMatch = (category: string | undefined, point: { lat: number; lng: number } | null) =>
  useQuery({
    queryKey: hotlineKeys.match(category ?? '', point?.lat ?? 0, point?.lng ?? 0),
    queryFn: () => api.get<ProviderMatch[]>('/hotline/providers/match', { category, ...point }),
    enabled: Boolean(category && point),
  });

/** The demand as the case engine sees it: its version and the actions this user may fire now. */
export const useDemandCase = (id: number) =>
  useQuery({ queryKey: hotlineKeys.demandCase(id), queryFn: () => api.get<CaseDetailView>(`/cases/${id}`) });

/** Fires a case-engine action on a demand with the version the screen holds (a stale one gets 409). */
export function useDemandAction() {
  const client = useQueryClient();
  return useCallback(
    async (id: number, action: string, version: number, extra: Record<string, unknown> = {}) => {
      await api.post(`/cases/${id}/actions`, { action, version, ...extra });
      await client.invalidateQueries({ queryKey: hotlineKeys.all });
    },
    [client],
  );
}

export type HotlineFiguresQuery = { from: string; to: string; nodeId?: number | undefined };

export const useHotlineFigures = (q: HotlineFiguresQuery) =>
  useQuery({
    queryKey: ['hotline', 'figures', q] as const,
    queryFn: () => api.get<HotlineFiguresView>('/hotline/figures', q),
  });

/** The 15-minute coverage of each community under a node, for a radius in metres. */
export const useCoverage = (q: { nodeId?: number | undefined; radius: number }) =>
  useQuery({
    queryKey: ['hotline', 'coverage', q] as const,
    queryFn: () => api.get<CoverageView>('/hotline/coverage', q),
  });
