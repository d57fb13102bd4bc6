import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hash } from '@node-rs/argon2';
import { and, desc, eq, isNull, like, ne, sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pii } from '../core/pii';
import type { Db } from '../db/client';
import { recordAudit } from '../modules/audit';
import { auditLog } from '../modules/audit/audit.schema';
import { orgNodes } from '../modules/org/org.schema';
import { residents } from '../modules/registry/registry.schema';
import { CITY_CODE, type DemoSize, type PlanNode, planCity } from './city-plan';
import {
  DEMO_PASSWORD,
  type DemoAccount,
  demoAccountSpecs,
  findAnchors,
  insertAccounts,
  seededAccounts,
} from './demo-accounts';
import { hasRegistry, type RegistryCounts } from './residents';
import { analyzeRegistry, loadRegistry } from './residents-load';

export type { DemoAccount } from './demo-accounts';

export interface LoadOptions {
  size: DemoSize;
  seed: number;
  /** Recorded in the audit entry; outside demo mode the server makes these accounts change password. */
  demoMode: boolean;
  pii: Pii;
  kind: 'pglite' | 'postgres';
  /**
   * The pg client `db` runs on (PostgreSQL only). With it, org nodes are streamed with COPY inside the
   * same transaction, which is what makes the 70k-node sizes load in seconds rather than minutes.
   */
  copyClient?: PoolClient;
  /**
   * Whether to fill the registry too (default true). The city size's 3 M residents take minutes, so a
   * caller that only needs the tree (the `core` benchmark) can leave them out.
   */
  registry?: boolean;
  /** Called as the registry's residents are written (the city size takes minutes). */
  onProgress?: (residents: number, expected: number) => void;
}

export interface LoadResult {
  accounts: DemoAccount[];
  nodes: number;
  /** True when the city was already there and nothing was written. */
  skipped: boolean;
  /**
   * Rows written to the registry's tables; null when none were. A skipped load reports rows when it
   * filled the missing registry of a city loaded by an older loader.
   */
  registry: RegistryCounts | null;
}

const BATCH = 1_000;

/**
 * Writes the demo city and its persona accounts in one transaction with one audit entry, so a failed
 * load leaves nothing behind. Loading twice is a no-op that reports the accounts already there.
 */
