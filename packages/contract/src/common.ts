import { z } from 'zod';

/** The one error body every endpoint returns: a stable code, a localised message, field details. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(
        z.object({
          path: z.string(),
          code: z.string(),
          message: z.string(),
          ref: z.object({ type: z.string(), id: z.number() }).optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Opaque cursor pagination: clients pass back `nextCursor` untouched. */
export const pageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const idParam = z.strictObject({ id: z.coerce.number().int().positive() });

/** Trimmed, non-empty text with an upper bound so nothing unbounded reaches the database. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format');

export const okBody = z.object({ ok: z.literal(true) });

/** Unmasking personal data always states why; the reason goes into the audit log. */
export const revealBody = z.strictObject({
  field: z.string().trim().min(1).max(32),
  reason: z.string().trim().min(4).max(200),
});
export const revealView = z.object({ field: z.string(), value: z.string() });
