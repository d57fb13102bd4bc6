// Shared validators for Chinese identifiers (standards research notes §1–2 and §6.4).
// One module so that the API, the importers and the web forms reject exactly the same inputs.
// Failure reasons and warnings are i18n keys; the UI owns the sentences.

type Invalid<R extends string> = { ok: false; reason: R };

// NFKC folds full-width digits and letters (common from Chinese IMEs) into ASCII.
const compact = (input: string): string => input.normalize('NFKC').replace(/\s+/g, '');

const MAINLAND_PROVINCES: ReadonlySet<string> = new Set(
  (
    [
      [11, 15],
      [21, 23],
      [31, 37],
      [41, 46],
      [50, 54],
      [61, 65],
    ] as const
  ).flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
);
// GB/T 2260 also lists Taiwan, Hong Kong and Macau, which division codes may carry.
const DIVISION_PROVINCES: ReadonlySet<string> = new Set([...MAINLAND_PROVINCES, '71', '81', '82']);

export const isProvinceCode = (code: string): boolean => DIVISION_PROVINCES.has(code);

// ---------------------------------------------------------------- GB 11643 resident identity number

export type IdInvalidReason =
  | 'id.length'
  | 'id.format'
  | 'id.region'
  | 'id.birthDate'
  | 'id.future'
  | 'id.checksum';
export type IdDocumentKind = 'citizen' | 'residencePermit' | 'foreignPermanentResident';
export type ResidentIdResult =
  | {
      ok: true;
      normalized: string;
      birthDate: string;
      gender: 'male' | 'female';
      regionCode: string;
      kind: IdDocumentKind;
    }
  | Invalid<IdInvalidReason>;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1890-01-01';

function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

function idRegionKind(region: string): IdDocumentKind | undefined {
  if (MAINLAND_PROVINCES.has(region.slice(0, 2))) return 'citizen';
  // Residence permits for HK/Macau/Taiwan residents carry exactly these codes; 71 is Taiwan's GB/T 2260 code.
  if (region === '810000' || region === '820000' || region === '830000') return 'residencePermit';
  if (region.startsWith('71')) return 'residencePermit';
  // 2023 foreign permanent-resident card: 9 + province of issue + 3-digit nationality code.
  if (region[0] === '9' && MAINLAND_PROVINCES.has(region.slice(1, 3))) return 'foreignPermanentResident';
  return undefined;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

// Birth dates are civil dates in China, so "today" is the Shanghai calendar day, not the UTC one.
export function shanghaiDateKey(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function parseResidentIdNumber(input: string, today: Date = new Date()): ResidentIdResult {
  const normalized = compact(input).toUpperCase();
  if (normalized.length !== 18) return { ok: false, reason: 'id.length' };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, reason: 'id.format' };
  const regionCode = normalized.slice(0, 6);
  const kind = idRegionKind(regionCode);
  if (!kind) return { ok: false, reason: 'id.region' };
  const [y, m, d] = [normalized.slice(6, 10), normalized.slice(10, 12), normalized.slice(12, 14)];
  const birthDate = `${y}-${m}-${d}`;
  if (!isRealDate(Number(y), Number(m), Number(d)) || birthDate < EARLIEST_BIRTH) {
    return { ok: false, reason: 'id.birthDate' };
  }
  if (birthDate > shanghaiDateKey(today)) return { ok: false, reason: 'id.future' };
  if (idCheckChar(normalized) !== normalized[17]) return { ok: false, reason: 'id.checksum' };
  const gender = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, gender, regionCode, kind };
}

