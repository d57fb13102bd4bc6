import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { billPayments, bills } from '../modules/bills/bills.schema';

interface DemoBill {
  kind: 'water' | 'electricity' | 'gas' | 'heating' | 'property' | 'community_fee';
  biller: string;
  amountCents: number;
}

const MONTHLY: DemoBill[] = [
  { kind: 'water', biller: '江川市自来水公司', amountCents: 4560 },
  { kind: 'electricity', biller: '国网江川供电公司', amountCents: 18_735 },
  { kind: 'gas', biller: '江川燃气集团', amountCents: 6_240 },
];
const PROPERTY: DemoBill = { kind: 'property', biller: '幸福里物业服务有限公司', amountCents: 25_800 };

/** "2026-11" and the month before it, relative to today in Shanghai. */
function recentPeriods(now = new Date()): [string, string] {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  const prev = (y: number, m: number) => (m === 1 ? [y - 1, 12] : [y, m - 1]);
  const [y1, m1] = prev(d.getUTCFullYear(), d.getUTCMonth() + 1) as [number, number];
  const [y2, m2] = prev(y1, m1) as [number, number];
  const p = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  return [p(y1, m1), p(y2, m2)];
}

/**
 * Bills for the demo resident's household (last month unpaid, the month before paid at the window)
 * and a few neighbours in the same community, so the desk and the phone have content at once.
 */
export async function loadDemoBills(db: Db): Promise<number> {
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from bills`),
  );
  if (Number(n) > 0) return 0;
  const [own] = rowsOf<{ household_id: number; community: string }>(
    await db.execute(sql`
      select r.household_id, c.path as community from accounts a
      join residents r on r.account_id = a.id
      join households h on h.id = r.household_id
      join org_nodes g on g.id = h.org_node_id
      join org_nodes c on c.id = g.parent_id
      where a.kind = 'resident' and a.seeded order by a.id limit 1`),
  );
  if (!own) return 0;
  const neighbours = rowsOf<{ id: number }>(
    await db.execute(sql`
      select h.id from households h join org_nodes g on g.id = h.org_node_id
      where g.path like ${`${own.community}%`} and h.id <> ${own.household_id}
      order by h.id limit 6`),
  );
  const [latest, earlier] = recentPeriods();
  const due = (period: string) => `${period}-28`;
  const rows: (typeof bills.$inferInsert)[] = [];
  const add = (householdId: number, b: DemoBill, period: string) =>
    rows.push({
      householdId,
      kind: b.kind,
      biller: b.biller,
      period,
      amountCents: b.amountCents + (householdId % 7) * 137,
      dueDate: due(period),
      externalRef: `${b.kind.slice(0, 2).toUpperCase()}${period.replace('-', '')}${String(householdId).padStart(6, '0')}`,
    });
  for (const b of [...MONTHLY, PROPERTY]) add(own.household_id, b, latest);
  for (const b of MONTHLY) add(own.household_id, b, earlier);
  for (const h of neighbours) for (const b of [MONTHLY[0]!, PROPERTY]) add(h.id, b, latest);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(bills).values(rows).returning();
    // The earlier month of the demo household was paid at the window (a receipt to look at).
    const paid = inserted.filter((b) => b.householdId === own.household_id && b.period === earlier);
    for (const b of paid) {
      const paidAt = new Date(`${b.dueDate}T02:00:00Z`);
      const [p] = await tx
        .insert(billPayments)
        .values({
          billId: b.id,
          channel: 'window',
          provider: 'window',
          orderId: `DEMO-${b.id}`,
          amountCents: b.amountCents,
          status: 'succeeded',
          method: 'cash',
          paidAt,
        })
        .returning();
      await tx
        .update(bills)
        .set({
          status: 'paid',
          paidAt,
          paidChannel: 'window',
          paidPaymentId: p!.id,
          receiptNumber: `SF${b.dueDate.replace(/-/g, '')}${String(p!.id).padStart(8, '0')}`,
        })
        .where(eq(bills.id, b.id));
    }
  });
  return rows.length;
}
