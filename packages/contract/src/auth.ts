import { z } from 'zod';
import { ORG_LEVELS, PERMISSIONS, ROLE_NAMES } from './roles';

export const loginBody = z.strictObject({
  /** A staff username, or a resident's mobile number. */
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'totp.format')
    .optional(),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const totpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'totp.format') });

export const roleAssignmentView = z.object({
  id: z.number(),
  role: z.enum(ROLE_NAMES as [string, ...string[]]),
  orgNodeId: z.number(),
  orgNodeName: z.string(),
  orgNodeLevel: z.enum(ORG_LEVELS),
});

export const meView = z.object({
  account: z.object({
    id: z.number(),
    kind: z.enum(['staff', 'resident']),
    username: z.string().nullable(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean(),
  }),
  roles: z.array(roleAssignmentView),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
  demoMode: z.boolean(),
});
export type MeView = z.infer<typeof meView>;

export const totpSetupView = z.object({ secret: z.string(), uri: z.string() });