/** Builds a number with a correct check character; inputs are trusted generator values, so misuse throws. */
export function makeResidentIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!date || !isRealDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    throw new RangeError(`birthDate must be a real YYYY-MM-DD date: ${birthDate}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999: ${sequence}`);
  }
  const body = `${regionCode}${date[1]}${date[2]}${date[3]}${String(sequence).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

// ---------------------------------------------------------------- GB 32100 unified social credit code

export type CreditCodeInvalidReason =
  | 'creditCode.length'
  | 'creditCode.format'
  | 'creditCode.category'
  | 'creditCode.checksum';
export type CreditCodeWarning = 'creditCode.orgCodeChecksum' | 'creditCode.checksum';
export type CreditCodeResult =
  | {
      ok: true;
      normalized: string;
      warnings: CreditCodeWarning[];
      authority: string;
      category: string;
      regionCode: string;
    }
  | Invalid<CreditCodeInvalidReason>;

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authority → allowed organisation categories (GB 32100-2015 table, with later authority A). */
export const CREDIT_CODE_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 群团, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委, 其他
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教: 活动场所, 院校, 其他
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 军队
  N: '1239', // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: '1', // 其他
};

function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * `allowBadChecksum` exists for the audited operator override: a few early pilot codes were really
 * issued with a wrong check character (research §1.2), so they must be storable, but never silently.
 */
export function parseCreditCode(
  input: string,
  options: { allowBadChecksum?: boolean } = {},
): CreditCodeResult {
  const normalized = compact(input).toUpperCase();
  if (normalized.length !== 18) return { ok: false, reason: 'creditCode.length' };
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(normalized)) {
    return { ok: false, reason: 'creditCode.format' };
  }
  const authority = normalized[0]!;
  const category = normalized[1]!;
  if (!CREDIT_CODE_CATEGORIES[authority]?.includes(category))
    return { ok: false, reason: 'creditCode.category' };
  const warnings: CreditCodeWarning[] = [];
  if (creditCheckChar(normalized) !== normalized[17]) {
    if (!options.allowBadChecksum) return { ok: false, reason: 'creditCode.checksum' };
    warnings.push('creditCode.checksum');
  }
  if (orgCodeCheckChar(normalized.slice(8, 16)) !== normalized[16])
    warnings.push('creditCode.orgCodeChecksum');
  return { ok: true, normalized, warnings, authority, category, regionCode: normalized.slice(2, 8) };
}

/** `entityBody` is the 8-character organisation-code body; both check characters are computed. */
export function makeCreditCode(parts: {
  authority: string;
  category: string;
  regionCode: string;
  entityBody: string;
}): string {
  const { authority, category, regionCode, entityBody } = parts;
  if (!CREDIT_CODE_CATEGORIES[authority]?.includes(category)) {
    throw new RangeError(`unknown authority/category pair: ${authority}${category}`);
  }
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(entityBody)) {
    throw new RangeError(`entityBody must be 8 characters of the GB 32100 alphabet: ${entityBody}`);
  }
  const first17 = `${authority}${category}${regionCode}${entityBody}${orgCodeCheckChar(entityBody)}`;
  return first17 + creditCheckChar(first17);
}

// ---------------------------------------------------------------- mobile numbers

export type MobileResult =
  | { ok: true; normalized: string; warnings: Array<'mobile.unallocated'> }
  | Invalid<'mobile.format'>;

// MIIT allocations as of March 2023; new blocks keep appearing, hence a warning and not an error.
const ALLOCATED_MOBILE = /^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

export function parseMobile(input: string): MobileResult {
  const stripped = compact(input).replace(/-/g, '');
  const national = /^(?:\+86|0086|86)(\d{11})$/.exec(stripped)?.[1] ?? stripped;
  if (!/^1[3-9]\d{9}$/.test(national)) return { ok: false, reason: 'mobile.format' };
  return {
    ok: true,
    normalized: national,
    warnings: ALLOCATED_MOBILE.test(national) ? [] : ['mobile.unallocated'],
  };
}

// ---------------------------------------------------------------- division codes (GB/T 2260 + NBS 12-digit)

export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';
export type TownshipType = 'street' | 'town' | 'township' | 'other';
export type VillageType = 'community' | 'village' | 'other';
export type DivisionInvalidReason =
  | 'division.length'
  | 'division.format'
  | 'division.province'
  | 'division.segment';
export type DivisionResult =
  | {
      ok: true;
      code: string;
      level: DivisionLevel;
      parts: { province: string; prefecture: string; county: string; township?: string; village?: string };
      townshipType?: TownshipType;
      villageType?: VillageType;
      /** Prefecture segment 99 is never issued; the demo city uses it so its people cannot be real. */
      synthetic: boolean;
    }
  | Invalid<DivisionInvalidReason>;

const LEVELS: readonly DivisionLevel[] = ['province', 'prefecture', 'county', 'township', 'village'];

function townshipType(segment: number): TownshipType {
  return segment < 100 ? 'street' : segment < 200 ? 'town' : segment < 400 ? 'township' : 'other';
}

function villageType(segment: number): VillageType {
  return segment < 200 ? 'community' : segment < 400 ? 'village' : 'other';
}

/** Codes may be zero-padded to a longer length (110000000000 is Beijing); the level is the deepest non-zero segment. */
export function parseDivisionCode(input: string): DivisionResult {
  const code = compact(input);
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'division.format' };
  if (code.length !== 6 && code.length !== 9 && code.length !== 12)
    return { ok: false, reason: 'division.length' };
  const province = code.slice(0, 2);
  if (!DIVISION_PROVINCES.has(province)) return { ok: false, reason: 'division.province' };
  const segments = [province, code.slice(2, 4), code.slice(4, 6), code.slice(6, 9), code.slice(9, 12)];
  const values = segments.map(Number);
  const depth = values.reduce((deepest, v, i) => (v > 0 ? i : deepest), 0);
  // A zero segment above a non-zero one would name a child with no parent.
  if (values.slice(1, depth).some((v) => v === 0)) return { ok: false, reason: 'division.segment' };
  const [, prefecture = 0, , township = 0, village = 0] = values;
  // 01–70 cities/prefectures, 90 province-administered counties, 99 reserved for the synthetic demo city.
  const prefectureOk = prefecture <= 70 || prefecture === 90 || prefecture === 99;
  if (!prefectureOk || township >= 600 || village >= 600) return { ok: false, reason: 'division.segment' };
  const level = LEVELS[depth]!;
  const parts: Extract<DivisionResult, { ok: true }>['parts'] = {
    province,
    prefecture: segments[1]!,
    county: segments[2]!,
  };
  if (depth >= 3) parts.township = segments[3]!;
  if (depth === 4) parts.village = segments[4]!;
  return {
    ok: true,
    code,
    level,
    parts,
    ...(depth >= 3 ? { townshipType: townshipType(township) } : {}),
    ...(depth === 4 ? { villageType: villageType(village) } : {}),
    synthetic: prefecture === 99,
  };
}

// ---------------------------------------------------------------- grid codes

export type GridCodeResult = { ok: true; communityCode: string; serial: string } | Invalid<'grid.format'>;

/** Grids hang off a village-level unit (community or village), numbered 001–999 within it. */
export function parseGridCode(input: string): GridCodeResult {
  const match = /^(\d{12})-(\d{3})$/.exec(compact(input));
  if (!match || match[2] === '000') return { ok: false, reason: 'grid.format' };
  const community = parseDivisionCode(match[1]!);
  if (!community.ok || community.level !== 'village') return { ok: false, reason: 'grid.format' };
  return { ok: true, communityCode: match[1]!, serial: match[2]! };
}
