import { makeCreditCode, maskMobile, TAGS, type Tag } from '@linli/contract';
import type { Pii } from '../core/pii';
import { prepareIdentity, tagIndexKey } from '../modules/registry';
import type {
  buildings,
  floatingRegistrations,
  households,
  houses,
  residentEvents,
  residents,
  residentTags,
  residentUnits,
} from '../modules/registry/registry.schema';
import type { DemoSize, PlanNode } from './city-plan';
import { findAnchors } from './demo-accounts';
import {
  birthDateFor,
  createIdAllocator,
  DEMO_RESIDENT_MOBILE,
  DEMO_TODAY,
  generateHousehold,
  type IdAllocator,
  mobileNumber,
  type Person,
} from './people';
import { givenName, personName } from './person-names';
import { CITY_NAME } from './place-names';
import { createRng, type Rng } from './rng';

/**
 * The registry of the demo city as rows: buildings with their houses, households living in them, the
 * people of each household (generateHousehold), floating registrations, recorded tags, the creation
 * events, and a few resident units per community. Pure and deterministic from the seed: every grid
 * draws from its own stream, and one IdAllocator serves the whole load. Personal columns go through
 * the registry's own `prepareIdentity`, so encryption, blind indexes, masks and search lexemes are
 * exactly what the API would store for the same person.
 */

/** Residents per size; tiny has a few households per grid instead (it is loaded by every test file). */
export const REGISTRY_RESIDENTS: Record<DemoSize, number | null> = {
  tiny: null,
  demo: 30_000,
  city: 3_000_000,
  // 30 M people would take hours and hundreds of GB; the megacity is a tree-only size.
  megacity: null,
};
export const TINY_HOUSEHOLDS: readonly [number, number] = [2, 4];
export const hasRegistry = (size: DemoSize) => size !== 'megacity';

/** Mean of generateHousehold's size distribution (25/30/21/13/7/4 % for 1…6 people). */
const MEAN_HOUSEHOLD = 2.59;
/** Share of residents who are floating (流动人口), spread over grids by each grid's floating figure. */
const FLOATING_SHARE = 0.08;

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'] & { id: number };
export type BuildingRow = Insert<typeof buildings>;
export type HouseRow = Insert<typeof houses>;
export type HouseholdRow = Insert<typeof households>;
/** `searchTerms` holds the lexemes; the writer turns them into a tsvector. */
export type ResidentRow = Omit<Insert<typeof residents>, 'searchTerms'> & { searchTerms: string[] };
export type TagRow = Insert<typeof residentTags>;
export type FloatingRow = Insert<typeof floatingRegistrations>;
export type EventRow = Insert<typeof residentEvents>;
export type UnitRow = Insert<typeof residentUnits>;

export interface RegistryBatch {
  buildings: BuildingRow[];
  houses: HouseRow[];
  households: HouseholdRow[];
  residents: ResidentRow[];
  tags: TagRow[];
  floating: FloatingRow[];
  events: EventRow[];
  units: UnitRow[];
}
export type RegistryTable = keyof RegistryBatch;
export const REGISTRY_TABLES: readonly RegistryTable[] = [
  'buildings',
  'houses',
  'households',
  'residents',
  'tags',
  'floating',
  'events',
  'units',
];
export type RegistryCounts = Record<RegistryTable, number>;

export const emptyBatch = (): RegistryBatch => ({
  buildings: [],
  houses: [],
  households: [],
  residents: [],
  tags: [],
  floating: [],
  events: [],
  units: [],
});

export interface RegistryOptions {
  size: DemoSize;
  seed: number;
  /** The placed plan: nodes carry their database ids and paths. */
  nodes: readonly PlanNode[];
  pii: Pii;
  /** The demo resident's account (13800138000), linked to 张晓明's record. */
  residentAccountId: number | null;
  /** The first free id per table (rows are written with explicit ids). */
  firstIds?: Partial<RegistryCounts>;
}

interface GridContext {
  grid: PlanNode;
  community: PlanNode;
  street: PlanNode;
  district: PlanNode;
  rng: Rng;
  kind: Kind;
  regionCode: string;
  place: string;
}

