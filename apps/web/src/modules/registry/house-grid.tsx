import { Descriptions, Drawer, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageLoading } from '../../components/page-loading';
import { type House, type ResidentView, residentPath, useHouse } from './registry-api';
import { HOUSE_USE_LIST, houseName, regLabel } from './registry-labels';
import { ResidentTags } from './resident-tags';

type Floor = { floor: number | null; houses: House[] };
type Unit = { unitNo: string | null; floors: Floor[] };

const byRoom = (a: House, b: House) => a.roomNo.localeCompare(b.roomNo, 'zh-CN', { numeric: true });

/** Houses by unit (entrance), then by floor from the top down; houses without a floor come last. */
export function groupHouses(houses: House[]): Unit[] {
  const units = new Map<string, Map<string, House[]>>();
  for (const h of houses) {
    const u = h.unitNo ?? '';
    const f = h.floor === null ? '' : String(h.floor);
    const floors = units.get(u) ?? new Map<string, House[]>();
    floors.set(f, [...(floors.get(f) ?? []), h]);
    units.set(u, floors);
  }
  return [...units.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN', { numeric: true })))
    .map(([u, floors]) => ({
      unitNo: u || null,
      floors: [...floors.entries()]
        .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : Number(b) - Number(a)))
        .map(([f, list]) => ({ floor: f === '' ? null : Number(f), houses: [...list].sort(byRoom) })),
    }));
}

export function HouseLegend() {
  const { t } = useTranslation();
  return (
    <div className="house-legend">
      <span className="muted">{t('registry.houses.legend')}</span>
      {HOUSE_USE_LIST.map((use) => (
        <span key={use}>
          <span className={`room use-${use}`} aria-hidden="true" />
          {regLabel(t, 'houseUse', use)}
        </span>
      ))}
    </div>
  );
}

export function HouseGrid({ houses, onOpen }: { houses: House[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  if (houses.length === 0) return <Empty description={t('registry.houses.noHouses')} />;
  return (
    <div className="house-units">
      {groupHouses(houses).map((unit) => (
        <section key={unit.unitNo ?? ''} className="house-unit">
          <h3>
            {unit.unitNo
              ? t('registry.houses.unitLabel', { unit: unit.unitNo })
              : t('registry.houses.noUnit')}
          </h3>
          {unit.floors.map((floor) => (
            <div key={floor.floor ?? 'none'} className="house-floor">
              <span className="house-floor-label">
                {floor.floor === null
                  ? t('registry.houses.noFloor')
                  : t('registry.houses.floorLabel', { floor: floor.floor })}
              </span>
              {floor.houses.map((h) => (
                <button
                  key={h.id}
                  type="button"
                  className={`room use-${h.use}`}
                  aria-label={t('registry.houses.room', {
                    room: houseName(h),
                    use: regLabel(t, 'houseUse', h.use),
                    count: h.occupants,
                  })}
                  onClick={() => onOpen(h.id)}
                >
                  <span>{h.roomNo}</span>
                  <span className="room-count">
                    {t('registry.houses.occupantCount', { count: h.occupants })}
                  </span>
                </button>
              ))}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** One house and the people registered in it. */
export function HouseDrawer({ houseId, onClose }: { houseId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const house = useHouse(houseId ?? undefined);
  const h = house.data?.house;
  return (
    <Drawer
      open={houseId !== null}
      onClose={onClose}
      size={640}
      title={h ? `${h.buildingName} ${houseName(h)}` : t('registry.field.houseId')}
    >
      {house.isLoading ? <PageLoading /> : null}
      {house.error && !isApiError(house.error, 404) ? <ApiErrorAlert error={house.error} /> : null}
      {isApiError(house.error, 404) ? <Empty description={t('notFound.hint')} /> : null}
      {h && house.data ? (
        <div className="stack">
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'address', label: t('registry.houses.address'), span: 2, children: h.address },
              { key: 'unit', label: t('registry.houses.unitNo'), children: h.unitNo ?? '—' },
              { key: 'floor', label: t('registry.houses.floor'), children: h.floor ?? '—' },
              { key: 'use', label: t('registry.houses.use'), children: regLabel(t, 'houseUse', h.use) },
              {
                key: 'tenure',
                label: t('registry.houses.tenure'),
                children: regLabel(t, 'tenure', h.tenure),
              },
              {
                key: 'area',
                label: t('registry.houses.area'),
                children:
                  h.area === null ? '—' : h.area.toLocaleString('en-US', { maximumFractionDigits: 2 }),
              },
            ]}
          />
          <Table<ResidentView>
            rowKey="id"
            size="small"
            pagination={false}
            title={() => t('registry.houses.occupants')}
            dataSource={house.data.occupants}
            locale={{ emptyText: t('registry.houses.noOccupants') }}
            columns={[
              {
                title: t('registry.field.name'),
                key: 'name',
                render: (_, r) => <Link to={residentPath(r.id)}>{r.name}</Link>,
              },
              {
                title: t('registry.field.gender'),
                dataIndex: 'gender',
                render: (v) => regLabel(t, 'gender', v),
              },
              { title: t('registry.field.age'), dataIndex: 'age' },
              {
                title: t('registry.field.relation'),
                dataIndex: 'relation',
                render: (v) => regLabel(t, 'relation', v),
              },
              {
                title: t('registry.field.tags'),
                dataIndex: 'tags',
                render: (v: string[]) => <ResidentTags tags={v} />,
              },
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
