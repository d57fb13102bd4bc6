import type { ServiceCategory } from '@linli/contract';
import { sql } from 'drizzle-orm';
import type { Pii } from '../core/pii';
import { type Db, rowsOf } from '../db/client';
import { serviceProviders } from '../modules/hotline/hotline.schema';
import { centroid, type Polygon } from './geometry';

interface DemoProvider {
  name: string;
  type: 'community_agency' | 'social_enterprise' | 'merchant';
  categories: ServiceCategory[];
  /** Offset from the first grid's centre, in metres (east, north). */
  at: [number, number];
  status: 'approved' | 'applied' | 'suspended';
  hours: string;
  prices: string;
  phone: string;
  /** The demo login `provider` runs this one. */
  ownAccount?: true;
}

const PROVIDERS: DemoProvider[] = [
  {
    name: '惠民家政服务中心',
    type: 'community_agency',
    categories: ['home_services', 'housekeeping', 'appliance_repair', 'elderly_care'],
    at: [150, 80],
    status: 'approved',
    hours: '每天 8:00–20:00',
    prices: '家电上门检测 30 元；保洁 50 元/小时',
    phone: '010-62345678',
    ownAccount: true,
  },
  {
    name: '邻家助餐点',
    type: 'social_enterprise',
    categories: ['meals'],
    at: [-300, 200],
    status: 'approved',
    hours: '每天 10:30–13:30，16:30–18:30',
    prices: '老年餐 12 元/份，80 岁以上 8 元',
    phone: '13800138111',
  },
  {
    name: '快修家电维修部',
    type: 'merchant',
    categories: ['appliance_repair', 'plumbing'],
    at: [600, -500],
    status: 'approved',
    hours: '周一至周六 9:00–18:00',
    prices: '上门费 20 元，配件另计',
    phone: '13900139222',
  },
  {
    name: '安心开锁',
    type: 'merchant',
    categories: ['lock_repair'],
    at: [400, 300],
    status: 'approved',
    hours: '24 小时',
    prices: '普通锁 80 元起',
    phone: '13700137333',
  },
  {
    name: '远郊家电服务站',
    type: 'merchant',
    categories: ['appliance_repair'],
    at: [2500, 1800],
    status: 'approved',
    hours: '每天 9:00–17:00',
    prices: '上门费 40 元',
    phone: '13600136444',
  },
  {
    name: '康乐陪诊护理',
    type: 'social_enterprise',
    categories: ['medical_escort', 'nursing', 'rehabilitation'],
    at: [-500, -400],
    status: 'applied',
    hours: '工作日 8:00–17:00',
    prices: '陪诊 100 元/半天',
    phone: '13500135555',
  },
  {
    name: '鑫源水电',
    type: 'merchant',
    categories: ['plumbing', 'appliance_repair'],
    at: [-200, -150],
    status: 'suspended',
    hours: '每天 8:00–19:00',
    prices: '上门费 30 元',
    phone: '13300133666',
  },
];

const METRES_PER_DEGREE = 111_320;

/**
 * A few providers around the first demo grid (near and far, approved, applied, suspended), so the
 * hotline desk matches real candidates; the demo `provider` login runs 惠民家政服务中心.
 */
export async function loadDemoProviders(db: Db, pii: Pii): Promise<number> {
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from service_providers`),
  );
  if (Number(n) > 0) return 0;
  const [grid] = rowsOf<{ boundary: Polygon }>(
    await db.execute(sql`
      select n.boundary from accounts a
      join role_assignments r on r.account_id = a.id and r.revoked_at is null
      join org_nodes n on n.id = r.org_node_id
      where a.username = 'grid' limit 1`),
  );
  if (!grid) return 0;
  const [lng0, lat0] = centroid(grid.boundary) as [number, number];
  const [own] = rowsOf<{ id: number }>(
    await db.execute(sql`select id from accounts where username = 'provider'`),
  );
  await db.insert(serviceProviders).values(
    PROVIDERS.map((p) => ({
      name: p.name,
      type: p.type,
      categories: p.categories,
      lat: lat0 + p.at[1] / METRES_PER_DEGREE,
      lng: lng0 + p.at[0] / (METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180)),
      address: `${p.name}门店`,
      serviceRadiusM: p.at[0] > 2000 ? 5000 : 1500,
      hours: p.hours,
      prices: p.prices,
      phoneEnc: pii.encrypt(p.phone),
      accountId: p.ownAccount ? (own?.id ?? null) : null,
      status: p.status,
      statusReason:
        p.status === 'suspended' ? '多次投诉，暂停派单' : p.status === 'approved' ? '资质审核通过' : null,
    })),
  );
  return PROVIDERS.length;
}