type Kind = 'residential' | 'enterprise' | 'fringe' | 'new_build' | 'village';

interface BuildingShape {
  row: BuildingRow;
  units: number;
  floors: number;
  rooms: number;
  shops: boolean;
  slot: number;
}

export class RegistryGenerator {
  readonly grids: PlanNode[];
  readonly counts: RegistryCounts = emptyCounts();
  private readonly byId: Map<number, PlanNode>;
  private readonly root: Rng;
  private readonly ids: IdAllocator = createIdAllocator();
  private readonly next: RegistryCounts;
  private readonly tagIndex = new Map<string, string>();
  private readonly householdsFor: (grid: PlanNode, rng: Rng) => number;
  private readonly floatingFactor: number;
  private readonly unitsByGrid = new Map<number, number>();
  private readonly buildingSerial = new Map<number, number>();
  private readonly anchorGrid: PlanNode;
  private unitSerial = 0;

  constructor(private readonly opts: RegistryOptions) {
    this.byId = new Map(opts.nodes.map((n) => [n.id, n]));
    this.grids = opts.nodes.filter((n) => n.level === 'grid');
    this.root = createRng(opts.seed).fork('registry');
    this.next = { ...emptyCounts(), ...opts.firstIds };
    for (const t of REGISTRY_TABLES) this.next[t] = Math.max(1, this.next[t]);
    this.anchorGrid = findAnchors(opts.nodes).grid;
    const target = REGISTRY_RESIDENTS[opts.size];
    const planned = this.grids.reduce((s, g) => s + g.households, 0);
    // Proportional to each grid's planned households, scaled to the size's resident count.
    const scale = target === null ? 0 : target / (MEAN_HOUSEHOLD * Math.max(1, planned));
    this.householdsFor =
      target === null
        ? (_grid, rng) => rng.int(TINY_HOUSEHOLDS[0], TINY_HOUSEHOLDS[1])
        : (grid) => Math.max(1, Math.round(grid.households * scale));
    // Each grid's floating share follows its own figure (fringe areas high, villages low), scaled so
    // that the city as a whole has FLOATING_SHARE.
    const weighted = this.grids.reduce((s, g) => s + g.households * floatingRatio(g), 0);
    this.floatingFactor = weighted > 0 ? (FLOATING_SHARE * Math.max(1, planned)) / weighted : 0;
    this.planUnits();
  }

  /** Residents the load will write, roughly (for progress reports). */
  expectedResidents(): number {
    return REGISTRY_RESIDENTS[this.opts.size] ?? this.grids.length * MEAN_HOUSEHOLD * 3;
  }

  /** Appends one grid's rows to `into`. Grids must be generated in `this.grids` order. */
  generateGrid(grid: PlanNode, into: RegistryBatch): void {
    const g = this.context(grid);
    const houses = new HouseCursor(this, g, into);
    const n = this.householdsFor(grid, g.rng);
    const floatingChance = Math.min(0.6, floatingRatio(grid) * this.floatingFactor);
    let start = 0;
    if (grid.id === this.anchorGrid.id) {
      // The demo resident's family first, then a floating family whose registration runs out next
      // week, so the grid worker's "expiring" reminder has something to show.
      this.addHousehold(g, into, houses, demoFamily(g.rng, g.regionCode, this.ids), {
        floating: false,
        type: 'both',
      });
      const arrival = addDays(DEMO_TODAY, -g.rng.int(200, 700));
      const family = generateHousehold(g.rng, { regionCode: g.regionCode, ids: this.ids }).members;
      this.addHousehold(g, into, houses, family, {
        floating: true,
        arrival,
        expectedUntil: addDays(DEMO_TODAY, 7),
      });
      start = 2;
    }
    for (let i = start; i < Math.max(n, start); i++) {
      const floating = g.rng.chance(floatingChance);
      const members = generateHousehold(g.rng, { regionCode: g.regionCode, ids: this.ids }).members;
      this.addHousehold(g, into, houses, members, { floating });
    }
    for (let u = 0; u < (this.unitsByGrid.get(grid.id) ?? 0); u++) this.addUnit(g, into, houses);
  }

