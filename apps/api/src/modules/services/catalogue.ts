import type { MatterBody, MatterMaterial } from '@linli/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { serviceMatters } from './services.schema';

// Materials several matters ask for. The registry holds the ID card and household register, so the
// resident never brings them (数据多跑路): they are satisfied automatically.
const m = (
  code: string,
  nameZh: string,
  nameEn: string,
  form: MatterMaterial['form'] = 'copy',
  registrySupplies = false,
  count = 1,
): MatterMaterial => ({ code, nameZh, nameEn, form, count, registrySupplies });
const ID_CARD = m('id_card', '居民身份证', 'Resident identity card', 'copy', true);
const HUKOU = m('hukou', '户口簿', 'Household register', 'copy', true);
const PHOTO = m('photo', '近期免冠证件照', 'Recent passport-style photo', 'original', false, 2);
const BANK = m('bank_card', '本人银行卡或存折', 'Own bank card or passbook', 'copy');
const INCOME = m(
  'income_statement',
  '家庭收入及财产申报表',
  'Household income and assets statement',
  'original',
);

const defaults = { active: true, online: true, fee: 0, fields: [] } as const;

/** The starter catalogue (the seeds' list, SPEC §3.4); a city edits it through the API. */
export const STARTER_MATTERS: MatterBody[] = [
  {
    ...defaults,
    code: '000106001000-01',
    nameZh: '高龄津贴申领',
    nameEn: 'Elderly allowance (aged 80 and over)',
    legalBasis: '《中华人民共和国老年人权益保障法》第三十三条',
    departmentType: 'civil_affairs',
    levels: ['community', 'street'],
    materials: [ID_CARD, HUKOU, BANK, PHOTO],
    mode: 'forwarded',
    limitDays: 10,
    fields: [
      { key: 'bankName', type: 'text', labelZh: '开户银行', labelEn: 'Bank', required: true },
      { key: 'address', type: 'address', labelZh: '居住地址', labelEn: 'Address', required: true },
    ],
  },
  {
    ...defaults,
    code: '000106002000-01',
    nameZh: '最低生活保障申请',
    nameEn: 'Minimum living allowance (低保) application',
    legalBasis: '《社会救助暂行办法》第九条至第十一条',
    departmentType: 'civil_affairs',
    levels: ['community', 'street'],
    materials: [
      ID_CARD,
      HUKOU,
      INCOME,
      BANK,
      m('authorisation_check', '家庭经济状况核对授权书', 'Consent to check household finances', 'original'),
    ],
    mode: 'forwarded',
    limitDays: 30,
    fields: [
      {
        key: 'members',
        type: 'number',
        labelZh: '共同生活家庭成员数',
        labelEn: 'Household members',
        required: true,
      },
      {
        key: 'monthlyIncome',
        type: 'number',
        labelZh: '家庭月收入（元）',
        labelEn: 'Monthly household income (yuan)',
        required: true,
      },
    ],
  },
  {
    ...defaults,
    code: '000108001000-01',
    nameZh: '就业登记',
    nameEn: 'Employment registration',
    legalBasis: '《就业服务与就业管理规定》第六十二条',
    departmentType: 'human_resources',
    levels: ['community', 'street'],
    materials: [ID_CARD, m('labour_contract', '劳动合同', 'Labour contract')],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [{ key: 'employer', type: 'text', labelZh: '用人单位', labelEn: 'Employer', required: true }],
  },
  {
    ...defaults,
    code: '000108002000-01',
    nameZh: '失业登记',
    nameEn: 'Unemployment registration',
    legalBasis: '《就业服务与就业管理规定》第六十三条',
    departmentType: 'human_resources',
    levels: ['community', 'street'],
    materials: [ID_CARD, m('termination_proof', '解除或终止劳动合同证明', 'Proof of contract termination')],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [
      { key: 'lastDay', type: 'date', labelZh: '最后工作日', labelEn: 'Last working day', required: true },
    ],
  },
  {
    ...defaults,
    code: '000108003000-01',
    nameZh: '社会保险参保信息查询',
    nameEn: 'Social-insurance record enquiry',
    legalBasis: '《中华人民共和国社会保险法》第七十四条',
    departmentType: 'human_resources',
    levels: ['community', 'street', 'district'],
    materials: [ID_CARD],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [],
  },
  {
    ...defaults,
    code: '000109001000-01',
    nameZh: '城乡居民基本医疗保险参保登记',
    nameEn: 'Residents’ basic medical-insurance enrolment',
    legalBasis: '《中华人民共和国社会保险法》第二十五条',
    departmentType: 'health',
    levels: ['community', 'street'],
    materials: [ID_CARD, HUKOU],
    mode: 'on_the_spot',
    limitDays: 0,
    fee: 0,
    fields: [
      {
        key: 'category',
        type: 'choice',
        labelZh: '参保类别',
        labelEn: 'Category',
        required: true,
        options: [
          { value: 'adult', labelZh: '成年居民', labelEn: 'Adult' },
          { value: 'minor', labelZh: '未成年人', labelEn: 'Minor' },
          { value: 'student', labelZh: '在校学生', labelEn: 'Student' },
        ],
      },
    ],
  },
  {
    ...defaults,
    code: '000106003000-01',
    nameZh: '残疾人证申请',
    nameEn: 'Disability certificate application',
    legalBasis: '《中华人民共和国残疾人保障法》；《残疾人证管理办法》',
    departmentType: 'civil_affairs',
    levels: ['community', 'street'],
    materials: [
      ID_CARD,
      HUKOU,
      PHOTO,
      m('medical_record', '相关病历或诊断证明', 'Medical records or diagnosis'),
    ],
    mode: 'forwarded',
    limitDays: 20,
    fields: [],
  },
  {
    ...defaults,
    code: '000110001000-01',
    nameZh: '生育登记',
    nameEn: 'Birth registration (family-planning service)',
    legalBasis: '《中华人民共和国人口与计划生育法》第二十一条',
    departmentType: 'health',
    levels: ['community'],
    materials: [ID_CARD, HUKOU, m('marriage_certificate', '结婚证', 'Marriage certificate')],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [
      {
        key: 'expectedDate',
        type: 'date',
        labelZh: '预产期',
        labelEn: 'Expected date of birth',
        required: false,
      },
    ],
  },
  {
    ...defaults,
    code: '000105001000-01',
    nameZh: '居住证申领',
    nameEn: 'Residence permit application',
    legalBasis: '《居住证暂行条例》第九条',
    departmentType: 'public_security',
    levels: ['community', 'street'],
    materials: [
      ID_CARD,
      PHOTO,
      m('residence_proof', '合法稳定住所证明（租赁合同等）', 'Proof of residence (tenancy agreement etc.)'),
    ],
    mode: 'forwarded',
    limitDays: 15,
    fields: [{ key: 'address', type: 'address', labelZh: '居住地址', labelEn: 'Address', required: true }],
  },
  {
    ...defaults,
    code: '000105002000-01',
    nameZh: '居住登记（暂住登记）',
    nameEn: 'Residence (temporary stay) registration',
    legalBasis: '《居住证暂行条例》第五条',
    departmentType: 'public_security',
    levels: ['community'],
    materials: [
      ID_CARD,
      m('residence_proof', '住所证明（租赁合同等）', 'Proof of residence (tenancy agreement etc.)'),
    ],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [
      { key: 'address', type: 'address', labelZh: '居住地址', labelEn: 'Address', required: true },
      { key: 'movedInOn', type: 'date', labelZh: '入住日期', labelEn: 'Moved in on', required: true },
    ],
  },
  {
    ...defaults,
    code: '000106004000-01',
    nameZh: '老年人优待证办理',
    nameEn: 'Senior citizen’s preferential card',
    legalBasis: '《中华人民共和国老年人权益保障法》第五十七条',
    departmentType: 'civil_affairs',
    levels: ['community'],
    materials: [ID_CARD, PHOTO],
    mode: 'on_the_spot',
    limitDays: 0,
    fields: [],
  },
  {
    ...defaults,
    code: '000106005000-01',
    nameZh: '特困人员认定',
    nameEn: 'Recognition as a person in extreme poverty (特困)',
    legalBasis: '《社会救助暂行办法》第十四条；《特困人员认定办法》',
    departmentType: 'civil_affairs',
    levels: ['community', 'street'],
    materials: [
      ID_CARD,
      HUKOU,
      INCOME,
      m('disability_or_age_proof', '丧失劳动能力或年龄证明', 'Proof of incapacity or age'),
    ],
    mode: 'forwarded',
    limitDays: 20,
    online: false,
    fields: [],
  },
];

/** Inserts or updates matters by code (the seed and the catalogue editor both go through here). */
export async function upsertMatters(db: Db, items: readonly MatterBody[]): Promise<number> {
  for (const item of items) {
    await db
      .insert(serviceMatters)
      .values({ ...item, levels: item.levels, materials: item.materials, fields: item.fields })
      .onConflictDoUpdate({
        target: serviceMatters.code,
        set: { ...item, updatedAt: sql`now()` },
      });
  }
  return items.length;
}

/** Seeds the starter catalogue on a database that has no matters yet (setup and test fixtures). */
export async function seedDefaultMatters(db: Db): Promise<void> {
  const [any] = await db.select({ id: serviceMatters.id }).from(serviceMatters).limit(1);
  if (!any) await upsertMatters(db, STARTER_MATTERS);
}
