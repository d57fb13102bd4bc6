import { BILL_KINDS, type BillKind } from '@linli/contract';

/**
 * The columns of a bill file. Each has its Chinese header (the template's) and the names a utility's
 * export or an English speaker would use; matching ignores case, spaces and the (元) unit.
 */
export const BILL_COLUMNS = {
  household_id: { zh: '户号', en: 'Household ID', aliases: ['户号', 'household_id', 'householdid', '户id'] },
  address: { zh: '房屋地址', en: 'Address', aliases: ['房屋地址', 'address', '地址', '住址'] },
  kind: { zh: '类别', en: 'Kind', aliases: ['类别', 'kind', '费用类别', '费用类型'] },
  biller: { zh: '收费单位', en: 'Biller', aliases: ['收费单位', 'biller'] },
  period: { zh: '账期', en: 'Period', aliases: ['账期', 'period', '账单月份'] },
  amount: { zh: '金额', en: 'Amount', aliases: ['金额', 'amount', '应缴金额'] },
  due_date: { zh: '缴费截止', en: 'Due date', aliases: ['缴费截止', 'due_date', 'duedate', '截止日期'] },
  external_ref: { zh: '账单号', en: 'Bill number', aliases: ['账单号', 'external_ref', 'externalref'] },
} as const;
export type BillColumn = keyof typeof BILL_COLUMNS;
export const BILL_COLUMN_NAMES = Object.keys(BILL_COLUMNS) as BillColumn[];
/** Every column but the household's, which is named by either its id or its address. */
export const REQUIRED_COLUMNS: BillColumn[] = [
  'kind',
  'biller',
  'period',
  'amount',
  'due_date',
  'external_ref',
];

const normal = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s（）()]|元/g, '')
    .replace(/-/g, '_');

const BY_ALIAS = new Map<string, BillColumn>(
  BILL_COLUMN_NAMES.flatMap((c) => BILL_COLUMNS[c].aliases.map((a) => [normal(a), c] as const)),
);

export function columnOf(header: string): BillColumn | null {
  return BY_ALIAS.get(normal(header)) ?? null;
}

/** Kinds by code, by Chinese name and by the short names bills print (水, 电, 暖气 …). */
const KIND_ALIASES: Record<BillKind, string[]> = {
  water: ['水费', '水', '自来水费'],
  electricity: ['电费', '电'],
  gas: ['燃气费', '燃气', '煤气费', '天然气费'],
  heating: ['供暖费', '暖气费', '取暖费', '供暖', '暖气'],
  property: ['物业费', '物业管理费', '物业'],
  community_fee: ['社区服务费', '社区费', '社区公共服务费'],
  other: ['其他', '其它'],
};

const KIND_BY_NAME = new Map<string, BillKind>(
  BILL_KINDS.flatMap((k) => [[k, k] as const, ...KIND_ALIASES[k].map((a) => [a, k] as const)]),
);

export function kindOf(value: string): BillKind | null {
  return KIND_BY_NAME.get(value.trim().toLowerCase().replace(/[\s-]/g, '_')) ?? null;
}

/** The template's header row and one example row (a household by address, a water bill). */
export function templateCsv(): string {
  const header = BILL_COLUMN_NAMES.map((c) => BILL_COLUMNS[c].zh);
  const example = [
    '',
    '幸福路 1 号 1 单元 101',
    '水费',
    '江川市自来水公司',
    '2026-11',
    '45.60',
    '2026-12-20',
    'SW202611000123',
  ];
  // The BOM makes Excel open the UTF-8 file with the Chinese headers intact.
  return `\uFEFF${header.join(',')}\r\n${example.join(',')}\r\n`;
}