  id(table: RegistryTable): number {
    this.counts[table]++;
    return this.next[table]++;
  }

  buildingNumber(community: PlanNode): number {
    const n = (this.buildingSerial.get(community.id) ?? 0) + 1;
    this.buildingSerial.set(community.id, n);
    return n;
  }

  private context(grid: PlanNode): GridContext {
    const community = this.parent(grid);
    const street = this.parent(community);
    const district = this.parent(street);
    const kind: Kind = community.name.endsWith('村')
      ? 'village'
      : ((community.communityType ?? 'residential') as Kind);
    return {
      grid,
      community,
      street,
      district,
      rng: this.root.fork(`grid:${grid.code}`),
      kind,
      // The district's county code (3299DD): a fictional prefecture, so no number can be a real one.
      regionCode: district.code.slice(0, 6),
      place: `${district.name}${street.name}${community.name}`,
    };
  }

  private parent(node: PlanNode): PlanNode {
    const p = node.parentId === null ? undefined : this.byId.get(node.parentId);
    if (!p) throw new Error(`demo registry: node ${node.code} has no parent in the plan`);
    return p;
  }

  /** Two to four units per community, each in one of its grids. */
  private planUnits(): void {
    const gridsOf = new Map<number, PlanNode[]>();
    for (const g of this.grids) {
      const list = gridsOf.get(g.parentId!) ?? [];
      list.push(g);
      gridsOf.set(g.parentId!, list);
    }
    for (const [communityId, grids] of gridsOf) {
      const rng = this.root.fork(`units:${this.byId.get(communityId)?.code}`);
      const n = rng.int(2, 4);
      for (let i = 0; i < n; i++) {
        const grid = rng.pick(grids);
        this.unitsByGrid.set(grid.id, (this.unitsByGrid.get(grid.id) ?? 0) + 1);
      }
    }
  }