export async function loadDemoCity(db: Db, opts: LoadOptions): Promise<LoadResult> {
  const state = await cityState(db);
  if (state.descendants > 0) {
    const registry = await fillMissingRegistry(db, opts);
    if (registry) await analyzeRegistry(db);
    return {
      accounts: await seededAccounts(db, opts.pii),
      nodes: state.descendants + 1,
      skipped: true,
      registry,
    };
  }
  const plan = planCity(opts.size, opts.seed);
  // Hashed once for every account: argon2 is deliberately slow, and all demo accounts share a password.
  const passwordHash = await hash(DEMO_PASSWORD);
  const result = await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const nodes = placeNodes(plan.nodes, await currentMaxId(tx), state.root);
    const toWrite = state.root ? nodes.slice(1) : nodes;
    if (state.root) await adoptRoot(tx, nodes[0]!);
    if (opts.kind === 'postgres' && opts.copyClient) await copyNodes(opts.copyClient, toWrite);
    else await insertNodes(tx, toWrite);
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('org_nodes', 'id'), (select max(id) from org_nodes))`,
    );
    const created = await insertAccounts(tx, demoAccountSpecs(findAnchors(nodes)), passwordHash, opts.pii);
    // The registry: households, people, tags, floating registrations, units (not for the megacity).
    const registry =
      opts.registry !== false && hasRegistry(opts.size)
        ? await loadRegistry(tx, {
            size: opts.size,
            seed: opts.seed,
            nodes,
            pii: opts.pii,
            kind: opts.kind,
            copyClient: opts.copyClient,
            onProgress: opts.onProgress,
          })
        : null;
    await recordAudit(tx, {
      actor: null,
      action: 'demo_city.load',
      recordType: 'org_tree',
      recordId: String(nodes[0]!.id),
      details: {
        size: opts.size,
        seed: opts.seed,
        nodes: nodes.length,
        accounts: created.length,
        residents: registry?.residents ?? 0,
        households: registry?.households ?? 0,
        demoMode: opts.demoMode,
      },
    });
    return { accounts: created, nodes: nodes.length, skipped: false, registry };
  });
  // Fresh statistics: without them the planner reads a bulk-loaded tree as empty and picks plans
  // that are ten times slower (measured on the city size: 24 ms against 0.3 ms for a scoped list).
  await db.execute(sql`analyze org_nodes`);
  await db.execute(sql`analyze accounts`);
  if (result.registry) await analyzeRegistry(db);
  return result;
}

interface Root {
  id: number;
  path: string;
}

/**
 * A demo city loaded before the loader wrote a registry (an older data directory) gets its registry
 * now: the tree is re-planned from the size and seed its audit entry recorded and matched to the rows
 * by code. Anything that does not match (the tree was edited, people were added) leaves it alone.
 */
async function fillMissingRegistry(db: Db, opts: LoadOptions): Promise<RegistryCounts | null> {
  if (opts.registry === false) return null;
  const [entry] = await db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.action, 'demo_city.load'))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const details = entry?.details as { size?: DemoSize; seed?: number } | null | undefined;
  if (!details?.size || details.seed === undefined || !hasRegistry(details.size)) return null;
  if ((await db.select({ id: residents.id }).from(residents).limit(1)).length) return null;
  const rows = await db
    .select({ id: orgNodes.id, code: orgNodes.code, path: orgNodes.path, parentId: orgNodes.parentId })
    .from(orgNodes)
    .where(isNull(orgNodes.validTo));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const plan = planCity(details.size, details.seed);
  const nodes: PlanNode[] = [];
  for (const n of plan.nodes) {
    const row = byCode.get(n.code);
    if (!row) return null;
    nodes.push({ ...n, id: row.id, parentId: row.parentId, path: row.path });
  }
  const { size, seed } = details;
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const counts = await loadRegistry(tx, { ...opts, size, seed, nodes, copyClient: opts.copyClient });
    await recordAudit(tx, {
      actor: null,
      action: 'demo_city.registry',
      recordType: 'org_tree',
      recordId: String(nodes[0]!.id),
      details: { size, seed, residents: counts.residents, households: counts.households },
    });
    return counts;
  });
}

/**
 * A real installation's first start creates a bare city root with the same code (setup.ts). The demo
 * tree is then grown under that root instead of beside it; a root that already has children means
 * the city is loaded.
 */
async function cityState(db: Db): Promise<{ root: Root | undefined; descendants: number }> {
  const [root] = await db
    .select({ id: orgNodes.id, path: orgNodes.path })
    .from(orgNodes)
    .where(and(eq(orgNodes.code, CITY_CODE), isNull(orgNodes.validTo)));
  if (!root) return { root: undefined, descendants: 0 };
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgNodes)
    .where(and(like(orgNodes.path, `${root.path}%`), ne(orgNodes.id, root.id)));
  return { root, descendants: Number(count?.n ?? 0) };
}

/** The existing root keeps its id, name and code; it takes the plan's figures and boundary. */
async function adoptRoot(db: Db, city: PlanNode): Promise<void> {
  const { households, permanentPopulation, floatingPopulation, boundary } = city;
  await db
    .update(orgNodes)
    .set({ households, permanentPopulation, floatingPopulation, boundary, updatedAt: new Date() })
    .where(eq(orgNodes.id, city.id));
}

async function currentMaxId(db: Db): Promise<number> {
  const [row] = await db.select({ max: sql<number | null>`max(${orgNodes.id})` }).from(orgNodes);
  return Number(row?.max ?? 0);
}

/**
 * Gives the plan's nodes their database ids: past any node that already exists, with the city mapped
 * onto an existing root if there is one. Paths are rebuilt from the parents (which come first).
 */
function placeNodes(nodes: readonly PlanNode[], offset: number, root: Root | undefined): PlanNode[] {
  if (offset === 0) return [...nodes];
  const idOf = (planned: number) => (root && planned === 1 ? root.id : planned + offset);
  const paths = new Map<number, string>();
  return nodes.map((n) => {
    const id = idOf(n.id);
    const parentId = n.parentId === null ? null : idOf(n.parentId);
    const path = parentId === null ? (root?.path ?? `/${id}/`) : `${paths.get(parentId)}${id}/`;
    paths.set(id, path);
    return { ...n, id, parentId, path };
  });
}

const toRow = (n: PlanNode) => ({
  id: n.id,
  parentId: n.parentId,
  level: n.level,
  code: n.code,
  name: n.name,
  path: n.path,
  communityType: n.communityType,
  departmentType: n.departmentType,
  households: n.households,
  permanentPopulation: n.permanentPopulation,
  floatingPopulation: n.floatingPopulation,
  boundary: n.boundary,
});

async function insertNodes(db: Db, nodes: readonly PlanNode[]): Promise<void> {
  // Parents precede children in the plan, so each batch's foreign keys point at rows already written.
  for (let i = 0; i < nodes.length; i += BATCH) {
    await db.insert(orgNodes).values(nodes.slice(i, i + BATCH).map(toRow));
  }
}

const COPY_COLUMNS =
  'id, parent_id, level, code, name, path, community_type, department_type, households, ' +
  'permanent_population, floating_population, boundary';

async function copyNodes(client: PoolClient, nodes: readonly PlanNode[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY org_nodes (${COPY_COLUMNS}) FROM STDIN (FORMAT csv)`));
  await pipeline(Readable.from(csvChunks(nodes)), stream);
}

/** CSV per RFC 4180 as COPY reads it: an unquoted empty field is NULL, text is quoted with "" escapes. */
function* csvChunks(nodes: readonly PlanNode[]): Generator<string> {
  const text = (v: string | null) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`);
  for (let i = 0; i < nodes.length; i += BATCH) {
    let chunk = '';
    for (const n of nodes.slice(i, i + BATCH)) {
      const fields = [
        String(n.id),
        n.parentId === null ? '' : String(n.parentId),
        text(n.level),
        text(n.code),
        text(n.name),
        text(n.path),
        text(n.communityType),
        text(n.departmentType),
        String(n.households),
        String(n.permanentPopulation),
        String(n.floatingPopulation),
        text(n.boundary === null ? null : JSON.stringify(n.boundary)),
      ];
      chunk += `${fields.join(',')}\n`;
    }
    yield chunk;
  }
}
