import type { MediationSessionBody } from '@linli/contract';
import { eq } from 'drizzle-orm';
import { auditActorOf, pathInScope, requireActor } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { AppError, conflict, invalid, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { type LoadedCase, visibleCase } from './case-access';
import { caseEvents, cases } from './cases.schema';
import { getCase } from './cases.service';

/**
 * What some kinds record beyond the common loop: a dispute's mediation sessions and agreement
 * (人民调解协议书), and the reply a petition or other transferred case gets from the system it went to.
 */

/** Mediators are the staff handling the case: its grid and community, or the unit it was sent to. */
function mayRecord(actor: Actor, c: LoadedCase): boolean {
  if (actor.kind !== 'staff') return false;
  return (
    pathInScope(actor, 'cases.handle', c.path) ||
    pathInScope(actor, 'cases.report', c.path) ||
    (c.assigneePath !== null && pathInScope(actor, 'cases.handle', c.assigneePath))
  );
}

interface Agreement {
  terms: string;
  signedBy: string[];
  agreedAt: string;
  mediator: string;
}

export async function recordMediation(ctx: Ctx, id: number, body: MediationSessionBody) {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const c = await visibleCase(tx, actor, id, true);
    if (!mayRecord(actor, c)) throw new AppError(403, 'cases.action_forbidden');
    if (c.row.kind !== 'dispute') throw conflict('cases.not_a_dispute');
    if (!['filed', 'dispatched', 'in_progress', 'reopened'].includes(c.row.state))
      throw conflict('cases.transition_not_allowed');
    if (body.outcome === 'agreed' && !body.agreement) throw invalid('agreement', 'required');
    if (body.outcome !== 'agreed' && body.agreement)
      throw invalid('agreement', 'cases.agreement_without_outcome');
    const base = {
      caseId: id,
      actorAccountId: actor.accountId,
      actorRole: actor.grants[0]?.role ?? null,
      actorName: actor.displayName,
    };
    await tx.insert(caseEvents).values({
      ...base,
      action: 'mediation_session',
      public: false,
      note: body.summary,
      data: {
        heldAt: body.heldAt,
        place: body.place ?? null,
        participants: body.participants,
        outcome: body.outcome,
      },
    });
    if (body.agreement) {
      const agreement: Agreement = { ...body.agreement, agreedAt: body.heldAt, mediator: actor.displayName };
      const details = { ...((c.row.details as Record<string, unknown> | null) ?? {}), agreement };
      await tx.update(cases).set({ details, updatedAt: new Date() }).where(eq(cases.id, id));
      await tx.insert(caseEvents).values({
        ...base,
        action: 'mediation_agreement',
        public: true,
        note: null,
        data: { signedBy: body.agreement.signedBy },
      });
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'case.mediation',
      recordType: 'case',
      recordId: id,
      details: { outcome: body.outcome },
    });
  });
  return getCase(ctx, id);
}

export async function recordExternalReply(ctx: Ctx, id: number, body: { receivedAt: string; note: string }) {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const c = await visibleCase(tx, actor, id, true);
    if (!mayRecord(actor, c) && !pathInScope(actor, 'cases.dispatch', c.path))
      throw new AppError(403, 'cases.action_forbidden');
    if (c.row.state !== 'transferred') throw conflict('cases.transition_not_allowed');
    await tx.insert(caseEvents).values({
      caseId: id,
      actorAccountId: actor.accountId,
      actorRole: actor.grants[0]?.role ?? null,
      actorName: actor.displayName,
      action: 'external_reply',
      public: true,
      note: body.note,
      data: { receivedAt: body.receivedAt, system: c.row.externalSystem, externalId: c.row.externalId },
    });
    await tx.update(cases).set({ updatedAt: new Date() }).where(eq(cases.id, id));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      clientIp: ctx.ip,
      action: 'case.external_reply',
      recordType: 'case',
      recordId: id,
    });
  });
  return getCase(ctx, id);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The mediation agreement as a printable document (人民调解协议书): parties, terms, signatures, the
 * mediator and the date. The browser prints it (or saves it as PDF).
 */
export async function agreementDocument(ctx: Ctx, id: number): Promise<string> {
  const actor = requireActor(ctx);
  const c = await visibleCase(ctx.db, actor, id);
  if (actor.kind !== 'staff' && c.row.reporterAccountId !== actor.accountId) throw notFound();
  const details = (c.row.details ?? {}) as {
    agreement?: Agreement;
    parties?: { name: string; role?: string }[];
  };
  const a = details.agreement;
  if (!a) throw notFound();
  const en = ctx.lang === 'en-US';
  const title = en ? 'Mediation agreement' : '人民调解协议书';
  const parties = (details.parties ?? a.signedBy.map((name): { name: string; role?: string } => ({ name })))
    .map((p) => `<li>${escapeHtml(p.name)}${p.role ? `（${escapeHtml(p.role)}）` : ''}</li>`)
    .join('');
  const signatures = a.signedBy
    .map((n) => `<div class="sign">${escapeHtml(n)}<span>${en ? 'Signature' : '签名'}：</span></div>`)
    .join('');
  return `<!doctype html><html lang="${ctx.lang}"><head><meta charset="utf-8"><title>${title} #${c.row.id}</title>
<style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:720px;margin:40px auto;line-height:1.8;color:#111}
h1{text-align:center;letter-spacing:.3em}.meta{color:#555}.terms{white-space:pre-wrap;border-top:1px solid #999;border-bottom:1px solid #999;padding:12px 0}
.sign{display:flex;justify-content:space-between;margin:18px 0;border-bottom:1px dotted #999}@media print{.noprint{display:none}}</style></head>
<body><h1>${title}</h1>
<p class="meta">${en ? 'Case' : '编号'}：${c.row.id} · ${escapeHtml(c.nodeName)}</p>
<h2>${en ? 'Parties' : '当事人'}</h2><ul>${parties}</ul>
<h2>${en ? 'Matter' : '纠纷事项'}</h2><p>${escapeHtml(c.row.title)}</p><p>${escapeHtml(c.row.description)}</p>
<h2>${en ? 'Terms agreed' : '达成协议内容'}</h2><div class="terms">${escapeHtml(a.terms)}</div>
${signatures}
<p>${en ? 'Mediator' : '调解员'}：${escapeHtml(a.mediator)}　${en ? 'Date' : '日期'}：${escapeHtml(a.agreedAt.slice(0, 10))}</p>
<p class="noprint"><button onclick="print()">${en ? 'Print' : '打印'}</button></p></body></html>`;
}