  private addHousehold(
    g: GridContext,
    into: RegistryBatch,
    houses: HouseCursor,
    members: Person[],
    opts: { floating: boolean; arrival?: string; expectedUntil?: string; type?: 'both' },
  ): void {
    const { rng } = g;
    const house = houses.next(opts.floating ? 'tenant' : rng.weighted(TENURES, TENURE_WEIGHTS));
    const type = opts.type ?? (opts.floating ? 'living' : rng.chance(0.05) ? 'registered' : 'both');
    const householdId = this.id('households');
    const head = members.find((m) => m.relation === 'head') ?? members[0]!;
    const hasSpouse = members.some((m) => m.relation === 'spouse');
    const parents = members.filter((m) => m.relation === 'parent').length;
    const headMoveIn = addDays(DEMO_TODAY, -rng.int(30, 25 * 365));
    const adultHead = addYears(head.birthDate, 18);
    // Floating families arrived within the last three years; others moved in any time since the head was 18.
    const arrival = opts.arrival ?? (opts.floating ? addDays(DEMO_TODAY, -rng.int(10, 3 * 365)) : undefined);
    const movedIn = arrival ?? laterOf(headMoveIn, adultHead);
    const origin = opts.floating ? rng.weighted(ORIGINS, ORIGIN_WEIGHTS) : null;
    const registration = opts.floating ? floatingTerms(rng, movedIn, opts.expectedUntil) : null;
    const dibao = rng.chance(0.02);
    let headId = 0;
    for (const person of members) {
      const residentId = this.id('residents');
      if (person.relation === 'head') headId = residentId;
      const identity = prepareIdentity(
        this.opts.pii,
        {
          name: person.name,
          gender: person.gender,
          birthDate: person.birthDate,
          idDocType: 'resident_id',
          idNumber: person.idNumber,
          phone: person.mobile,
        },
        DEMO_TODAY,
      );
      if (Array.isArray(identity)) {
        throw new Error(`demo registry: generated person rejected: ${JSON.stringify(identity)}`);
      }
      const { searchTerms, ...ids } = identity;
      const tags = this.tagsFor(rng, person, members.length, dibao);
      const residentMovedIn = laterOf(person.birthDate, movedIn);
      into.residents.push({
        id: residentId,
        orgNodeId: g.grid.id,
        districtId: g.district.id,
        householdId,
        relation: person.relation,
        houseId: house.id,
        name: person.name,
        searchTerms,
        gender: person.gender,
        birthDate: person.birthDate,
        ...ids,
        ethnicity: person.ethnicity,
        education: education(rng, person),
        politicalStatus: political(
          rng,
          person,
          tags.some((t) => t.tag === 'party_member'),
        ),
        maritalStatus: marital(rng, person, hasSpouse, parents),
        employmentStatus: employment(rng, person, opts.floating),
        hukouAddress: origin ? `${origin.province}${origin.city}` : `${CITY_NAME}${house.address}`,
        actualAddress: type === 'registered' ? null : house.address,
        movedInOn: residentMovedIn,
        residenceType: opts.floating ? 'floating' : 'registered',
        status: 'active',
        accountId: person.mobile === DEMO_RESIDENT_MOBILE ? this.opts.residentAccountId : null,
      });
      into.events.push({
        id: this.id('events'),
        residentId,
        kind: 'created',
        at: new Date(`${residentMovedIn}T09:00:00+08:00`),
        by: null,
        summary: { gridId: g.grid.id, source: 'demo_city' },
      });
      for (const t of tags) {
        into.tags.push({
          id: this.id('tags'),
          residentId,
          category: TAGS[t.tag],
          tagEnc: this.opts.pii.encrypt(t.tag),
          tagIndex: this.tagIndexOf(t.tag),
          detailEnc: t.detail ? this.opts.pii.encrypt(t.detail) : null,
          source: t.source,
          startsOn: t.startsOn,
          endsOn: null,
          setBy: null,
        });
      }
      if (registration && origin) {
        const registrationId = this.id('floating');
        into.floating.push({
          id: registrationId,
          residentId,
          orgNodeId: g.grid.id,
          arrivedOn: residentMovedIn,
          origin: `${origin.province}${origin.city}`,
          reason: person.age < 18 ? (person.age >= 6 ? 'study' : 'family') : registration.reason,
          expectedUntil: registration.expectedUntil,
          departedOn: null,
          createdBy: null,
        });
        into.events.push({
          id: this.id('events'),
          residentId,
          kind: 'floating_registered',
          at: new Date(`${residentMovedIn}T09:30:00+08:00`),
          by: null,
          summary: { registrationId, arrivedOn: residentMovedIn },
        });
      }
    }
    into.households.push({
      id: householdId,
      orgNodeId: g.grid.id,
      districtId: g.district.id,
      householdNo: `${g.regionCode}${String(householdId).padStart(8, '0')}`,
      type,
      houseId: house.id,
      address: house.address,
      headId,
    });
  }

  private tagIndexOf(tag: Tag): string {
    let index = this.tagIndex.get(tag);
    if (index === undefined) {
      index = this.opts.pii.blindIndex(tagIndexKey(tag));
      this.tagIndex.set(tag, index);
    }
    return index;
  }

