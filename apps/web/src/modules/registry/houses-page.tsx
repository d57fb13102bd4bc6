import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { GridSelect } from './grid-select';
import { BuildingCreateModal, HouseCreateModal } from './house-forms';
import { HouseDrawer, HouseGrid, HouseLegend } from './house-grid';
import { type Building, useBuildingHouses, useBuildings } from './registry-api';
import './registry.css';

const num = (v: string | null) => (v && Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);

function BuildingHouses({ building, onOpen }: { building: Building; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const houses = useBuildingHouses(building.id);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      size="small"
      title={`${building.name} · ${building.address}`}
      extra={
        can('registry.write') ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('registry.houses.createHouse')}
          </Button>
        ) : null
      }
    >
      <HouseLegend />
      {houses.isLoading ? <PageLoading /> : null}
      <ApiErrorAlert error={houses.error} />
      {houses.data ? <HouseGrid houses={houses.data} onOpen={onOpen} /> : null}
      {creating ? <HouseCreateModal building={building} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

/** Pick a grid, then a building: its houses by unit and floor, coloured by use, with occupant counts. */
export function HousesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const gridId = num(params.get('grid'));
  const buildingId = num(params.get('building'));
  const houseId = num(params.get('house')) ?? null;
  const buildings = useBuildings(gridId);
  const [creating, setCreating] = useState(false);
  const set = (next: Record<string, string | number | undefined | null>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === null) merged.delete(k);
      else merged.set(k, String(v));
    }
    setParams(merged);
  };
  const list = [...(buildings.data ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
  );
  const building = list.find((b) => b.id === buildingId) ?? list[0];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.registryGroup') }, { title: t('nav.houses') }]}
        title={t('nav.houses')}
        extra={
          can('registry.write') && gridId ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('registry.houses.createBuilding')}
            </Button>
          ) : null
        }
      />
      <Card size="small" className="filter-bar">
        <Form layout="inline">
          <Form.Item label={t('registry.houses.pickGrid')} htmlFor="houses-grid">
            <GridSelect
              id="houses-grid"
              style={{ width: 320 }}
              value={gridId}
              valueLabel={params.get('gridName') ?? undefined}
              onChange={(id, name) => set({ grid: id, gridName: name, building: undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      {!gridId ? (
        <Empty description={t('registry.houses.pickGridHint')} />
      ) : (
        <div className="house-layout">
          <Card size="small" title={t('registry.houses.buildings')}>
            <ApiErrorAlert error={buildings.error} />
            {buildings.isLoading ? <PageLoading /> : null}
            {buildings.data && list.length === 0 ? (
              <Empty description={t('registry.houses.noBuildings')} />
            ) : null}
            <ul className="building-list">
              {list.map((b) => (
                <li key={b.id}>
                  <button
                    type="button"
                    aria-pressed={b.id === building?.id}
                    onClick={() => set({ building: b.id })}
                  >
                    <strong>{b.name}</strong>
                    <span className="muted">{t('registry.houses.houseCount', { count: b.houses })}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Card>
          {building ? <BuildingHouses building={building} onOpen={(id) => set({ house: id })} /> : <span />}
        </div>
      )}
      <HouseDrawer houseId={houseId} onClose={() => set({ house: undefined })} />
      {creating && gridId ? (
        <BuildingCreateModal
          gridId={gridId}
          onClose={() => setCreating(false)}
          onCreated={(b) => set({ building: b.id })}
        />
      ) : null}
    </>
  );
}
