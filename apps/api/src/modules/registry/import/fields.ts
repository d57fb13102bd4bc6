import {
  type EDUCATION,
  type EMPLOYMENT,
  type GENDERS,
  type HOUSE_TENURES,
  type HOUSE_USES,
  type HOUSEHOLD_TYPES,
  type ID_DOC_TYPES,
  IMPORT_FIELDS_BY_KIND,
  IMPORT_KINDS,
  type ImportColumn,
  type ImportField,
  type ImportKind,
  type MARITAL,
  type POLITICAL,
  type RELATIONS,
  type RESIDENCE_TYPES,
} from '@linli/contract';
import type { Lang } from '../../../core/messages';

/**
 * What spreadsheets call the registry's fields and values. The first Chinese name of each is the
 * label used in exports and error reports; the rest are synonyms seen in community and police
 * templates, accepted on import.
 */
export const FIELD_NAMES: Record<ImportField, { zh: string[]; en: string }> = {
  name: { zh: ['姓名', '名字', '居民姓名', '人员姓名'], en: 'Name' },
  gender: { zh: ['性别'], en: 'Gender' },
  birthDate: { zh: ['出生日期', '出生年月日', '出生年月', '生日'], en: 'Birth date' },
  idDocType: { zh: ['证件类型', '证件种类'], en: 'Document type' },
  idNumber: {
    zh: ['身份证号', '公民身份号码', '身份证号码', '证件号码', '证件号', '身份证'],
    en: 'ID number',
  },
  phone: { zh: ['手机号', '联系电话', '手机号码', '手机', '电话', '联系方式'], en: 'Mobile' },
  ethnicity: { zh: ['民族'], en: 'Ethnicity' },
  education: { zh: ['文化程度', '学历'], en: 'Education' },
  politicalStatus: { zh: ['政治面貌'], en: 'Political status' },
  maritalStatus: { zh: ['婚姻状况', '婚姻状态'], en: 'Marital status' },
  employmentStatus: { zh: ['就业状况', '就业状态', '职业状况'], en: 'Employment' },
  hukouAddress: {
    zh: ['户籍地址', '户籍地', '户籍所在地', '户口所在地'],
    en: 'Household registration address',
  },
  actualAddress: {
    zh: ['现住址', '居住地址', '现居住地址', '实际居住地址', '现居地址'],
    en: 'Current address',
  },
  movedInOn: { zh: ['迁入日期', '入住日期', '迁入时间'], en: 'Moved in on' },
  residenceType: { zh: ['人口类型', '居住类型', '户籍类型', '人员类型'], en: 'Population type' },
  grid: { zh: ['网格', '网格编码', '网格代码', '所属网格', '网格名称'], en: 'Grid' },
  householdNo: { zh: ['户号', '家庭户号'], en: 'Household number' },
  relation: { zh: ['与户主关系', '与户主的关系', '家庭关系'], en: 'Relation to head' },
  house: { zh: ['房屋', '房屋地址', '门牌地址', '门牌号'], en: 'House' },
  // Households
  householdType: { zh: ['户类型', '户别', '家庭户类型', '户口类型'], en: 'Household type' },
  headIdNumber: {
    zh: ['户主身份证号', '户主公民身份号码', '户主身份证号码', '户主证件号码', '户主证件号', '户主身份证'],
    en: "Head's ID number",
  },
  address: { zh: ['地址', '家庭地址', '家庭住址', '住址', '居住地址'], en: 'Address' },
  // Houses
  building: { zh: ['楼栋', '楼栋名称', '楼号', '栋号', '楼栋号', '楼宇'], en: 'Building' },
  buildingAddress: { zh: ['楼栋地址', '楼栋门牌', '门牌地址'], en: 'Building address' },
  unitNo: { zh: ['单元', '单元号'], en: 'Unit' },
  floor: { zh: ['楼层', '所在楼层', '层'], en: 'Floor' },
  roomNo: { zh: ['房号', '房间号', '室号', '户室号', '门牌号'], en: 'Room' },
  area: { zh: ['面积', '建筑面积', '面积（平方米）', '房屋面积'], en: 'Area (m²)' },
  use: { zh: ['用途', '房屋用途', '使用性质'], en: 'Use' },
  tenure: { zh: ['产权', '自住/出租', '居住方式', '房屋性质', '产权性质'], en: 'Owner or tenant' },
};

export const fieldLabel = (field: string, lang: Lang): string => {
  const names = FIELD_NAMES[field as ImportField];
  if (!names) return field;
  return lang === 'en-US' ? names.en : names.zh[0]!;
};

