import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { CaseActionBody, CaseReportBody, Role } from '@linli/contract';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Actor, Ctx, Grant } from '../core/context';
import { createPii } from '../core/pii';
import { type Db, rowsOf } from '../db/client';
import { accounts, roleAssignments } from '../modules/accounts/accounts.schema';
import { actOnCase, reportCase, uploadCasePhoto } from '../modules/cases';
import { orgNodes } from '../modules/org/org.schema';
import type { Polygon } from './geometry';

/**
 * A handful of cases in every state of the grid-event loop, on the demo grids, so a first look at the
 * dispatch desk, a department desk, a grid worker's tasks and a resident's "my reports" shows real
 * work. They go through the real engine (reports, actions, photos, counters, audit), as the demo users.
 */
export async function loadDemoCases(db: Db, config: Config): Promise<number> {
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from cases`),
  );
  if (Number(n) > 0) return 0;
  const people = await demoActors(db);
  if (!people) return 0;
  const pii = createPii(config.pii);
  const ctxOf = (actor: Actor): Ctx => ({ db, actor, ip: '127.0.0.1', lang: 'zh-CN', config, pii });
  const [gridNode] = await db
    .select()
    .from(orgNodes)
    .where(eq(orgNodes.id, people.grid.grants[0]!.orgNodeId));
  // Spread over the grid (a 3 × 3 lattice inside its bounding box), so the map shows each case apart.
  const ring = (gridNode!.boundary as Polygon).coordinates[0]!;
  const [west, east] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
  const [south, north] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
  const near = (i: number) => ({
    lng: west + (east - west) * (0.2 + 0.3 * (i % 3)),
    lat: south + (north - south) * (0.2 + 0.3 * (Math.floor(i / 3) % 3)),
  });
  const categories = rowsOf<{ id: number; code: string }>(
    await db.execute(sql`select id, code from case_categories`),
  );
  const category = (code: string) => categories.find((c) => c.code === code)?.id;
  const deptId = people.dept.grants[0]!.orgNodeId;

  const photo = async (who: Actor, hue: number) =>
    (await uploadCasePhoto(ctxOf(who), Readable.from(demoPng(hue)), { keepLocation: false })).id;
  const report = (who: Actor, body: Partial<CaseReportBody> & { title: string }, i: number) =>
    reportCase(ctxOf(who), {
      kind: 'grid_event',
      description: '',
      urgency: 'normal',
      photoIds: [],
      involved: [],
      draft: false,
      ...near(i),
      ...body,
    } as CaseReportBody);
  let current = 0;
  let version = 1;
  const act = async (who: Actor, action: string, extra: Partial<CaseActionBody> = {}) => {
    const done = await actOnCase(ctxOf(who), current, { action, version, ...extra } as CaseActionBody);
    version = done.version;
  };
  const start = async (who: Actor, body: Partial<CaseReportBody> & { title: string }, i: number) => {
    const c = await report(who, body, i);
    current = c.id;
    version = c.version;
  };
  const { grid, street, dept, resident } = people;

  // Waiting for the dispatcher.
  await start(
    grid,
    {
      title: '3号楼楼道堆放杂物',
      description: '楼道内堆放纸箱和旧家具，堵塞消防通道。',
      categoryId: category('E0102'),
      photoIds: [await photo(grid, 20)],
    },
    0,
  );
  await start(resident, { title: '小区东门路灯不亮', description: '东门口两盏路灯连续三晚不亮。' }, 1);
  // Filed, waiting for dispatch.
  await start(
    grid,
    {
      title: '人行道井盖松动',
      description: '踩上去有响动，存在安全隐患。',
      categoryId: category('C0101'),
      photoIds: [await photo(grid, 200)],
    },
    2,
  );
  await act(street, 'file', { categoryId: category('C0101') });
  // With the department.
  await start(
    grid,
    { title: '菜场门口占道经营', description: '早市摊贩占用人行道。', categoryId: category('E0401') },
    3,
  );
  await act(street, 'file', { categoryId: category('E0401') });
  await act(street, 'dispatch', { assigneeNodeId: deptId });
  await start(
    grid,
    {
      title: '绿化带暴露垃圾',
      description: '绿化带内有成堆生活垃圾。',
      categoryId: category('E0101'),
      photoIds: [await photo(grid, 100)],
    },
    4,
  );
  await act(street, 'file', { categoryId: category('E0101') });
  await act(street, 'dispatch', { assigneeNodeId: deptId });
  await act(dept, 'accept');
  // Handled, waiting for the grid worker's check.
  await start(grid, { title: '围墙违规张贴小广告', categoryId: category('E0201') }, 5);
  await act(street, 'file', { categoryId: category('E0201') });
  await act(street, 'dispatch', { assigneeNodeId: deptId });
  await act(dept, 'accept');
  await act(dept, 'handle', { note: '已清除全部小广告。', photoIds: [await photo(dept, 140)] });
  await act(street, 'request_check');
  // Closed and rated by the resident who reported it.
  await start(
    resident,
    { title: '单元门口道路破损', description: '路面坑洼，雨天积水。', categoryId: category('C0201') },
    6,
  );
  await act(street, 'file', { categoryId: category('C0201') });
  await act(street, 'dispatch', { assigneeNodeId: deptId });
  await act(dept, 'accept');
  await act(dept, 'handle', { note: '已修补路面。', photoIds: [await photo(dept, 60)] });
  await act(street, 'request_check');
  await act(grid, 'check_pass');
  await act(resident, 'evaluate', { rating: 5, note: '修得很快，谢谢！' });
  // Resolved on the spot by the grid worker.
  await start(
    grid,
    {
      title: '共享单车堵住单元门',
      categoryId: category('E04'),
      photoIds: [await photo(grid, 300)],
      selfResolved: { note: '已将单车挪至停放区。', afterPhotoIds: [await photo(grid, 310)] },
    },
    7,
  );
  // An emergency call from the resident: urgent, alerts the grid worker and the community.
  await start(
    resident,
    { kind: 'emergency', title: '独居老人家中跌倒求助', description: '邻居听到呼救，门内有人应答。' },
    8,
  );
  return 9;
}

interface DemoPeople {
  grid: Actor;
  street: Actor;
  dept: Actor;
  resident: Actor;
}

/** The demo accounts as actors (their grants read as a session would). */
async function demoActors(db: Db): Promise<DemoPeople | null> {
  const actor = async (where: ReturnType<typeof eq>): Promise<Actor | null> => {
    const [account] = await db.select().from(accounts).where(where);
    if (!account) return null;
    const grants = await db
      .select({
        assignmentId: roleAssignments.id,
        role: roleAssignments.role,
        orgNodeId: roleAssignments.orgNodeId,
        orgNodeName: orgNodes.name,
        level: orgNodes.level,
        path: orgNodes.path,
      })
      .from(roleAssignments)
      .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
      .where(and(eq(roleAssignments.accountId, account.id), isNull(roleAssignments.revokedAt)))
      .orderBy(asc(roleAssignments.id));
    return {
      accountId: account.id,
      kind: account.kind as Actor['kind'],
      displayName: account.displayName,
      grants: grants.map((g): Grant => ({ ...g, role: g.role as Role, totpRequired: false })),
      via: 'session',
      tokenScopes: null,
      pendingStep: null,
    };
  };
  const byName = (name: string) => actor(eq(accounts.username, name));
  const [grid, street, dept] = await Promise.all([byName('grid'), byName('street'), byName('dept')]);
  const resident = await actor(eq(accounts.kind, 'resident'));
  if (!grid || !street || !dept || !resident) return null;
  return { grid, street, dept, resident };
}

/** A small solid-colour PNG (hue 0–359) standing in for a photo. */
export function demoPng(hue: number, width = 64, height = 48): Buffer {
  const [r, g, b] = hsl(hue, 0.45, 0.6);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