  /** Recorded tags at roughly the rates a community office keeps them. */
  private tagsFor(rng: Rng, p: Person, householdSize: number, dibao: boolean): RecordedTag[] {
    const out: RecordedTag[] = [];
    const since = (years: number) => pastDate(rng, p.birthDate, years);
    const add = (tag: Tag, source: string, startsOn: string, detail: string | null = null) =>
      out.push({ tag, source, startsOn, detail });
    const adult = p.age >= 18;
    if (householdSize === 1 && p.age >= 60 && rng.chance(0.9)) add('living_alone', '社区走访', since(8));
    if (rng.chance(p.age < 18 ? 0.02 : p.age < 60 ? 0.05 : 0.11)) {
      const detail = `${rng.weighted(DISABILITY_KINDS, DISABILITY_KIND_WEIGHTS)} ${rng.weighted(GRADES, GRADE_WEIGHTS)}`;
      add('disabled', '残联数据交换', since(15), detail);
    }
    if (p.age >= 60 && rng.chance(0.15)) add('chronic_illness', '家庭医生签约', since(10), rng.pick(CHRONIC));
    if (dibao) add('dibao', '民政低保系统', since(5));
    if (p.age >= 28 && rng.chance(p.gender === 'male' ? 0.035 : 0.003))
      add('veteran', '退役军人事务局', since(20));
    if (adult && rng.chance(p.age < 25 ? 0.03 : p.age < 60 ? 0.075 : 0.09)) {
      add('party_member', '党员信息系统', since(30));
    }
    if (adult && p.age <= 75 && rng.chance(0.06)) add('volunteer', '志愿服务平台', since(6));
    if (adult && p.age <= 65 && rng.chance(0.0015))
      add('key_group', '综治平台', since(3), rng.pick(KEY_GROUPS));
    return out;
  }

  private addUnit(g: GridContext, into: RegistryBatch, houses: HouseCursor): void {
    const { rng } = g;
    const kind = rng.weighted(UNIT_KINDS, UNIT_KIND_WEIGHTS);
    const serial = ++this.unitSerial;
    const word = rng.pick(UNIT_WORDS);
    const name = {
      enterprise: () => `${CITY_NAME.slice(0, 2)}${word}${rng.pick(INDUSTRIES)}有限公司`,
      shop: () => `${word}${rng.pick(SHOPS)}`,
      institution: () => `${g.community.name}${rng.pick(INSTITUTIONS)}`,
      social_org: () => `${word}${rng.pick(SOCIAL_ORGS)}`,
    }[kind]();
    const [authority, category] = CREDIT_KINDS[kind];
    // Unique by construction: three random characters, then the unit's serial in base 31.
    const entityBody =
      Array.from({ length: 3 }, () => rng.pick(CREDIT_BODY)).join('') + base31(serial).padStart(5, '0');
    const phone = mobileNumber(rng);
    const contact = personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1965, 1998)).name;
    into.units.push({
      id: this.id('units'),
      orgNodeId: g.grid.id,
      districtId: g.district.id,
      name,
      creditCode: makeCreditCode({ authority, category, regionCode: g.regionCode, entityBody }),
      kind,
      contactName: contact,
      contactPhoneEnc: this.opts.pii.encrypt(phone),
      contactPhoneMasked: maskMobile(phone),
      staffCount: kind === 'shop' ? rng.int(1, 8) : kind === 'enterprise' ? rng.int(10, 300) : rng.int(3, 40),
      address: houses.shopAddress() ?? `${g.place}${rng.int(1, 300)}号`,
    });
  }
}

interface RecordedTag {
  tag: Tag;
  source: string;
  startsOn: string;
  detail: string | null;
}

/**
 * Hands out houses to households one after another: a building is filled unit by unit, floor by
 * floor, with some ground floors let as shops and some flats registered vacant; a new building is
 * started when one is full. Rooms past the last household are simply not registered yet.
 */
class HouseCursor {
  private building: BuildingShape | null = null;
  private shops: string[] = [];

  constructor(
    private readonly gen: RegistryGenerator,
    private readonly g: GridContext,
    private readonly into: RegistryBatch,
  ) {}

  next(tenure: string): HouseRow {
    for (;;) {
      const b =
        this.building && this.building.slot < this.capacity(this.building) ? this.building : this.open();
      const slot = b.slot++;
      const perUnit = b.floors * b.rooms;
      const unit = Math.floor(slot / perUnit) + 1;
      const floor = Math.floor((slot % perUnit) / b.rooms) + 1;
      const room = (slot % b.rooms) + 1;
      if (this.g.kind === 'village') return this.house(b, null, null, `${slot + 1}号`, 'residence', tenure);
      const roomNo = `${floor}${String(room).padStart(2, '0')}`;
      const unitNo = b.units > 1 ? String(unit) : null;
      if (b.shops && floor === 1) {
        const shop = this.house(
          b,
          unitNo,
          floor,
          roomNo,
          'shop',
          this.g.rng.chance(0.7) ? 'tenant' : 'owner',
        );
        this.shops.push(shop.address);
        continue;
      }
      if (this.g.rng.chance(0.06)) {
        this.house(b, unitNo, floor, roomNo, 'vacant', 'owner');
        continue;
      }
      return this.house(b, unitNo, floor, roomNo, 'residence', tenure);
    }
  }

