import { randomBytes } from 'node:crypto';
import { parseCreditCode, parseResidentIdNumber, TAGS } from '@linli/contract';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePiiKeys } from '../config';
import { createPii } from '../core/pii';
import { rowsOf } from '../db/client';
import { prepareIdentity, tsvectorOf } from '../modules/registry';
import { type SeededApp, seededApp } from '../test/fixtures';
import { freshDatabase } from '../test/harness';
import { planCity } from './city-plan';
import { loadDemoCity } from './load';
import { DEMO_RESIDENT_MOBILE, DEMO_TODAY } from './people';
import { addDays, emptyBatch, RegistryGenerator } from './residents';
import { tsvectorLiteral } from './residents-load';

/** The tiny city as every test file gets it (fixtures.ts: seed 1), with its registry. */
describe('demo registry (tiny)', () => {
  let t: SeededApp;
  const rows = async <T>(query: SQL) => rowsOf<T>(await t.database.db.execute(query));

  beforeAll(async () => {
    t = await seededApp();
  });
  afterAll(() => t.close());

  it('puts households and residents in every grid', async () => {
    const grids = await rows<{ id: number; n: number; h: number }>(sql`
      select g.id, (select count(*)::int from residents r where r.org_node_id = g.id) as n,
             (select count(*)::int from households h where h.org_node_id = g.id) as h
        from org_nodes g where g.level = 'grid'`);
    expect(grids).toHaveLength(8);
    for (const g of grids) {
      expect(g.n).toBeGreaterThan(0);
      expect(g.h).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives everyone a valid, unique ID number that agrees with the birth date and gender', async () => {
    const people = await rows<{ id_number_enc: string; birth_date: string | Date; gender: string }>(
      sql`select id_number_enc, birth_date::text as birth_date, gender from residents`,
    );
    const seen = new Set<string>();
    for (const p of people) {
      const number = t.pii.decrypt(p.id_number_enc);
      const parsed = parseResidentIdNumber(number, new Date(`${DEMO_TODAY}T12:00:00+08:00`));
      expect(parsed.ok, number).toBe(true);
      if (!parsed.ok) continue;
      expect(number.startsWith('3299')).toBe(true);
      expect(parsed.birthDate).toBe(String(p.birth_date));
      expect(parsed.gender).toBe(p.gender);
      seen.add(number);
    }
    expect(seen.size).toBe(people.length);
  });

  it('stores what prepareIdentity produces, search lexemes included', async () => {
    const people = await rows<{
      name: string;
      gender: 'male' | 'female';
      birth_date: string;
      id_number_enc: string;
      id_number_index: string;
      id_number_masked: string;
      phone_enc: string | null;
      phone_index: string | null;
      phone_masked: string | null;
      terms: string;
    }>(sql`select name, gender, birth_date::text as birth_date, id_number_enc, id_number_index, id_number_masked,
                  phone_enc, phone_index, phone_masked, search_terms::text as terms from residents order by id`);
    for (const p of people) {
      const expected = prepareIdentity(
        t.pii,
        {
          name: p.name,
          gender: p.gender,
          birthDate: p.birth_date,
          idDocType: 'resident_id',
          idNumber: t.pii.decrypt(p.id_number_enc),
          phone: p.phone_enc ? t.pii.decrypt(p.phone_enc) : null,
        },
        DEMO_TODAY,
      );
      if (Array.isArray(expected)) throw new Error(JSON.stringify(expected));
      expect(p).toMatchObject({
        id_number_index: expected.idNumberIndex,
        id_number_masked: expected.idNumberMasked,
        phone_index: expected.phoneIndex,
        phone_masked: expected.phoneMasked,
      });
      const [built] = await rows<{ v: string }>(sql`select (${tsvectorOf(expected.searchTerms)})::text as v`);
      expect(p.terms).toBe(built!.v);
    }
    const zhang = people.filter((p) => p.name.startsWith('张')).length;
    expect(zhang).toBeGreaterThan(0);
    const [hits] = await rows<{ n: number }>(
      sql`select count(*)::int as n from residents where search_terms @@ ${"'zhang':*"}::tsquery`,
    );
    expect(hits!.n).toBeGreaterThanOrEqual(zhang);
  });

  it('links the demo resident to 张晓明, whose household is him, his wife and a child under 14', async () => {
    const me = await t.as(DEMO_RESIDENT_MOBILE);
    const res = await me.get('/api/me/household');
    expect(res.statusCode).toBe(200);
    const household = res.json() as {
      headId: number;
      members: Array<{ id: number; name: string; relation: string; age: number; phone: string | null }>;
    };
    expect(household.members).toHaveLength(3);
    const head = household.members.find((m) => m.relation === 'head')!;
    expect(head).toMatchObject({ name: '张晓明', phone: '138****8000' });
    expect(household.headId).toBe(head.id);
    expect(household.members.map((m) => m.relation).sort()).toEqual(['child', 'head', 'spouse']);
    expect(household.members.find((m) => m.relation === 'child')!.age).toBeLessThan(14);
  });

  it('has floating residents with open registrations, some due within 14 days, in the grid worker’s grid', async () => {
    const [f] = await rows<{ floating: number; open: number; due: number; due_in_grid: number }>(sql`
      select (select count(*)::int from residents where residence_type = 'floating') as floating,
             (select count(*)::int from floating_registrations where departed_on is null) as open,
             (select count(*)::int from floating_registrations
               where departed_on is null and expected_until between ${DEMO_TODAY}::date and ${addDays(DEMO_TODAY, 14)}::date) as due,
             (select count(*)::int from floating_registrations f join role_assignments a on a.org_node_id = f.org_node_id
                join accounts c on c.id = a.account_id
               where c.username = 'grid' and f.expected_until <= ${addDays(DEMO_TODAY, 14)}::date) as due_in_grid`);
    expect(f!.floating).toBeGreaterThan(0);
    expect(f!.open).toBe(f!.floating);
    expect(f!.due).toBeGreaterThan(0);
    expect(f!.due_in_grid).toBeGreaterThan(0);
  });

  it('records tags that the registry search finds by its blind index', async () => {
    const tags = await rows<{ tag_enc: string; category: string; detail_enc: string | null }>(
      sql`select tag_enc, category, detail_enc from resident_tags`,
    );
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      const name = t.pii.decrypt(tag.tag_enc) as keyof typeof TAGS;
      expect(TAGS[name]).toBe(tag.category);
      if (name === 'disabled') expect(t.pii.decrypt(tag.detail_enc!)).toMatch(/^\S+ [一二三四]级$/);
    }
    // The city's civil-affairs officer sees general and care tags everywhere (not safety ones).
    const civil = await t.as('civil.city');
    const counts = new Map<string, number>();
    for (const tag of tags) {
      const name = t.pii.decrypt(tag.tag_enc);
      if (tag.category !== 'safety') counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(0);
    for (const [name, n] of counts) {
      const res = await civil.get(`/api/registry/residents?tag=${name}&limit=200`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total, name).toBe(n);
    }
  });

  it('finds a resident by exact ID number and by name prefix through the API', async () => {
    const [p] = await rows<{ id: number; id_number_enc: string; name: string }>(sql`
      select r.id, r.id_number_enc, r.name from residents r
       join role_assignments a on a.org_node_id = r.org_node_id
       join accounts c on c.id = a.account_id and c.username = 'grid'
       where r.birth_date <= ${addDays(DEMO_TODAY, -20 * 366)}::date order by r.id limit 1`);
    const grid = await t.as('grid');
    const byId = await grid.get(`/api/registry/residents?q=${t.pii.decrypt(p!.id_number_enc)}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json().items.map((r: { id: number }) => r.id)).toEqual([p!.id]);
    const byName = await grid.get(`/api/registry/residents?q=${encodeURIComponent(p!.name.slice(0, 2))}`);
    expect(byName.json().items.map((r: { id: number }) => r.id)).toContain(p!.id);
  });

  it('registers a few units per community with valid credit codes', async () => {
    const units = await rows<{ credit_code: string; community: number }>(sql`
      select u.credit_code, g.parent_id as community from resident_units u join org_nodes g on g.id = u.org_node_id`);
    const communities = new Set(units.map((u) => u.community));
    expect(communities.size).toBe(4);
    for (const u of units) {
      const parsed = parseCreditCode(u.credit_code);
      expect(parsed.ok && parsed.warnings.length === 0, u.credit_code).toBe(true);
    }
    expect(new Set(units.map((u) => u.credit_code)).size).toBe(units.length);
  });

  it('writes tsvector literals that read back as the same lexemes', async () => {
    const terms = ["o'neil", 'a\\b', 'x y', '张三', 'zs', '"q"'];
    const [r] = await rows<{ same: boolean }>(
      sql`select ${tsvectorLiteral(terms)}::tsvector = ${tsvectorOf(terms)} as same`,
    );
    expect(r!.same).toBe(true);
  });

  it('moves every registry sequence past the rows it wrote', async () => {
    for (const table of [
      'buildings',
      'houses',
      'households',
      'residents',
      'resident_tags',
      'resident_events',
    ]) {
      const [r] = await rows<{ next: number; max: number }>(
        sql.raw(
          `select nextval(pg_get_serial_sequence('${table}', 'id'))::int as next, (select max(id) from ${table})::int as max`,
        ),
      );
      expect(r!.next).toBeGreaterThan(r!.max);
    }
  });
});

describe('demo registry generator', () => {
  it('is deterministic from the seed (all but the ciphertexts, which take a fresh IV)', () => {
    const pii = createPii(
      parsePiiKeys(`t1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')),
    );
    const run = () => {
      const gen = new RegistryGenerator({
        size: 'tiny',
        seed: 7,
        nodes: planCity('tiny', 7).nodes,
        pii,
        residentAccountId: 1,
      });
      const batch = emptyBatch();
      for (const g of gen.grids) gen.generateGrid(g, batch);
      const strip = (o: object) => Object.fromEntries(Object.entries(o).filter(([k]) => !k.endsWith('Enc')));
      return Object.fromEntries(Object.entries(batch).map(([k, list]) => [k, (list as object[]).map(strip)]));
    };
    const a = run();
    expect(run()).toEqual(a);
    expect((a.residents as unknown[]).length).toBeGreaterThan(20);
  });
});

describe('a demo city loaded without its registry', () => {
  it('gets the registry on the next load, matched to the existing tree', async () => {
    const database = await freshDatabase();
    try {
      const pii = createPii(
        parsePiiKeys(`t1:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')),
      );
      const options = { size: 'tiny', seed: 3, demoMode: true, pii, kind: database.kind } as const;
      const first = await loadDemoCity(database.db, { ...options, registry: false });
      expect(first.registry).toBeNull();
      const again = await loadDemoCity(database.db, { ...options, size: 'demo' });
      expect(again.skipped).toBe(true);
      expect(again.registry?.residents).toBeGreaterThan(0);
      const [linked] = rowsOf<{ name: string }>(
        await database.db.execute(sql`select r.name from residents r join accounts a on a.id = r.account_id`),
      );
      expect(linked?.name).toBe('张晓明');
      expect((await loadDemoCity(database.db, options)).registry).toBeNull();
    } finally {
      await database.close();
    }
  });
});
