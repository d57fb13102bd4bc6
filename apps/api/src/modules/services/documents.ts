import type { MatterMaterial } from '@linli/contract';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { applicationDetail } from './application-views';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Shanghai date of an ISO instant (the promised date is "by the end of that day"). */
const day = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '';

function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:720px;margin:40px auto;line-height:1.8;color:#111}
h1{text-align:center;letter-spacing:.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px;text-align:left}
.seal{margin-top:40px;text-align:right}@media print{.noprint{display:none}}</style></head>
<body>${body}<p class="noprint"><button onclick="print()">${lang === 'en-US' ? 'Print' : '打印'}</button></p></body></html>`;
}

/** 受理回执: the receipt number, the matter, materials received and the promised date. */
export async function receiptDocument(ctx: Ctx, id: number): Promise<string> {
  const a = await applicationDetail(ctx, id);
  if (!a.receiptNumber) throw new AppError(409, 'services.not_accepted_yet');
  const en = ctx.lang === 'en-US';
  const title = en ? 'Acceptance receipt' : '受理回执';
  const rows = a.materials
    .map(
      (m: MatterMaterial & { present: boolean }) =>
        `<tr><td>${escapeHtml(en ? m.nameEn : m.nameZh)}</td><td>${m.count}</td><td>${
          m.registrySupplies ? (en ? 'from the registry' : '数据共享') : en ? 'received' : '已收'
        }</td></tr>`,
    )
    .join('');
  return page(
    ctx.lang,
    `${title} ${a.receiptNumber}`,
    `<h1>${title}</h1>
<p>${en ? 'Receipt number' : '受理编号'}：<b>${a.receiptNumber}</b></p>
<p>${en ? 'Matter' : '办理事项'}：${escapeHtml(en ? a.matterNameEn : a.matterNameZh)}（${a.matterCode}）</p>
<p>${en ? 'Applicant' : '申请人'}：${escapeHtml(a.applicantName)} ${a.idNumberMasked ?? ''}</p>
${a.agent ? `<p>${en ? 'Agent' : '代办人'}：${escapeHtml(a.agent.name)}</p>` : ''}
<table><tr><th>${en ? 'Material' : '材料'}</th><th>${en ? 'Copies' : '份数'}</th><th></th></tr>${rows}</table>
<p>${en ? 'Promised by' : '承诺办结日期'}：<b>${day(a.promisedAt)}</b></p>
<p class="seal">${escapeHtml(a.windowName)}</p>`,
  );
}

/** 办理结果: the decision and what was issued. */
export async function resultDocument(ctx: Ctx, id: number): Promise<string> {
  const a = await applicationDetail(ctx, id);
  const decided =
    ['issued', 'refused', 'not_accepted', 'evaluated'].includes(a.state) && (a.result || a.reason);
  if (!decided) throw new AppError(409, 'services.no_result_yet');
  const en = ctx.lang === 'en-US';
  const title = en ? 'Result of the application' : '办理结果通知书';
  return page(
    ctx.lang,
    title,
    `<h1>${title}</h1>
<p>${en ? 'Receipt number' : '受理编号'}：${a.receiptNumber ?? a.id}</p>
<p>${en ? 'Matter' : '办理事项'}：${escapeHtml(en ? a.matterNameEn : a.matterNameZh)}</p>
<p>${en ? 'Applicant' : '申请人'}：${escapeHtml(a.applicantName)}</p>
<p>${en ? 'Result' : '办理结果'}：${escapeHtml(a.result ?? a.reason ?? '')}</p>
<p class="seal">${escapeHtml(a.departmentName ?? a.windowName)}</p>`,
  );
}
