import type {
  buildingView,
  correctionView,
  householdView,
  houseView,
  ResidentView,
  residentDetailView,
  residentEventView,
  residentUnitView,
  revealView,
} from '@linli/contract';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, type Infer, type Query, withQuery } from '../../app/api';

/* Types, fetchers and query hooks for /api/registry. Type-only contract imports keep this phone-safe. */
export type { ResidentView };
export type ResidentDetail = Infer<typeof residentDetailView>;
export type ResidentEvent = Infer<typeof residentEventView>;
export type Household = Infer<typeof householdView>;
export type House = Infer<typeof houseView>;
export type Building = Infer<typeof buildingView>;
export type ResidentUnit = Infer<typeof residentUnitView>;
export type Correction = Infer<typeof correctionView>;
export type Revealed = Infer<typeof revealView>;
export type ExpiringFloating = {
  registrationId: number;
  residentId: number;
  name: string;
  expectedUntil: string;
  gridName: string;
};

export type ResidentFilters = {
  q?: string;
  nodeId?: number;
  tag?: string;
  gender?: string;
  ageMin?: number;
  ageMax?: number;
  address?: string;
  houseId?: number;
  residenceType?: string;
  status?: string;
  sort?: 'name' | 'birthDate' | 'updatedAt';
};
export type ResidentPage = { items: ResidentView[]; nextCursor: string | null; total: number | null };
type Page<T> = { items: T[]; nextCursor: string | null };

export const registryKeys = {
  all: ['registry'] as const,
  residents: (f: ResidentFilters) => ['registry', 'residents', f] as const,
  resident: (id: number) => ['registry', 'resident', id] as const,
  events: (id: number) => ['registry', 'events', id] as const,
  household: (id: number) => ['registry', 'household', id] as const,
  myHousehold: ['registry', 'me', 'household'] as const,
  buildings: (nodeId: number) => ['registry', 'buildings', nodeId] as const,
  houses: (buildingId: number) => ['registry', 'houses', buildingId] as const,
  house: (id: number) => ['registry', 'house', id] as const,
  units: (nodeId: number | undefined, q: string) => ['registry', 'units', nodeId ?? null, q] as const,
  corrections: (status: string) => ['registry', 'corrections', status] as const,
  expiring: (days: number) => ['registry', 'expiring', days] as const,
};

/** The desk page of one resident. */
export const residentPath = (id: number) => `/desk/registry/residents/${id}`;

export function filtersQuery(f: ResidentFilters): Query {
  return { ...f };
}

/** The XLSX export of what the list shows (masked); a plain link, so the browser downloads it. */
export function exportHref(f: ResidentFilters): string {
  const { sort: _sort, ...rest } = f;
  return `/api${withQuery('/registry/residents/export.xlsx', filtersQuery(rest))}`;
}

export function useResidentList(filters: ResidentFilters, limit = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...registryKeys.residents(filters), limit],
    queryFn: ({ pageParam }) =>
      api.get<ResidentPage>('/registry/residents', { ...filtersQuery(filters), cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

const validId = (id: number | null | undefined): id is number => !!id && Number.isInteger(id) && id > 0;

export function useResident(id: number) {
  return useQuery({
    queryKey: registryKeys.resident(id),
    queryFn: () => api.get<ResidentDetail>(`/registry/residents/${id}`),
    enabled: validId(id),
  });
}

export function useResidentEvents(id: number, enabled = true) {
  return useQuery({
    queryKey: registryKeys.events(id),
    queryFn: () => api.get<ResidentEvent[]>(`/registry/residents/${id}/events`),
    enabled: enabled && validId(id),
  });
}

export function useHousehold(id: number | null | undefined) {
  return useQuery({
    queryKey: registryKeys.household(id ?? 0),
    queryFn: () => api.get<Household>(`/registry/households/${id}`),
    enabled: validId(id),
  });
}

export function useMyHousehold() {
  return useQuery({
    queryKey: registryKeys.myHousehold,
    queryFn: () => api.get<Household>('/me/household'),
  });
}

export function useBuildings(nodeId: number | undefined) {
  return useQuery({
    queryKey: registryKeys.buildings(nodeId ?? 0),
    queryFn: () => api.get<Building[]>('/registry/buildings', { nodeId }),
    enabled: validId(nodeId),
  });
}

export function useBuildingHouses(buildingId: number | undefined) {
  return useQuery({
    queryKey: registryKeys.houses(buildingId ?? 0),
    queryFn: () => api.get<House[]>(`/registry/buildings/${buildingId}/houses`),
    enabled: validId(buildingId),
  });
}

export function useHouse(id: number | undefined) {
  return useQuery({
    queryKey: registryKeys.house(id ?? 0),
    queryFn: () => api.get<{ house: House; occupants: ResidentView[] }>(`/registry/houses/${id}`),
    enabled: validId(id),
  });
}

export function useUnits(nodeId: number | undefined, q: string) {
  return useInfiniteQuery({
    queryKey: registryKeys.units(nodeId, q),
    queryFn: ({ pageParam }) =>
      api.get<Page<ResidentUnit>>('/registry/units', { nodeId, q: q || undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCorrections(status: string) {
  return useQuery({
    queryKey: registryKeys.corrections(status),
    queryFn: () => api.get<Correction[]>('/registry/corrections', { status }),
  });
}

export function useExpiring(days: number, enabled = true) {
  return useQuery({
    queryKey: registryKeys.expiring(days),
    queryFn: () => api.get<ExpiringFloating[]>('/registry/floating/expiring', { days }),
    enabled,
  });
}

export const revealField = (id: number, field: 'idNumber' | 'phone', reason: string) =>
  api.post<Revealed>(`/registry/residents/${id}/reveal`, { field, reason });

/** Stores a resident the API just returned and marks every registry list and view stale. */
export function useRegistryUpdated() {
  const client = useQueryClient();
  return useCallback(
    (resident?: ResidentDetail) => {
      if (resident) client.setQueryData(registryKeys.resident(resident.id), resident);
      void client.invalidateQueries({
        queryKey: registryKeys.all,
        predicate: (q) => !resident || q.queryKey[1] !== 'resident' || q.queryKey[2] !== resident.id,
      });
    },
    [client],
  );
}
