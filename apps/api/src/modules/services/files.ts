import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SERVICE_FILE_MAX_BYTES } from '@linli/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, invalid, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { serviceApplications, serviceFiles } from './services.schema';

type FileType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
const EXT: Record<FileType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const filesDir = (dataDir: string) => join(dataDir, 'service-files');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the bytes are, from their signature (the declared type is not trusted): an image or a PDF. */
function sniff(buf: Buffer): FileType | null {
  if (buf.length > 5 && buf.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length > 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (buf.length > 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

async function readLimited(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) throw new AppError(413, 'services.file_too_large', [], { max: max / 1024 / 1024 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Stores a material or authorisation by content hash; it becomes part of an application when named in one. */
export async function uploadServiceFile(ctx: Ctx, body: Readable) {
  const actor = requireActor(ctx);
  const bytes = await readLimited(body, SERVICE_FILE_MAX_BYTES);
  const type = sniff(bytes);
  if (!type) throw new AppError(415, 'services.file_type');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = join(filesDir(ctx.config.dataDir), sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${sha256}.${EXT[type]}`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
  const [row] = await ctx.db
    .insert(serviceFiles)
    .values({ sha256, mime: type, bytes: bytes.length, uploadedBy: actor.accountId })
    .returning();
  return { id: row!.id, mime: type, bytes: bytes.length, url: `/api/services/files/${row!.id}` };
}

/** Every id must be a file this account uploaded (or one already part of the application). */
export async function assertOwnFiles(
  db: Db,
  accountId: number,
  ids: number[],
  path: string,
  known: ReadonlySet<number> = new Set(),
): Promise<void> {
  const fresh = [...new Set(ids)].filter((id) => !known.has(id));
  if (fresh.length === 0) return;
  const rows = await db
    .select({ id: serviceFiles.id })
    .from(serviceFiles)
    .where(and(inArray(serviceFiles.id, fresh), eq(serviceFiles.uploadedBy, accountId)));
  if (rows.length !== fresh.length) throw invalid(path, 'services.file_unknown');
}

/**
 * A file's bytes: to its uploader, or to whoever may see an application that names it
 * (`canSee` is the application visibility rule of the caller).
 */
export async function readServiceFile(
  ctx: Ctx,
  id: number,
  canSee: (applicationId: number) => Promise<boolean>,
): Promise<{ mime: string; data: Buffer }> {
  const actor = requireActor(ctx);
  const [file] = await ctx.db.select().from(serviceFiles).where(eq(serviceFiles.id, id));
  if (!file) throw notFound();
  if (file.uploadedBy !== actor.accountId) {
    const holders = await ctx.db
      .select({ id: serviceApplications.id })
      .from(serviceApplications)
      .where(
        sql`exists (select 1 from jsonb_array_elements(${serviceApplications.materials}) m where m->'fileIds' @> to_jsonb(${id}::int))
            or (${serviceApplications.agent}->>'authorisationFileId')::int = ${id}`,
      )
      .limit(5);
    let visible = false;
    for (const h of holders) if (await canSee(h.id)) visible = true;
    if (!visible) throw notFound();
  }
  const path = join(
    filesDir(ctx.config.dataDir),
    file.sha256.slice(0, 2),
    `${file.sha256}.${EXT[file.mime as FileType]}`,
  );
  return { mime: file.mime, data: await readFile(path) };
}
