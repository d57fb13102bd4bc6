/**
 * The personas of SPEC §1 and what each may do. A role is granted on an org node; the node gives the
 * data scope, the role gives the permissions. This table is the single source for both API and web.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'accounts.manage',
  'audit.read',
  'calendar.manage',
  'jobs.manage',
  'config.manage',
  'registry.read',
  'registry.write',
  'registry.sensitive',
  'registry.safety',
  'pii.reveal',
  'cases.report',
  'cases.dispatch',
  'cases.handle',
  'open311.submit',
  'applications.handle',
  'hotline.operate',
  'hotline.serve',
  'participation.manage',
  'stats.read',
  'bills.manage',
  'self.service',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = {
  resident: { levels: ['community', 'grid'], permissions: ['self.service'] },
  grid_worker: {
    levels: ['grid', 'community'],
    permissions: [
      'org.read',
      'registry.read',
      'registry.write',
      'registry.sensitive',
      'registry.safety',
      'pii.reveal',
      'cases.report',
      'cases.handle',
    ],
  },
  community_worker: {
    levels: ['community'],
    permissions: [
      'org.read',
      'registry.read',
      'registry.write',
      'registry.sensitive',
      'pii.reveal',
      'cases.report',
      'applications.handle',
      'bills.manage',
    ],
  },
  community_leader: {
    levels: ['community'],
    permissions: [
      'org.read',
      'registry.read',
      'registry.write',
      'registry.sensitive',
      'registry.safety',
      'pii.reveal',
      'cases.report',
      // The community leader answers follow-ups assigned to the community (e.g. a poor service rating).
      'cases.handle',
      'applications.handle',
      'participation.manage',
      'stats.read',
      'bills.manage',
    ],
  },
  street_officer: {
    levels: ['street'],
    permissions: [
      'org.read',
      'org.manage',
      'registry.read',
      'registry.safety',
      'cases.dispatch',
      'stats.read',
    ],
  },
  department_staff: {
    levels: ['department'],
    permissions: ['org.read', 'cases.handle', 'applications.handle'],
  },
  civil_affairs: {
    levels: ['city', 'district'],
    permissions: [
      'org.read',
      'org.manage',
      'registry.read',
      'registry.sensitive',
      'pii.reveal',
      'calendar.manage',
      'stats.read',
    ],
  },
  hotline_operator: { levels: ['city', 'district'], permissions: ['org.read', 'hotline.operate'] },
  provider: { levels: ['city', 'district', 'street'], permissions: ['hotline.serve'] },
  social_org: { levels: ['community', 'street'], permissions: ['org.read', 'participation.manage'] },
  party_org: { levels: ['community', 'street'], permissions: ['org.read', 'participation.manage'] },
  /** An outside system (12345 platform, a city app) posting through Open311 with an API token. */
  integration: { levels: ['city', 'district'], permissions: ['open311.submit'] },
  admin: {
    // Deliberately no data permission: an administrator runs the system, not the registry.
    levels: ['city'],
    permissions: [
      'org.read',
      'org.manage',
      'accounts.manage',
      'audit.read',
      'calendar.manage',
      'jobs.manage',
      'config.manage',
    ],
  },
} as const satisfies Record<string, { levels: readonly OrgLevel[]; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export const ORG_LEVELS = ['city', 'district', 'street', 'community', 'grid', 'department'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLES[role].permissions) out.add(p);
  return out;
}
