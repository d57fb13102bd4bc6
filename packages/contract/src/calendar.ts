import { z } from 'zod';
import { isoDate } from './common';

export const calendarDayView = z.object({
  day: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
});
export const calendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarDayBody = z.strictObject({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(32),
});
export const calendarDayParam = z.strictObject({ day: isoDate });
export const workingTimeQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  days: z.coerce.number().int().min(0).max(365).optional(),
  hours: z.coerce.number().min(0).max(2000).optional(),
});