  shopAddress(): string | null {
    return this.shops.length ? this.g.rng.pick(this.shops) : null;
  }

  private capacity(b: BuildingShape): number {
    return this.g.kind === 'village' ? b.rooms : b.units * b.floors * b.rooms;
  }

  private open(): BuildingShape {
    const { rng, kind, community, grid, district, place } = this.g;
    const n = this.gen.buildingNumber(community);
    const village = kind === 'village';
    const floors = village ? rng.int(1, 3) : floorsFor(rng, kind);
    const units = village ? 1 : rng.int(1, kind === 'new_build' ? 3 : 4);
    // A village 组 lists its homesteads (号); a block of flats has rooms per floor per stairwell.
    const rooms = village ? rng.int(15, 40) : rng.weighted([2, 3, 4], [0.6, 0.25, 0.15]);
    const name = village ? `${n}组` : `${n}栋`;
    const row: BuildingRow = {
      id: this.gen.id('buildings'),
      orgNodeId: grid.id,
      districtId: district.id,
      name,
      address: `${place}${name}`,
      floors,
      units: village ? null : units,
    };
    this.into.buildings.push(row);
    const shops = !village && kind !== 'new_build' && floors <= 18 && rng.chance(0.2);
    this.building = { row, units, floors, rooms, shops, slot: 0 };
    return this.building;
  }

  private house(
    b: BuildingShape,
    unitNo: string | null,
    floor: number | null,
    roomNo: string,
    use: 'residence' | 'shop' | 'vacant',
    tenure: string,
  ): HouseRow {
    const { rng, kind } = this.g;
    const [lo, hi] = use === 'shop' ? [20, 80] : AREAS[kind];
    const row: HouseRow = {
      id: this.gen.id('houses'),
      buildingId: b.row.id,
      orgNodeId: this.g.grid.id,
      districtId: this.g.district.id,
      unitNo,
      floor,
      roomNo,
      // The same composition as the API's createHouse.
      address: `${b.row.address} ${unitNo ? `${unitNo}单元` : ''}${roomNo}`.trim(),
      area: rng.int(lo * 100, hi * 100),
      use,
      tenure,
    };
    this.into.houses.push(row);
    return row;
  }
}

/** 张晓明 (the demo resident's login), his wife and their primary-school child. */
function demoFamily(rng: Rng, regionCode: string, ids: IdAllocator): Person[] {
  const person = (
    name: string,
    gender: Person['gender'],
    age: number,
    relation: Person['relation'],
    mobile: string | null,
  ): Person => {
    const birthDate = birthDateFor(rng, age, DEMO_TODAY);
    return {
      name,
      gender,
      birthDate,
      age,
      idNumber: ids.allocate(rng, regionCode, birthDate, gender),
      mobile,
      relation,
      ethnicity: '汉族',
    };
  };
  const childGender = rng.chance(0.5) ? 'male' : 'female';
  const childAge = rng.int(7, 11);
  return [
    person('张晓明', 'male', 38, 'head', DEMO_RESIDENT_MOBILE),
    person(personName(rng, 'female', 1988).name, 'female', 36, 'spouse', mobileNumber(rng)),
    person(`张${givenName(rng, childGender, 2026 - childAge)}`, childGender, childAge, 'child', null),
  ];
}

function floatingRatio(grid: PlanNode): number {
  return grid.permanentPopulation > 0 ? grid.floatingPopulation / grid.permanentPopulation : 0;
}

