import { z } from 'zod';
import { text } from './common';

/**
 * The community service hotline (便民热线) and its 15-minute service circle: vetted providers by
 * category and place, matched to a caller's demand by straight-line distance. The demand itself is a
 * case of kind `hotline` in the case engine.
 */

/** Service categories as data: code with both names (the screens show the one of the UI language). */
export const SERVICE_CATEGORIES = [
  { code: 'meals', zh: '助餐', en: 'Meals' },
  { code: 'recruitment', zh: '招聘', en: 'Recruitment' },
  { code: 'appliance_repair', zh: '家电维修', en: 'Appliance repair' },
  { code: 'home_services', zh: '家政', en: 'Home services' },
  { code: 'housekeeping', zh: '保洁', en: 'Housekeeping' },
  { code: 'elderly_care', zh: '养老照护', en: 'Elderly care' },
  { code: 'education', zh: '教育培训', en: 'Education and training' },
  { code: 'plumbing', zh: '水电维修', en: 'Plumbing and electrics' },
  { code: 'moving', zh: '搬家', en: 'Moving' },
  { code: 'laundry', zh: '洗衣', en: 'Laundry' },
  { code: 'hairdressing', zh: '理发', en: 'Hairdressing' },
  { code: 'nursing', zh: '护理', en: 'Nursing' },
  { code: 'rehabilitation', zh: '康复', en: 'Rehabilitation' },
  { code: 'legal_aid', zh: '法律援助', en: 'Legal aid' },
  { code: 'psychological', zh: '心理咨询', en: 'Counselling' },
  { code: 'childcare', zh: '托育', en: 'Childcare' },
  { code: 'lock_repair', zh: '开锁', en: 'Locksmith' },
  { code: 'pest_control', zh: '除虫', en: 'Pest control' },
  { code: 'errand', zh: '跑腿代办', en: 'Errands' },
  { code: 'medical_escort', zh: '陪诊', en: 'Medical escort' },
  { code: 'water_delivery', zh: '送水', en: 'Water delivery' },
  { code: 'recycling', zh: '回收', en: 'Recycling' },
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]['code'];
export const SERVICE_CATEGORY_CODES = SERVICE_CATEGORIES.map((c) => c.code) as [
  ServiceCategory,
  ...ServiceCategory[],
];

export const PROVIDER_TYPES = ['community_agency', 'social_enterprise', 'merchant'] as const;
export const PROVIDER_STATUSES = ['applied', 'approved', 'suspended', 'removed'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** The 15-minute walk: 1,200 m in a straight line. */
export const DEFAULT_SERVICE_RADIUS_M = 1200;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
/** Landlines and mobiles alike: digits with optional +, spaces and dashes. */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{5,20}$/, 'phone.format');

export const providerBody = z.strictObject({
  name: text(100),
  type: z.enum(PROVIDER_TYPES),
  categories: z.array(z.enum(SERVICE_CATEGORY_CODES)).min(1).max(SERVICE_CATEGORY_CODES.length),
  lat,
  lng,
  address: text(200),
  serviceRadiusM: z.number().int().min(100).max(20_000).default(DEFAULT_SERVICE_RADIUS_M),
  hours: text(100),
  prices: z.string().trim().max(500).default(''),
  phone,
  /** The provider's own login (role provider), when it has one. */
  accountId: z.number().int().positive().nullable().default(null),
});
export type ProviderBody = z.infer<typeof providerBody>;

export const providerStatusBody = z.strictObject({
  status: z.enum(PROVIDER_STATUSES),
  reason: text(500),
});

export const providerView = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(PROVIDER_TYPES),
  categories: z.array(z.enum(SERVICE_CATEGORY_CODES)),
  lat: z.number(),
  lng: z.number(),
  address: z.string(),
  serviceRadiusM: z.number(),
  hours: z.string(),
  prices: z.string(),
  /** Masked (138****0000 style); the full number only to those who manage providers, on purpose. */
  phoneMasked: z.string(),
  accountId: z.number().nullable(),
  status: z.enum(PROVIDER_STATUSES),
  statusReason: z.string().nullable(),
  /** Quality record from call-backs: average of the ratings, and how many demands were rated/served. */
  ratingAverage: z.number().nullable(),
  ratingCount: z.number(),
  servedCount: z.number(),
});
export type ProviderView = z.infer<typeof providerView>;

