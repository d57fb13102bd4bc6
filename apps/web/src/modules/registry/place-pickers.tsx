import { useQueryClient } from '@tanstack/react-query';
import { Cascader, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import {
  type Building,
  type House,
  registryKeys,
  useBuildings,
  useHouse,
  useResidentList,
} from './registry-api';
import { houseName, regLabel } from './registry-labels';

type Option = { value: number; label: string; isLeaf?: boolean; children?: Option[] };

/** Building, then house, within one grid. Its value is the house id. */
export function HousePicker({
  id,
  gridId,
  value,
  onChange,
}: {
  id?: string;
  gridId?: number;
  value?: number | null;
  onChange?: (houseId: number | null) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const buildings = useBuildings(gridId);
  const current = useHouse(value ?? undefined);
  const [houses, setHouses] = useState<Record<number, House[]>>({});

  const options = useMemo<Option[]>(
    () =>
      (buildings.data ?? []).map((b: Building) => ({
        value: b.id,
        label: b.name,
        isLeaf: b.houses === 0,
        children: houses[b.id]?.map((h) => ({ value: h.id, label: houseName(h), isLeaf: true })),
      })),
    [buildings.data, houses],
  );

  const load = async (path: Option[]) => {
    const building = path[path.length - 1];
    if (!building || houses[building.value]) return;
    const list = await client.fetchQuery({
      queryKey: registryKeys.houses(building.value),
      queryFn: () => api.get<House[]>(`/registry/buildings/${building.value}/houses`),
    });
    setHouses((prev) => ({ ...prev, [building.value]: list }));
  };

  const picked = value && current.data ? current.data.house : null;
  return (
    <Cascader<Option>
      id={id}
      options={options}
      loadData={load}
      changeOnSelect={false}
      disabled={!gridId}
      loading={buildings.isLoading}
      placeholder={t('registry.form.housePlaceholder')}
      value={picked ? [picked.buildingId, picked.id] : undefined}
      displayRender={() => (picked ? `${picked.buildingName} ${houseName(picked)}` : '')}
      onChange={(path) => onChange?.(path ? (path[path.length - 1] as number) : null)}
      allowClear
      style={{ width: '100%' }}
    />
  );
}

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * A household found through one of its members: type a name, pick the person, get their household.
 * (The API has no household search of its own.) Its value is the household id.
 */
export function HouseholdPicker({
  id,
  gridId,
  excludeResidentId,
  value,
  onChange,
}: {
  id?: string;
  gridId?: number;
  excludeResidentId?: number;
  value?: number;
  onChange?: (householdId: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const list = useResidentList({ q: debounced, nodeId: gridId }, 20, debounced.length > 0);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const seen = new Set<number>();
  const options = [];
  for (const r of rows) {
    if (r.id === excludeResidentId) continue;
    if (r.householdId !== null && seen.has(r.householdId)) continue;
    if (r.householdId !== null) seen.add(r.householdId);
    options.push({
      value: r.householdId ?? -r.id,
      disabled: r.householdId === null,
      label: `${r.name}（${regLabel(t, 'gender', r.gender)}，${t('registry.list.ageValue', { age: r.age })}）${
        r.householdId === null
          ? t('registry.form.noHouseholdYet')
          : ` · ${t('registry.household.title', { no: t('registry.household.noNumber', { id: r.householdId }) })}`
      }`,
    });
  }
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={list.isFetching}
      placeholder={t('registry.form.householdPickPlaceholder')}
      notFoundContent={debounced ? t('registry.form.householdNoMatch') : null}
      style={{ width: '100%' }}
    />
  );
}
