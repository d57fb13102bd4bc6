import { z } from 'zod';

/** In-app notices. `kind` is a message key the client renders with `params`; `link` opens the matter. */
export const noticeView = z.object({
  id: z.number(),
  kind: z.string(),
  priority: z.enum(['normal', 'urgent']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const noticePage = z.object({
  items: z.array(noticeView),
  nextCursor: z.string().nullable(),
  unread: z.number(),
});

export const noticeListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Without `ids`: all of the reader's notices. */
export const noticeReadBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(200).optional(),
});