export const providerListQuery = z.strictObject({
  status: z.enum(PROVIDER_STATUSES).optional(),
  category: z.enum(SERVICE_CATEGORY_CODES).optional(),
  q: z.string().trim().max(60).optional(),
});

export const providerMatchQuery = z.strictObject({
  category: z.enum(SERVICE_CATEGORY_CODES),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  radius: z.coerce.number().int().min(100).max(20_000).default(DEFAULT_SERVICE_RADIUS_M),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ProviderMatchQuery = z.infer<typeof providerMatchQuery>;

export const providerMatch = providerView.extend({ distanceM: z.number() });
export type ProviderMatch = z.infer<typeof providerMatch>;

export const demandBody = z.strictObject({
  category: z.enum(SERVICE_CATEGORY_CODES),
  callerName: text(50),
  callerPhone: phone,
  lat,
  lng,
  address: text(200),
  description: z.string().trim().max(2000).default(''),
  urgency: z.enum(['normal', 'urgent']).default('normal'),
});
export type DemandBody = z.infer<typeof demandBody>;

/** A resident files for themselves: name and phone come from their account. */
export const residentDemandBody = demandBody.omit({ callerName: true, callerPhone: true });

export const demandView = z.object({
  id: z.number(),
  state: z.string(),
  version: z.number(),
  category: z.enum(SERVICE_CATEGORY_CODES).nullable(),
  title: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  channel: z.string(),
  callerNameMasked: z.string().nullable(),
  callerPhoneMasked: z.string().nullable(),
  providerAccountId: z.number().nullable(),
  providerName: z.string().nullable(),
  rating: z.number().nullable(),
  reportedAt: z.string(),
  stageDueAt: z.string().nullable(),
});
export type DemandView = z.infer<typeof demandView>;

export const demandListQuery = z.strictObject({
  state: z.string().max(30).optional(),
});

/** Hotline figures (item 9 of issue 5): demands reported in a period under a node. */
export const hotlineFiguresQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format'),
});
export type HotlineFiguresQuery = z.infer<typeof hotlineFiguresQuery>;

const demandFigures = z.object({
  demands: z.number(),
  served: z.number(),
  /** Mean hours from the call to the provider reporting it served. */
  avgFulfilmentHours: z.number().nullable(),
  rated: z.number(),
  /** Call-back ratings of 4 or 5 (of 5). */
  satisfied: z.number(),
  satisfactionRate: z.number().nullable(),
});
export type DemandFigures = z.infer<typeof demandFigures>;

export const hotlineFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  nodeId: z.number().nullable(),
  nodeName: z.string().nullable(),
  total: demandFigures,
  byCategory: z.array(demandFigures.extend({ category: z.enum(SERVICE_CATEGORY_CODES) })),
  byChannel: z.array(z.object({ channel: z.string(), demands: z.number() })),
  providers: z.array(
    z.object({
      accountId: z.number(),
      name: z.string(),
      /** Times a demand was sent to the provider, and times it declined. */
      dispatched: z.number(),
      declined: z.number(),
      declineRate: z.number().nullable(),
      served: z.number(),
      rated: z.number(),
      satisfactionRate: z.number().nullable(),
    }),
  ),
});
export type HotlineFiguresView = z.infer<typeof hotlineFiguresView>;

export const coverageQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  radius: z.coerce.number().int().min(100).max(20_000).default(DEFAULT_SERVICE_RADIUS_M),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

/**
 * The 15-minute coverage of each community: of its households, the share with at least one approved
 * provider of a category within the radius. Households are placed at their grid's centre (the
 * registry keeps no coordinates for buildings); `located` counts those that could be placed.
 */
export const coverageView = z.object({
  radius: z.number(),
  nodeId: z.number().nullable(),
  nodeName: z.string().nullable(),
  communities: z.array(
    z.object({
      nodeId: z.number(),
      name: z.string(),
      households: z.number(),
      located: z.number(),
      /** Category code → share of located households covered (null when none could be placed). */
      shares: z.record(z.string(), z.number().nullable()),
    }),
  ),
});
export type CoverageView = z.infer<typeof coverageView>;