/** How long a floating registration runs: most well ahead, a few due within two weeks, some overdue. */
function floatingTerms(rng: Rng, arrival: string, expectedUntil?: string) {
  const reason = rng.weighted(REASONS, REASON_WEIGHTS);
  if (expectedUntil) return { reason, expectedUntil };
  const r = rng.next();
  let until: string | null;
  if (r < 0.1) until = null;
  else if (r < 0.13) until = addDays(DEMO_TODAY, rng.int(1, 13));
  else if (r < 0.14) until = addDays(DEMO_TODAY, -rng.int(1, 60));
  else {
    const planned = addDays(arrival, rng.int(180, 3 * 365));
    const floor = addDays(DEMO_TODAY, 15 + rng.int(0, 60));
    until = laterOf(planned, floor);
  }
  return { reason, expectedUntil: until };
}

function education(rng: Rng, p: Person): string | null {
  if (p.age < 6) return null;
  if (p.age <= 11) return 'primary';
  if (p.age <= 14) return 'junior';
  if (p.age <= 17) return rng.chance(0.3) ? 'vocational' : 'senior';
  const year = Number(p.birthDate.slice(0, 4));
  const weights =
    year < 1955
      ? [15, 35, 30, 13, 3, 2, 2, 0, 0]
      : year < 1970
        ? [4, 20, 40, 22, 6, 4, 4, 0, 0]
        : year < 1985
          ? [1, 8, 33, 22, 10, 12, 12, 2, 0]
          : [0, 2, 16, 15, 12, 22, 27, 5, 1];
  return rng.weighted(EDUCATION, weights);
}

function political(rng: Rng, p: Person, partyMember: boolean): string | null {
  if (partyMember) return 'cpc_member';
  if (p.age < 14) return null;
  if (p.age <= 28 && rng.chance(0.35)) return 'cyl_member';
  return p.age >= 18 && rng.chance(0.003) ? 'democratic_party' : 'masses';
}

function marital(rng: Rng, p: Person, hasSpouse: boolean, parents: number): string | null {
  if (p.age < 18) return null;
  if ((p.relation === 'head' || p.relation === 'spouse') && hasSpouse) return 'married';
  if (p.relation === 'parent') return parents === 2 ? 'married' : rng.weighted(LONE_PARENT, [85, 10, 5]);
  if (p.relation === 'child') return p.age < 25 || rng.chance(0.8) ? 'single' : 'married';
  if (p.age < 30) return rng.weighted(MARITAL, [85, 10, 5, 0]);
  if (p.age < 60) return rng.weighted(MARITAL, [35, 15, 45, 5]);
  return rng.weighted(MARITAL, [8, 10, 12, 70]);
}

function employment(rng: Rng, p: Person, floating: boolean): string {
  if (p.age < 6) return 'preschool';
  if (p.age < 18) return 'student';
  if (p.age <= 22) return rng.weighted(EMPLOYMENT, [35, 3, 5, 0, 52, 5]);
  if (p.age >= (p.gender === 'male' ? 60 : 55)) return rng.weighted(EMPLOYMENT, [5, 2, 0, 88, 0, 5]);
  return floating
    ? rng.weighted(EMPLOYMENT, [72, 20, 4, 0, 0, 4])
    : rng.weighted(EMPLOYMENT, [70, 12, 5, 0, 0, 13]);
}

function floorsFor(rng: Rng, kind: Kind): number {
  if (kind === 'new_build') return rng.int(11, 32);
  if (kind === 'enterprise') return rng.int(4, 7);
  if (kind === 'fringe') return rng.int(3, 7);
  return rng.chance(0.6) ? rng.int(5, 7) : rng.int(8, 18);
}

/** A day between `years` years ago (not before the birth date) and yesterday. */
function pastDate(rng: Rng, birthDate: string, years: number): string {
  const earliest = addYears(DEMO_TODAY, -years);
  const from = laterOf(earliest, birthDate);
  const span = Math.max(0, daysBetween(from, DEMO_TODAY) - 1);
  return addDays(from, rng.int(0, span));
}

/** The later of two ISO dates (they compare as strings). */
const laterOf = (a: string, b: string) => (a > b ? a : b);

const DAY = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

const B31 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function base31(n: number): string {
  let out = '';
  do {
    out = B31[n % 31] + out;
    n = Math.floor(n / 31);
  } while (n > 0);
  return out;
}