type EnumField =
  | 'gender'
  | 'idDocType'
  | 'education'
  | 'politicalStatus'
  | 'maritalStatus'
  | 'employmentStatus'
  | 'residenceType'
  | 'relation'
  | 'householdType'
  | 'use'
  | 'tenure';

/** Each code: its Chinese label first, then accepted synonyms, then the English label. */
export const ENUM_VALUES: Record<EnumField, Record<string, { zh: string[]; en: string }>> = {
  gender: {
    male: { zh: ['男', '男性'], en: 'Male' },
    female: { zh: ['女', '女性'], en: 'Female' },
  } satisfies Record<(typeof GENDERS)[number], unknown>,
  idDocType: {
    resident_id: { zh: ['居民身份证', '身份证'], en: 'Resident ID card' },
    residence_permit: { zh: ['港澳台居民居住证', '居住证'], en: 'Residence permit (HK/Macau/Taiwan)' },
    foreign_permanent: { zh: ['外国人永久居留身份证', '永久居留证'], en: 'Foreign permanent resident ID' },
    passport: { zh: ['护照'], en: 'Passport' },
    other: { zh: ['其他证件', '其他'], en: 'Other document' },
  } satisfies Record<(typeof ID_DOC_TYPES)[number], unknown>,
  education: {
    none: { zh: ['未上过学', '文盲', '无'], en: 'No schooling' },
    primary: { zh: ['小学'], en: 'Primary' },
    junior: { zh: ['初中'], en: 'Junior secondary' },
    senior: { zh: ['高中'], en: 'Senior secondary' },
    vocational: { zh: ['中专/职高', '中专', '职高', '技校', '中技'], en: 'Vocational' },
    college: { zh: ['大专', '大学专科', '专科'], en: 'College' },
    bachelor: { zh: ['本科', '大学本科', '大学'], en: "Bachelor's" },
    master: { zh: ['硕士研究生', '硕士', '研究生'], en: "Master's" },
    doctor: { zh: ['博士研究生', '博士'], en: 'Doctorate' },
  } satisfies Record<(typeof EDUCATION)[number], unknown>,
  politicalStatus: {
    masses: { zh: ['群众'], en: 'Masses' },
    cpc_member: { zh: ['中共党员', '党员', '中国共产党党员'], en: 'CPC member' },
    cpc_probationary: { zh: ['中共预备党员', '预备党员'], en: 'CPC probationary member' },
    cyl_member: { zh: ['共青团员', '团员'], en: 'CYL member' },
    democratic_party: { zh: ['民主党派', '民主党派成员'], en: 'Democratic party' },
    other: { zh: ['其他'], en: 'Other' },
  } satisfies Record<(typeof POLITICAL)[number], unknown>,
  maritalStatus: {
    single: { zh: ['未婚'], en: 'Single' },
    married: { zh: ['已婚', '初婚', '再婚', '有配偶'], en: 'Married' },
    divorced: { zh: ['离婚', '离异'], en: 'Divorced' },
    widowed: { zh: ['丧偶'], en: 'Widowed' },
  } satisfies Record<(typeof MARITAL)[number], unknown>,
  employmentStatus: {
    employed: { zh: ['在职', '就业', '在业'], en: 'Employed' },
    self_employed: { zh: ['个体经营', '个体'], en: 'Self-employed' },
    unemployed: { zh: ['失业/无业', '失业', '无业'], en: 'Unemployed' },
    retired: { zh: ['离退休', '退休', '离休'], en: 'Retired' },
    student: { zh: ['在校学生', '学生'], en: 'Student' },
    preschool: { zh: ['学龄前'], en: 'Preschool' },
    other: { zh: ['其他'], en: 'Other' },
  } satisfies Record<(typeof EMPLOYMENT)[number], unknown>,
  residenceType: {
    registered: { zh: ['户籍', '户籍人口'], en: 'Registered' },
    floating: { zh: ['流动', '流动人口', '外来人口'], en: 'Floating' },
  } satisfies Record<(typeof RESIDENCE_TYPES)[number], unknown>,
  relation: {
    head: { zh: ['户主', '本人'], en: 'Head' },
    spouse: { zh: ['配偶', '妻', '夫', '妻子', '丈夫'], en: 'Spouse' },
    child: { zh: ['子女', '子', '女', '儿子', '女儿', '长子', '长女', '次子', '次女'], en: 'Child' },
    parent: { zh: ['父母', '父亲', '母亲', '父', '母'], en: 'Parent' },
    grandchild: { zh: ['孙子女', '孙子', '孙女', '外孙子', '外孙女'], en: 'Grandchild' },
    grandparent: { zh: ['祖父母', '祖父', '祖母', '外祖父', '外祖母'], en: 'Grandparent' },
    sibling: {
      zh: ['兄弟姐妹', '兄', '弟', '姐', '妹', '哥哥', '弟弟', '姐姐', '妹妹'],
      en: 'Sibling',
    },
    other: { zh: ['其他'], en: 'Other' },
  } satisfies Record<(typeof RELATIONS)[number], unknown>,
  householdType: {
    registered: { zh: ['户籍户', '户籍', '户在人不在'], en: 'Registered' },
    living: { zh: ['居住户', '居住', '人在户不在', '在住'], en: 'Living here' },
    both: { zh: ['人户一致', '户籍且居住', '人户同在'], en: 'Both' },
  } satisfies Record<(typeof HOUSEHOLD_TYPES)[number], unknown>,
  use: {
    residence: { zh: ['住宅', '居住', '自住房', '住房'], en: 'Residence' },
    shop: { zh: ['商铺', '商业', '门面', '商用'], en: 'Shop' },
    office: { zh: ['办公', '写字楼', '办公用房'], en: 'Office' },
    vacant: { zh: ['空置', '空房', '闲置'], en: 'Vacant' },
  } satisfies Record<(typeof HOUSE_USES)[number], unknown>,
  tenure: {
    owner: { zh: ['自有', '自住', '业主', '产权人', '自有产权'], en: 'Owner' },
    tenant: { zh: ['租住', '出租', '租户', '承租'], en: 'Tenant' },
    public: { zh: ['公房', '公租房', '单位公房'], en: 'Public housing' },
    other: { zh: ['其他'], en: 'Other' },
  } satisfies Record<(typeof HOUSE_TENURES)[number], unknown>,
};

