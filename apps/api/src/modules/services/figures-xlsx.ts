import type { WindowFigures, WindowFiguresView } from '@linli/contract';
import ExcelJS from 'exceljs';
import type { Lang } from '../../core/messages';

const TEXT: Record<
  Lang,
  { sheets: [string, string]; figures: string[]; supplements: string[]; total: string; all: string }
> = {
  'zh-CN': {
    sheets: ['窗口办件', '补正材料'],
    figures: [
      '窗口',
      '事项',
      '办件量',
      '即办件',
      '即办率',
      '办结',
      '按期办结',
      '应办结',
      '按期办结率',
      '平均办理时长（小时）',
      '评价数',
      '好评率',
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
      '需补正',
    ],
    supplements: ['事项', '材料', '需补正的申请', '补正次数'],
    total: '合计',
    all: '全部事项',
  },
  'en-US': {
    sheets: ['Windows', 'Supplements'],
    figures: [
      'Window',
      'Matter',
      'Applications',
      'On the spot',
      'On-the-spot share',
      'Decided',
      'Decided on time',
      'Due',
      'On-time rate',
      'Average time (hours)',
      'Ratings',
      'Satisfaction',
      'Very satisfied',
      'Satisfied',
      'Basically satisfied',
      'Dissatisfied',
      'Very dissatisfied',
      'Needed supplements',
    ],
    supplements: ['Matter', 'Material', 'Applications asked', 'Times asked'],
    total: 'Total',
    all: 'All matters',
  },
};

const blank = (x: number | null) => (x === null ? '' : x);

function cells(f: WindowFigures) {
  return [
    f.applications,
    f.onTheSpot,
    blank(f.onTheSpotShare),
    f.decided,
    f.onTime,
    f.due,
    blank(f.onTimeRate),
    blank(f.averageHours),
    f.rated,
    blank(f.satisfactionRate),
    f.ratings.very_satisfied,
    f.ratings.satisfied,
    f.ratings.basic,
    f.ratings.dissatisfied,
    f.ratings.very_dissatisfied,
    f.supplemented,
  ];
}

/** The window figures as a workbook: one sheet per window and matter (with the total), one of supplements. */
export function windowFiguresWorkbook(view: WindowFiguresView, lang: Lang): ExcelJS.Workbook {
  const text = TEXT[lang];
  const zh = lang === 'zh-CN';
  const wb = new ExcelJS.Workbook();
  const title = `${view.nodeName ?? ''} ${view.from} – ${view.to}`.trim();

  const figures = wb.addWorksheet(text.sheets[0]);
  figures.addRow([title]);
  figures.addRow(text.figures).font = { bold: true };
  for (const r of view.rows)
    figures.addRow([r.windowName, zh ? r.matterNameZh : r.matterNameEn, ...cells(r.figures)]);
  figures.addRow([text.total, text.all, ...cells(view.total)]).font = { bold: true };
  for (const col of [5, 9, 12]) figures.getColumn(col).numFmt = '0.00%';
  figures.getColumn(1).width = 24;
  figures.getColumn(2).width = 28;

  const supplements = wb.addWorksheet(text.sheets[1]);
  supplements.addRow([title]);
  supplements.addRow(text.supplements).font = { bold: true };
  for (const s of view.supplements)
    supplements.addRow([
      zh ? s.matterNameZh : s.matterNameEn,
      zh ? s.materialNameZh : s.materialNameEn,
      s.applications,
      s.requests,
    ]);
  supplements.getColumn(1).width = 28;
  supplements.getColumn(2).width = 28;
  return wb;
}
