import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { requireActor } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError, invalid, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { caseVisible, selectCases } from './case-access';
import { casePhotos, cases } from './cases.schema';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type PhotoType = (typeof PHOTO_TYPES)[number];
const EXT: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const photosDir = (dataDir: string) => join(dataDir, 'photos');

/** Where a photo's bytes are: by content hash, so the same photo uploaded twice is one file. */
export const photoFile = (dataDir: string, sha256: string, mime: string) =>
  join(photosDir(dataDir), sha256.slice(0, 2), `${sha256}.${EXT[mime as PhotoType]}`);

/**
 * Serialises the work on one stored file between an upload and the sweep of abandoned uploads
 * (photo-sweep.ts): the upload writes the file and its row under this lock, the sweep checks for rows
 * and removes the file under it, so a file is never removed under a row that was just written.
 */
export const lockPhotoFile = (db: Db, sha256: string) =>
  db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case_photo:${sha256}`}, 0))`);

/** What the bytes are, from their signature (the declared type is not trusted). */
export function sniffImage(buf: Buffer): PhotoType | null {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (
    buf.length > 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (buf.length > 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * Removes the metadata that can carry a location: JPEG APP1 (Exif, XMP) segments, PNG eXIf / tEXt /
 * iTXt / zTXt chunks, WebP EXIF and XMP chunks (and their VP8X flags). Pixels are untouched.
 */
export function stripLocation(buf: Buffer, type: PhotoType): Buffer {
  if (type === 'image/jpeg') return stripJpeg(buf);
  if (type === 'image/png') return stripPng(buf);
  return stripWebp(buf);
}

function stripJpeg(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1]!;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const length = buf.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (end > buf.length) throw invalid('file', 'cases.photo_corrupt');
    if (marker !== 0xe1) parts.push(buf.subarray(i, end));
    i = end;
  }
  parts.push(buf.subarray(i));
  return Buffer.concat(parts);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);
function stripPng(buf: Buffer): Buffer {
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > buf.length) throw invalid('file', 'cases.photo_corrupt');
    if (!PNG_DROP.has(type)) parts.push(buf.subarray(i, end));
    i = end;
  }
  return Buffer.concat(parts);
}

function stripWebp(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 12;
  while (i + 8 <= buf.length) {
    const type = buf.toString('latin1', i, i + 4);
    const size = buf.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > buf.length + 1) throw invalid('file', 'cases.photo_corrupt');
    let chunk = buf.subarray(i, Math.min(end, buf.length));
    if (type === 'VP8X') {
      chunk = Buffer.from(chunk);
      chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF (0x08) and XMP (0x04) flags
    }
    if (type !== 'EXIF' && type !== 'XMP ') parts.push(chunk);
    i = end;
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

async function readLimited(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) throw new AppError(413, 'cases.photo_too_large', [], { max: max / 1024 / 1024 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Stores an uploaded photo by content hash (the same photo twice is one file) and records it as the
 * uploader's, not yet attached; attaching happens in the write that uses it.
 */
export async function uploadPhoto(ctx: Ctx, body: Readable, opts: { keepLocation: boolean }) {
  const actor = requireActor(ctx);
  const raw = await readLimited(body, PHOTO_MAX_BYTES);
  const type = sniffImage(raw);
  if (!type) throw new AppError(415, 'cases.photo_type');
  const bytes = opts.keepLocation ? raw : stripLocation(raw, type);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = photoFile(ctx.config.dataDir, sha256, type);
  await mkdir(dirname(file), { recursive: true });
  // The bytes are written beside it first; only putting the file in place and its row happen under the
  // file's lock (the sweep may be removing an old upload of the very same bytes at this moment), so the
  // transaction does not wait on a 10 MB write.
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, bytes);
  const row = await ctx.db
    .transaction(async (tx) => {
      await lockPhotoFile(tx, sha256);
      await rename(tmp, file);
      const [inserted] = await tx
        .insert(casePhotos)
        .values({ phase: 'report', sha256, mime: type, bytes: bytes.length, uploadedBy: actor.accountId })
        .returning();
      return inserted;
    })
    .catch(async (err: unknown) => {
      await rm(tmp, { force: true }); // gone already if it was put in place
      throw err;
    });
  return { id: row!.id, mime: type, bytes: bytes.length, url: `/api/cases/photos/${row!.id}` };
}

/** Attaches the actor's unattached uploads to a case event; any other id is a field error. */
export async function attachPhotos(
  db: Db,
  accountId: number,
  ids: number[],
  target: { caseId: number; eventId: number; phase: string },
  field = 'photoIds',
): Promise<(typeof casePhotos.$inferSelect)[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(casePhotos)
    .set({ caseId: target.caseId, eventId: target.eventId, phase: target.phase })
    .where(and(inArray(casePhotos.id, ids), eq(casePhotos.uploadedBy, accountId), isNull(casePhotos.caseId)))
    .returning();
  if (rows.length !== new Set(ids).size) throw invalid(field, 'cases.photo_unknown');
  return rows;
}

/** A photo's bytes, to its uploader or to whoever may see its case. */
export async function readPhoto(ctx: Ctx, id: number): Promise<{ mime: string; data: Buffer }> {
  const actor = requireActor(ctx);
  const [photo] = await ctx.db.select().from(casePhotos).where(eq(casePhotos.id, id));
  if (!photo) throw notFound();
  if (photo.caseId === null) {
    if (photo.uploadedBy !== actor.accountId) throw notFound();
  } else {
    const [c] = await selectCases(ctx.db).where(eq(cases.id, photo.caseId));
    if (!c || !caseVisible(actor, c)) throw notFound();
  }
  return { mime: photo.mime, data: await readFile(photoFile(ctx.config.dataDir, photo.sha256, photo.mime)) };
}