export const isEnumField = (field: string): field is EnumField => field in ENUM_VALUES;

export function enumLabel(field: EnumField, code: string | null, lang: Lang): string {
  if (!code) return '';
  const v = ENUM_VALUES[field][code];
  if (!v) return code;
  return lang === 'en-US' ? v.en : v.zh[0]!;
}

/** NFKC folds full-width letters and brackets; spaces, asterisks (required marks) and notes go. */
const headerKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();

/** Each kind has its own header index: "地址" is a household's address, "身份证号" a resident's number. */
const HEADER_INDEX = new Map<ImportKind, Map<string, ImportField>>();
for (const kind of IMPORT_KINDS) {
  const index = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS_BY_KIND[kind]) {
    const put = (name: string) => {
      if (!index.has(headerKey(name))) index.set(headerKey(name), field);
    };
    put(field);
    put(FIELD_NAMES[field].en);
    for (const zh of FIELD_NAMES[field].zh) put(zh);
  }
  HEADER_INDEX.set(kind, index);
}

export function fieldForHeader(header: string, kind: ImportKind = 'residents'): ImportField | null {
  return HEADER_INDEX.get(kind)!.get(headerKey(header)) ?? null;
}

/** The mapping a file suggests: each known header to its field (first column wins), blank headers ignored. */
export function suggestMapping(headers: string[], kind: ImportKind = 'residents'): ImportColumn[] {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    if (!h.trim()) return 'ignore';
    const field = fieldForHeader(h, kind);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

const VALUE_INDEX = new Map<string, Map<string, string>>();
for (const [field, values] of Object.entries(ENUM_VALUES)) {
  const index = new Map<string, string>();
  for (const [code, names] of Object.entries(values)) {
    index.set(code.toLowerCase(), code);
    index.set(names.en.toLowerCase(), code);
    for (const zh of names.zh) index.set(zh.normalize('NFKC'), code);
  }
  VALUE_INDEX.set(field, index);
}
VALUE_INDEX.get('gender')!.set('m', 'male');
VALUE_INDEX.get('gender')!.set('f', 'female');

/** The code a spreadsheet value stands for, or null. */
export function enumCode(field: EnumField, value: string): string | null {
  const key = value.normalize('NFKC').replace(/\s/g, '');
  const index = VALUE_INDEX.get(field)!;
  return index.get(key) ?? index.get(key.toLowerCase()) ?? null;
}

/** The Chinese labels a field accepts, for the error message. */
export function enumChoices(field: EnumField): string {
  return Object.values(ENUM_VALUES[field])
    .map((v) => v.zh[0])
    .join('、');
}

/** The first row with at least two known headers among the first few is the header row. */
export function looksLikeHeader(cells: string[], kind: ImportKind = 'residents'): boolean {
  return cells.filter((c) => c && fieldForHeader(c, kind)).length >= 2;
}
