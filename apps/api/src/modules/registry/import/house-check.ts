import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../db/client';
import { districtIdOf } from '../registry.common';
import type { Cell } from './read-rows';
import { type GridRef, type Issue, SheetChecker, type SheetOptions } from './sheet-checker';

/** A house row that passed its checks: the building it is in (by key), and the house itself. */
export interface PreparedHouse {
  rowNo: number;
  grid: GridRef;
  buildingKey: string;
  buildingName: string;
  buildingAddress: string | null;
  unitNo: string | null;
  floor: number | null;
  roomNo: string;
  /** m² × 100, as stored. */
  area: number | null;
  use: string;
  tenure: string | null;
}

const MAX_LENGTH = { grid: 64, building: 64, buildingAddress: 200, unitNo: 16, roomNo: 16 } as const;
/** The ranges the API's own house form accepts (houseCreateBody). */
const FLOOR_MIN = -5;
const FLOOR_MAX = 200;
const AREA_MAX = 100_000;

/** Names compare without spaces and full-width forms: "3 栋" is "3栋", "１单元" is "1单元". */
const nameKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** "1单元" and "1" are the same unit; the suffix is added back when the address is written. */
const unitOf = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/单元$/, '');
/** "301室", "301号" and "301" are the same room. */
const roomKey = (s: string) => nameKey(s).replace(/[室号]$/, '');
const houseKey = (buildingKey: string, unit: string | null, room: string) =>
  `${buildingKey}|${unit ?? ''}|${roomKey(room)}`;

/** The whole number a floor cell holds ("3", "3层", "-1", a number cell), or null. */
function floorOf(cell: Cell, text: string): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : null;
  const m = /^(-?\d{1,3})[层楼]?$/.exec(text.normalize('NFKC').replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/** Square metres from "89.5", "89.5㎡", "89.5平方米", "89.5 m2" or a number cell, or null. */
function areaOf(cell: Cell, text: string): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const m = /^(\d+(\.\d+)?)(㎡|m²|m2|平方米|平米)?$/i.exec(text.normalize('NFKC').replace(/[\s,]/g, ''));
  return m ? Number(m[1]) : null;
}

/**
 * Houses, one a row: building (by name within its grid; created when new, with the building address
 * given or else its name), unit, room, floor, area, use and tenure. Buildings and houses already stored
 * under the import's grids are loaded once — a community has a few thousand houses — so duplicates in
 * the file and in the registry are both found row by row.
 */
export class HouseChecker extends SheetChecker {
  /** Buildings stored before the import (key `<grid id>|<name>`), and those it created so far. */
  private readonly buildings = new Map<string, { id: number; address: string }>();
  private readonly storedHouses = new Set<string>();
  private readonly seen = new Map<string, number>();

  constructor(opts: SheetOptions) {
    super(opts);
  }

  async prepare(db: Db): Promise<void> {
    const gridIds = this.sheet.grids.map((g) => g.id);
    if (!gridIds.length) return;
    const buildings = rowsOf<{ id: number; org_node_id: number; name: string; address: string }>(
      await db.execute(sql`select id, org_node_id, name, address from buildings
        where org_node_id = any(${sql.param(gridIds)}::int[]) order by id`),
    );
    for (const b of buildings) {
      const key = `${b.org_node_id}|${nameKey(b.name)}`;
      if (!this.buildings.has(key)) this.buildings.set(key, { id: b.id, address: b.address });
    }
    const houses = rowsOf<{ org_node_id: number; name: string; unit_no: string | null; room_no: string }>(
      await db.execute(sql`select b.org_node_id, b.name, h.unit_no, h.room_no
        from houses h join buildings b on b.id = h.building_id
        where b.org_node_id = any(${sql.param(gridIds)}::int[])`),
    );
    for (const h of houses)
      this.storedHouses.add(
        houseKey(`${h.org_node_id}|${nameKey(h.name)}`, h.unit_no ? unitOf(h.unit_no) : null, h.room_no),
      );
  }

  check(rowNo: number, cells: Cell[]): { row: PreparedHouse | null; issues: Issue[] } {
    const r = this.reader(rowNo, cells);
    for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
      if ([...r.text(field)].length > max) r.issue(field, 'too_big.string', { maximum: max });
    }
    const buildingName = r.text('building');
    if (!buildingName) r.issue('building', 'required');
    const roomNo = r.text('roomNo');
    if (!roomNo) r.issue('roomNo', 'required');
    const unitText = r.text('unitNo');
    const unitNo = unitText ? unitOf(unitText) : null;

