import { z } from 'zod';
import { text } from './common';
import { ORG_LEVELS, ROLE_NAMES } from './roles';

const roleEnum = z.enum(ROLE_NAMES as [string, ...string[]]);

export const accountView = z.object({
  id: z.number(),
  kind: z.enum(['staff', 'resident']),
  username: z.string().nullable(),
  /** Masked unless revealed. */
  mobile: z.string().nullable(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  roles: z.array(
    z.object({
      id: z.number(),
      role: roleEnum,
      orgNodeId: z.number(),
      orgNodeName: z.string(),
      orgNodeLevel: z.enum(ORG_LEVELS),
    }),
  ),
});
export type AccountView = z.infer<typeof accountView>;

export const accountListQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const accountCreateBody = z
  .strictObject({
    kind: z.enum(['staff', 'resident']),
    username: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'username.format')
      .optional(),
    mobile: z.string().trim().max(32).optional(),
    displayName: text(64),
    /** Omit to have the server generate a one-time initial password. */
    password: z.string().min(1).max(256).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'staff' && !v.username)
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'required' });
    if (v.kind === 'resident' && !v.mobile)
      ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'required' });
  });

export const accountUpdateBody = z.strictObject({
  displayName: text(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const roleGrantBody = z.strictObject({ role: roleEnum, orgNodeId: z.number().int().positive() });

export const rolePolicyView = z.object({
  role: roleEnum,
  permissions: z.array(z.string()),
  levels: z.array(z.enum(ORG_LEVELS)),
  totpRequired: z.boolean(),
});
export const rolePolicyBody = z.strictObject({ totpRequired: z.boolean() });

export const apiTokenCreateBody = z.strictObject({
  name: text(64),
  /** A token may only carry permissions its owner has; empty means all of them. */
  scopes: z.array(z.string().max(64)).max(32).default([]),
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export const apiTokenView = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
