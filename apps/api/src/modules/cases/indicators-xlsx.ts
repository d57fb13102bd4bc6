import type { IndicatorFigures, IndicatorView } from '@linli/contract';
import ExcelJS from 'exceljs';
import type { Lang } from '../../core/messages';

const HEADERS: Record<Lang, string[]> = {
  'zh-CN': [
    '单位',
    '上报数',
    '有效上报',
    '立案数',
    '结案数',
    '按期结案数',
    '应结案数',
    '缓办数',
    '结案率',
    '按期结案率',
    '返工率',
    '延期率',
    '错误派遣率',
    '满意率',
  ],
  'en-US': [
    'Unit',
    'Reported',
    'Valid',
    'Filed',
    'Closed',
    'Closed on time',
    'Due',
    'On hold',
    'Closure rate',
    'On-time closure rate',
    'Rework rate',
    'Postponement rate',
    'Wrong dispatch rate',
    'Satisfaction',
  ],
};
const SHEETS: Record<Lang, [string, string]> = {
  'zh-CN': ['区域', '部门'],
  'en-US': ['Areas', 'Departments'],
};

const pct = (x: number | null) => (x === null ? '' : x);

function row(name: string, f: IndicatorFigures) {
  const c = f.counters;
  return [
    name,
    c.reported,
    c.valid,
    c.filed,
    c.closed,
    c.closed_on_time,
    c.due,
    c.on_hold,
    pct(f.closureRate),
    pct(f.onTimeClosureRate),
    pct(f.reworkRate),
    pct(f.postponementRate),
    pct(f.wrongDispatchRate),
    pct(f.satisfactionRate),
  ];
}

/** The dashboard's figures as a workbook: the node and its children, then its departments. */
export function indicatorWorkbook(view: IndicatorView, lang: Lang): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const [areasName, deptName] = SHEETS[lang];
  for (const [name, rows] of [
    [areasName, [row(view.nodeName, view.total), ...view.byChild.map((c) => row(c.nodeName, c.figures))]],
    [deptName, view.byDepartment.map((d) => row(d.nodeName, d.figures))],
  ] as const) {
    const sheet = wb.addWorksheet(name);
    sheet.addRow([`${view.nodeName} ${view.from} – ${view.to}`]);
    sheet.addRow(HEADERS[lang]).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
    for (const col of [9, 10, 11, 12, 13, 14]) sheet.getColumn(col).numFmt = '0.00%';
    sheet.getColumn(1).width = 24;
  }
  return wb;
}