    let floor: number | null = null;
    const floorText = r.text('floor');
    if (floorText) {
      floor = floorOf(r.cell('floor'), floorText);
      if (floor === null || floor < FLOOR_MIN || floor > FLOOR_MAX) {
        r.issue('floor', 'registry.import.floor', { min: FLOOR_MIN, max: FLOOR_MAX });
        floor = null;
      }
    }
    let area: number | null = null;
    const areaText = r.text('area');
    if (areaText) {
      const m2 = areaOf(r.cell('area'), areaText);
      if (m2 === null || m2 <= 0 || m2 > AREA_MAX) r.issue('area', 'registry.import.area', { max: AREA_MAX });
      else area = Math.round(m2 * 100);
    }
    const use = r.enumValue('use');
    if (!r.text('use')) r.issue('use', 'required');
    const tenure = r.enumValue('tenure');
    const grid = this.gridOf(r);
    if (r.issues.length || !grid || !use) return { row: null, issues: r.issues };

    const buildingKey = `${grid.id}|${nameKey(buildingName)}`;
    const key = houseKey(buildingKey, unitNo, roomNo);
    const first = this.seen.get(key);
    if (first !== undefined) {
      r.issue('roomNo', 'registry.import.house_repeated', { row: first });
      return { row: null, issues: r.issues };
    }
    this.seen.set(key, rowNo);
    if (this.storedHouses.has(key)) {
      r.issue('roomNo', 'registry.import.house_exists', { grid: grid.name });
      return { row: null, issues: r.issues };
    }
    return {
      row: {
        rowNo,
        grid,
        buildingKey,
        buildingName: buildingName.normalize('NFKC').trim(),
        buildingAddress: r.text('buildingAddress') || null,
        unitNo,
        floor,
        roomNo: roomNo.normalize('NFKC').trim(),
        area,
        use,
        tenure,
      },
      issues: r.issues,
    };
  }

  /** Everything a house row depends on was loaded before the first row: no query per batch. */
  async checkBatch(_db: Db, rows: PreparedHouse[]): Promise<PreparedHouse[]> {
    return rows;
  }

  /** Creates the buildings this batch needs, then its houses; one statement each. */
  async write(db: Db, rows: PreparedHouse[]): Promise<{ buildings: number; houses: number }> {
    if (!rows.length) return { buildings: 0, houses: 0 };
    const wanted = new Map<string, PreparedHouse>();
    for (const row of rows)
      if (!this.buildings.has(row.buildingKey) && !wanted.has(row.buildingKey))
        wanted.set(row.buildingKey, row);
    if (wanted.size) {
      const first = [...wanted.values()];
      const address = (r: PreparedHouse) => r.buildingAddress ?? r.buildingName;
      const ids = rowsOf<{ id: number }>(
        await db.execute(sql`insert into buildings (org_node_id, district_id, name, address)
          select * from unnest(
            ${sql.param(first.map((r) => r.grid.id))}::int[],
            ${sql.param(first.map((r) => districtIdOf(r.grid.path)))}::int[],
            ${sql.param(first.map((r) => r.buildingName))}::text[],
            ${sql.param(first.map(address))}::text[])
          returning id`),
      );
      first.forEach((r, i) => {
        this.buildings.set(r.buildingKey, { id: Number(ids[i]!.id), address: address(r) });
      });
    }
    const building = (r: PreparedHouse) => this.buildings.get(r.buildingKey)!;
    // The address as the house form writes it: "<building address> <unit>单元<room>".
    const houseAddress = (r: PreparedHouse) =>
      `${building(r).address} ${r.unitNo ? `${r.unitNo}单元` : ''}${r.roomNo}`.trim();
    const col = (pick: (r: PreparedHouse) => unknown) => sql.param(rows.map(pick));
    await db.execute(sql`insert into houses (building_id, org_node_id, district_id, unit_no, floor, room_no,
        address, area, use, tenure)
      select * from unnest(
        ${col((r) => building(r).id)}::int[],
        ${col((r) => r.grid.id)}::int[],
        ${col((r) => districtIdOf(r.grid.path))}::int[],
        ${col((r) => r.unitNo)}::text[],
        ${col((r) => r.floor)}::int[],
        ${col((r) => r.roomNo)}::text[],
        ${col(houseAddress)}::text[],
        ${col((r) => r.area)}::int[],
        ${col((r) => r.use)}::text[],
        ${col((r) => r.tenure)}::text[])`);
    return { buildings: wanted.size, houses: rows.length };
  }
}
