import { parseMobile, type Role } from '@linli/contract';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Pii } from '../core/pii';
import type { Db } from '../db/client';
import { accounts, roleAssignments } from '../modules/accounts/accounts.schema';
import { orgNodes } from '../modules/org/org.schema';
import type { PlanNode } from './city-plan';
import { DEMO_RESIDENT_MOBILE } from './people';

/**
 * One account per persona of SPEC §1, on the first district / street / community / grid of the demo
 * city, so a visitor can log in as each role and see the same place from every level. The e2e
 * journeys log in with these logins; changing one breaks them.
 */
export const DEMO_PASSWORD = 'Linli@2026demo';

export interface DemoAccount {
  role: Role;
  /** Username for staff, mobile number for the resident. */
  login: string;
  password: string;
  displayName: string;
  orgNodeName: string;
}

export interface AccountSpec {
  role: Role;
  kind: 'staff' | 'resident';
  login: string;
  displayName: string;
  node: PlanNode;
}

/** The nodes the personas sit on, found by position in the plan rather than by generated name. */
export interface Anchors {
  city: PlanNode;
  district: PlanNode;
  street: PlanNode;
  street2: PlanNode;
  community: PlanNode;
  grid: PlanNode;
  grid2: PlanNode;
  urbanManagement: PlanNode;
  civilAffairs: PlanNode;
}

export function findAnchors(nodes: readonly PlanNode[]): Anchors {
  const first = (level: PlanNode['level'], parent?: PlanNode, skip = 0): PlanNode => {
    const found = nodes.filter((n) => n.level === level && (!parent || n.parentId === parent.id))[skip];
    if (!found)
      throw new Error(`demo city has no ${level} #${skip + 1}${parent ? ` under ${parent.code}` : ''}`);
    return found;
  };
  const city = first('city');
  const district = first('district', city);
  const street = first('street', district);
  const community = first('community', street);
  const urbanManagement = nodes.find(
    (n) => n.parentId === district.id && n.departmentType === 'urban_management',
  );
  if (!urbanManagement) throw new Error('demo city has no district 城管局');
  const civilAffairs = nodes.find((n) => n.parentId === district.id && n.departmentType === 'civil_affairs');
  if (!civilAffairs) throw new Error('demo city has no district 民政局');
  return {
    city,
    district,
    street,
    street2: first('street', district, 1),
    community,
    grid: first('grid', community),
    grid2: first('grid', community, 1),
    urbanManagement,
    civilAffairs,
  };
}

export function demoAccountSpecs(a: Anchors): AccountSpec[] {
  const staff = (role: Role, login: string, displayName: string, node: PlanNode): AccountSpec => ({
    role,
    kind: 'staff',
    login,
    displayName,
    node,
  });
  return [
    staff('admin', 'admin', '系统管理员', a.city),
    staff('civil_affairs', 'civil.city', '市民政局 王主任', a.city),
    staff('civil_affairs', 'civil.district', `${a.district.name}民政局 李科长`, a.district),
    staff('street_officer', 'street', `${a.street.name} 陈主任`, a.street),
    staff('street_officer', 'street2', `${a.street2.name} 赵主任`, a.street2),
    staff('community_leader', 'leader', `${a.community.name} 刘书记`, a.community),
    staff('community_worker', 'worker', `${a.community.name} 周敏`, a.community),
    staff('grid_worker', 'grid', '网格员 吴刚', a.grid),
    staff('grid_worker', 'grid2', '网格员 郑丽', a.grid2),
    staff('department_staff', 'dept', `${a.urbanManagement.name} 孙科员`, a.urbanManagement),
    // The civil-affairs clerk who reviews forwarded applications (elderly allowance, 低保 …).
    staff('department_staff', 'civil.dept', `${a.civilAffairs.name} 钱科员`, a.civilAffairs),
    staff('hotline_operator', 'hotline', '便民热线坐席 何静', a.district),
    staff('provider', 'provider', '惠民家政服务中心', a.district),
    staff('social_org', 'social', '阳光志愿者协会', a.community),
    staff('party_org', 'party', `${a.community.name}党委 林书记`, a.community),
    // An outside system, not a person: it files Open311 requests with an API token an admin issues.
    staff('integration', 'open311', '12345 热线平台对接', a.city),
    { role: 'resident', kind: 'resident', login: DEMO_RESIDENT_MOBILE, displayName: '张晓明', node: a.grid },
  ];
}

/** The demo accounts as they are now in the database (the loader that made them may have been older). */
export async function seededAccounts(db: Db, pii?: Pii): Promise<DemoAccount[]> {
  const rows = await db
    .select({
      role: roleAssignments.role,
      username: accounts.username,
      mobileEnc: accounts.mobileEnc,
      displayName: accounts.displayName,
      orgNodeName: orgNodes.name,
    })
    .from(accounts)
    .innerJoin(roleAssignments, eq(roleAssignments.accountId, accounts.id))
    .innerJoin(orgNodes, eq(orgNodes.id, roleAssignments.orgNodeId))
    .where(and(eq(accounts.seeded, true), isNull(roleAssignments.revokedAt)))
    .orderBy(asc(accounts.id), asc(roleAssignments.id));
  return rows.map((r) => ({
    role: r.role as Role,
    // Without keys (the server's banner) the resident is shown by the one number the loader gives residents.
    login: r.username ?? (pii && r.mobileEnc ? pii.decrypt(r.mobileEnc) : DEMO_RESIDENT_MOBILE),
    password: DEMO_PASSWORD,
    displayName: r.displayName,
    orgNodeName: r.orgNodeName,
  }));
}

/**
 * Creates the persona accounts with their one role each. A login that already exists (an operator
 * made an `admin` before loading) is left untouched and not reported, rather than failing the load.
 */
export async function insertAccounts(
  db: Db,
  specs: AccountSpec[],
  passwordHash: string,
  pii: Pii,
): Promise<DemoAccount[]> {
  const usernames = specs.filter((s) => s.kind === 'staff').map((s) => s.login);
  const taken = new Set(
    (
      await db.select({ u: accounts.username }).from(accounts).where(inArray(accounts.username, usernames))
    ).map((r) => r.u),
  );
  const out: DemoAccount[] = [];
  for (const spec of specs) {
    if (taken.has(spec.login)) continue;
    const id = await insertAccount(db, spec, passwordHash, pii);
    if (id === null) continue;
    await db.insert(roleAssignments).values({ accountId: id, role: spec.role, orgNodeId: spec.node.id });
    out.push({
      role: spec.role,
      login: spec.login,
      password: DEMO_PASSWORD,
      displayName: spec.displayName,
      orgNodeName: spec.node.name,
    });
  }
  return out;
}

async function insertAccount(
  db: Db,
  spec: AccountSpec,
  passwordHash: string,
  pii: Pii,
): Promise<number | null> {
  const common = { displayName: spec.displayName, passwordHash, mustChangePassword: true, seeded: true };
  if (spec.kind === 'staff') {
    const [row] = await db
      .insert(accounts)
      .values({ ...common, kind: 'staff', username: spec.login })
      .returning({ id: accounts.id });
    return row?.id ?? null;
  }
  const mobile = parseMobile(spec.login);
  if (!mobile.ok) throw new Error(`demo resident login is not a mobile number: ${spec.login}`);
  const index = pii.blindIndex(mobile.normalized);
  const [clash] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.mobileIndex, index));
  if (clash) return null;
  const [row] = await db
    .insert(accounts)
    .values({ ...common, kind: 'resident', mobileEnc: pii.encrypt(mobile.normalized), mobileIndex: index })
    .returning({ id: accounts.id });
  return row?.id ?? null;
}
