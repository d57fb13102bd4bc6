import { EXPORT_MAX_ROWS, type ResidentExportQuery, type ResidentView } from '@linli/contract';
import { auditActorIn, requirePermission, scopePaths } from '../../../core/access';
import type { Ctx } from '../../../core/context';
import type { Lang } from '../../../core/messages';
import { recordAudit } from '../../audit';
import { enumLabel, fieldLabel } from '../import/fields';
import { nodePath } from '../registry.common';
import { residentsForExport } from '../residents.search';
import { tableSheet, type XlsxOut } from './xlsx-stream';

const TEXT: Record<string, { zh: string; en: string }> = {
  sheet: { zh: '居民', en: 'Residents' },
  about: { zh: '说明', en: 'About' },
  age: { zh: '年龄', en: 'Age' },
  grid: { zh: '所属网格', en: 'Grid' },
  community: { zh: '所属社区', en: 'Community' },
  status: { zh: '状态', en: 'Status' },
  tags: { zh: '标签', en: 'Tags' },
  exportedAt: { zh: '导出时间', en: 'Exported at' },
  exportedBy: { zh: '导出人', en: 'Exported by' },
  filters: { zh: '筛选条件', en: 'Filters' },
  rows: { zh: '行数', en: 'Rows' },
  masked: {
    zh: '证件号码和手机号已脱敏。本文件含个人信息，请妥善保管，用后删除。',
    en: 'ID numbers and mobiles are masked. This file holds personal data: keep it safe and delete it after use.',
  },
  capped: {
    zh: `结果超过 ${EXPORT_MAX_ROWS.toLocaleString('en-US')} 条，只导出了前 ${EXPORT_MAX_ROWS.toLocaleString('en-US')} 条；请缩小筛选范围后分批导出。`,
    en: `More than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} results: only the first ${EXPORT_MAX_ROWS.toLocaleString('en-US')} are in this file. Narrow the filters and export in parts.`,
  },
};
const STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '在册', en: 'Active' },
  moved_out: { zh: '已迁出', en: 'Moved out' },
  deceased: { zh: '已死亡', en: 'Deceased' },
};
const TAG: Record<string, { zh: string; en: string }> = {
  living_alone: { zh: '独居', en: 'Living alone' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  chronic_illness: { zh: '慢性病', en: 'Chronic illness' },
  dibao: { zh: '低保', en: 'Minimum living allowance' },
  tekun: { zh: '特困', en: 'Special hardship' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  laid_off: { zh: '下岗失业', en: 'Laid off' },
  job_seeker_4050: { zh: '4050 人员', en: '"4050" job seeker' },
  party_member: { zh: '党员', en: 'Party member' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  key_group: { zh: '重点人群', en: 'Key group' },
  aged_60: { zh: '60 岁以上', en: '60+' },
  aged_80: { zh: '80 岁以上', en: '80+' },
  minor: { zh: '未成年人', en: 'Minor' },
  under_14: { zh: '14 岁以下', en: 'Under 14' },
};
const say = (t: { zh: string; en: string } | undefined, lang: Lang, fallback = '') =>
  t ? (lang === 'en-US' ? t.en : t.zh) : fallback;

/** The columns of an export, in the order of the import's fields so a sheet reads like a template. */
function columns(
  lang: Lang,
): { label: string; width: number; value: (r: ResidentView) => string | number }[] {
  const e = (field: Parameters<typeof enumLabel>[0], code: string | null) => enumLabel(field, code, lang);
  return [
    { label: fieldLabel('name', lang), width: 12, value: (r) => r.name },
    { label: fieldLabel('gender', lang), width: 6, value: (r) => e('gender', r.gender) },
    { label: fieldLabel('birthDate', lang), width: 12, value: (r) => r.birthDate },
    { label: say(TEXT.age, lang), width: 6, value: (r) => r.age },
    { label: fieldLabel('idDocType', lang), width: 12, value: (r) => e('idDocType', r.idDocType) },
    { label: fieldLabel('idNumber', lang), width: 22, value: (r) => r.idNumber ?? '' },
    { label: fieldLabel('phone', lang), width: 14, value: (r) => r.phone ?? '' },
    { label: fieldLabel('ethnicity', lang), width: 8, value: (r) => r.ethnicity ?? '' },
    { label: fieldLabel('education', lang), width: 10, value: (r) => e('education', r.education) },
    {
      label: fieldLabel('politicalStatus', lang),
      width: 12,
      value: (r) => e('politicalStatus', r.politicalStatus),
    },
    { label: fieldLabel('maritalStatus', lang), width: 8, value: (r) => e('maritalStatus', r.maritalStatus) },
    {
      label: fieldLabel('employmentStatus', lang),
      width: 10,
      value: (r) => e('employmentStatus', r.employmentStatus),
    },
    { label: fieldLabel('hukouAddress', lang), width: 30, value: (r) => r.hukouAddress ?? '' },
    { label: fieldLabel('actualAddress', lang), width: 30, value: (r) => r.actualAddress ?? '' },
    { label: fieldLabel('movedInOn', lang), width: 12, value: (r) => r.movedInOn ?? '' },
    {
      label: fieldLabel('residenceType', lang),
      width: 10,
      value: (r) => e('residenceType', r.residenceType),
    },
    { label: say(TEXT.grid, lang), width: 16, value: (r) => r.gridName },
    { label: say(TEXT.community, lang), width: 16, value: (r) => r.communityName ?? '' },
    { label: fieldLabel('relation', lang), width: 10, value: (r) => e('relation', r.relation) },
    { label: say(TEXT.status, lang), width: 8, value: (r) => say(STATUS[r.status], lang, r.status) },
    {
      label: say(TEXT.tags, lang),
      width: 24,
      value: (r) => r.tags.map((t) => say(TAG[t], lang, t)).join('、'),
    },
  ];
}

/**
 * An export of a resident search: the same filters and scope as the list (masked numbers, only the
 * tags the actor may see), up to EXPORT_MAX_ROWS rows, and one audit entry naming the filters and
 * how many rows left. `open` runs the first page before anything is sent, so scope errors still
 * answer as errors; `write` then streams the rest.
 */
export async function openResidentExport(ctx: Ctx, q: ResidentExportQuery) {
  const actor = requirePermission(ctx, 'registry.read');
  const pages = residentsForExport(ctx, q);
  const first = await pages.next();
  const path = q.nodeId ? await nodePath(ctx.db, q.nodeId) : (scopePaths(actor, 'registry.read')[0] ?? '/');
  const lang = ctx.lang;

  async function write(out: XlsxOut): Promise<void> {
    const cols = columns(lang);
    const sheet = tableSheet(
      out.workbook,
      say(TEXT.sheet, lang),
      cols.map((c) => c.label),
      cols.map((c) => c.width),
    );
    let rows = 0;
    let capped = false;
    try {
      let page = first;
      while (!page.done) {
        for (const r of page.value) {
          if (rows >= EXPORT_MAX_ROWS) {
            capped = true;
            break;
          }
          sheet.addRow(cols.map((c) => c.value(r))).commit();
          rows++;
        }
        if (capped) break;
        await out.drain();
        page = await pages.next();
      }
      if (capped) sheet.addRow([say(TEXT.capped, lang)]).commit();
      sheet.commit();
      const about = out.workbook.addWorksheet(say(TEXT.about, lang));
      about.columns = [{ width: 14 }, { width: 80 }];
      const facts: [string, string][] = [
        [say(TEXT.exportedAt, lang), new Date().toISOString()],
        [say(TEXT.exportedBy, lang), actor.displayName],
        [say(TEXT.filters, lang), JSON.stringify(q)],
        [say(TEXT.rows, lang), String(rows)],
        ['', say(TEXT.masked, lang)],
      ];
      if (capped) facts.push(['', say(TEXT.capped, lang)]);
      for (const f of facts) about.addRow(f).commit();
      about.commit();
      await out.finish();
    } finally {
      await pages.return(undefined);
      // Every export is audited, also one the client broke off: rows says how far it got.
      await ctx.db.transaction((tx) =>
        recordAudit(tx, {
          actor: auditActorIn(actor, 'registry.read', path),
          clientIp: ctx.ip,
          action: 'registry.export',
          recordType: 'resident',
          recordId: null,
          details: { filters: q, rows, capped, masked: true },
        }),
      );
    }
  }
  return { write };
}
