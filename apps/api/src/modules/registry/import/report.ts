import type { Ctx } from '../../../core/context';
import { tableSheet, type XlsxOut } from '../export/xlsx-stream';
import { issuePages, MAX_STORED_ISSUES } from './import.service';

const TEXT = {
  sheet: { zh: '问题清单', en: 'Problems' },
  row: { zh: '行号', en: 'Row' },
  column: { zh: '列', en: 'Column' },
  field: { zh: '字段', en: 'Field' },
  value: { zh: '填写的内容', en: 'Value' },
  message: { zh: '问题', en: 'Problem' },
  none: { zh: '没有发现问题。', en: 'No problems found.' },
  more: {
    zh: '共 {total} 处问题，此处列出前 {shown} 处。修正后重新上传，检查会列出其余的问题。',
    en: '{total} problems in all; the first {shown} are listed. Fix them and upload again to see the rest.',
  },
  file: { zh: '导入问题报告', en: 'import-problems' },
};

/**
 * The per-row, per-field problems of an import as an XLSX (row number, column, field, the value as
 * typed with ID numbers and phones masked, the message), streamed from the stored issues.
 */
export async function openIssueReport(ctx: Ctx, id: number) {
  const pages = issuePages(ctx, id);
  const first = await pages.next();
  if (first.done) throw new Error('unreachable');
  const { imp } = first.value;
  const en = ctx.lang === 'en-US';
  const t = (k: keyof typeof TEXT) => (en ? TEXT[k].en : TEXT[k].zh);
  const base = imp.fileName.replace(/\.[^.]+$/, '');

  async function write(out: XlsxOut): Promise<void> {
    const sheet = tableSheet(
      out.workbook,
      t('sheet'),
      [t('row'), t('column'), t('field'), t('value'), t('message')],
      [8, 16, 14, 28, 60],
    );
    let shown = 0;
    try {
      for (let page = await pages.next(); !page.done; page = await pages.next()) {
        for (const i of page.value.issues) {
          sheet.addRow([i.row, i.column ?? '', i.field ?? '', i.value ?? '', i.message]).commit();
          shown++;
        }
        await out.drain();
      }
    } finally {
      await pages.return(undefined);
    }
    const total = imp.counts.errors ?? shown;
    if (shown === 0) sheet.addRow([t('none')]).commit();
    if (total > shown || shown >= MAX_STORED_ISSUES)
      sheet.addRow([t('more').replace('{total}', String(total)).replace('{shown}', String(shown))]).commit();
    sheet.commit();
    await out.finish();
  }
  return {
    fileName: `${t('file')}-${base}.xlsx`,
    asciiName: `import-${imp.id}-problems.xlsx`,
    write,
  };
}