function emptyCounts(): RegistryCounts {
  return { buildings: 0, houses: 0, households: 0, residents: 0, tags: 0, floating: 0, events: 0, units: 0 };
}

const TENURES = ['owner', 'tenant', 'public', 'other'];
const TENURE_WEIGHTS = [72, 20, 6, 2];
const AREAS: Record<Kind, [number, number]> = {
  residential: [45, 100],
  enterprise: [40, 80],
  fringe: [30, 90],
  new_build: [80, 140],
  village: [100, 250],
};
const EDUCATION = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctor',
];
const MARITAL = ['single', 'married', 'divorced', 'widowed'];
const LONE_PARENT = ['widowed', 'divorced', 'married'];
const EMPLOYMENT = ['employed', 'self_employed', 'unemployed', 'retired', 'student', 'other'];
const REASONS = ['work', 'business', 'family', 'study', 'medical', 'other'];
const REASON_WEIGHTS = [60, 15, 15, 5, 2, 3];
const DISABILITY_KINDS = ['肢体', '视力', '听力', '言语', '智力', '精神', '多重'];
const DISABILITY_KIND_WEIGHTS = [50, 15, 15, 2, 8, 8, 2];
const GRADES = ['一级', '二级', '三级', '四级'];
const GRADE_WEIGHTS = [10, 20, 30, 40];
const CHRONIC = ['高血压', '糖尿病', '冠心病', '慢阻肺', '脑卒中后遗症'];
const KEY_GROUPS = ['社区矫正对象', '刑满释放人员', '重点信访人员'];

/** Where floating residents come from: the provinces that send most people to southern Jiangsu. */
const ORIGIN_LIST: Array<[string, string, number]> = [
  ['安徽省', '阜阳市', 9],
  ['安徽省', '六安市', 6],
  ['安徽省', '宿州市', 5],
  ['河南省', '周口市', 8],
  ['河南省', '信阳市', 6],
  ['江苏省', '徐州市', 7],
  ['江苏省', '盐城市', 6],
  ['江苏省', '连云港市', 4],
  ['四川省', '南充市', 5],
  ['湖北省', '黄冈市', 4],
  ['山东省', '临沂市', 4],
  ['江西省', '上饶市', 4],
  ['贵州省', '毕节市', 4],
  ['湖南省', '邵阳市', 3],
  ['重庆市', '万州区', 3],
  ['甘肃省', '天水市', 2],
  ['云南省', '昭通市', 2],
  ['浙江省', '温州市', 2],
];
const ORIGINS = ORIGIN_LIST.map(([province, city]) => ({ province, city }));
const ORIGIN_WEIGHTS = ORIGIN_LIST.map(([, , w]) => w);

const UNIT_KINDS = ['enterprise', 'shop', 'institution', 'social_org'] as const;
const UNIT_KIND_WEIGHTS = [35, 40, 15, 10];
/** GB 32100 registration authority and category: 91 企业, 92 个体工商户, 12 事业单位, 51 社会团体. */
const CREDIT_KINDS: Record<(typeof UNIT_KINDS)[number], [string, string]> = {
  enterprise: ['9', '1'],
  shop: ['9', '2'],
  institution: ['1', '2'],
  social_org: ['5', '1'],
};
const CREDIT_BODY = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const UNIT_WORDS =
  '阳光 惠民 恒信 金穗 康达 永兴 福源 华润 安泰 顺发 鑫盛 和美 佳禾 瑞丰 众诚 益民 同心 绿源'.split(' ');
const INDUSTRIES = ['物业管理', '商贸', '建筑工程', '家政服务', '餐饮管理', '电子科技', '物流'];
const SHOPS = ['便利店', '理发店', '五金店', '大药房', '面馆', '水果店', '干洗店', '超市'];
const INSTITUTIONS = ['卫生服务站', '幼儿园', '文化活动中心', '养老服务站'];
const SOCIAL_ORGS = ['志愿服务社', '老年协会', '邻里互助会'];
