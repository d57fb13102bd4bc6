import { unlink } from 'node:fs/promises';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { enqueueJob, hasQueuedJob, type JobHandler } from '../jobs';
import { casePhotos } from './cases.schema';
import { lockPhotoFile, photoFile } from './photos';

/**
 * Uploads that no report ever took. A phone uploads its photos as it syncs, just before the report; a
 * report that never followed (the user gave up, the app was removed) leaves them behind. Photos show
 * people and homes, so they are kept only as long as an offline phone may still sync (PIPL: no longer
 * than the purpose needs), then their rows go and, once no other row has the same bytes, their files.
 */
export const UNATTACHED_PHOTO_DAYS = 30;
const SWEEP_EVERY_MS = 24 * 3_600_000;

export async function sweepUnattachedPhotos(db: Db, dataDir: string, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_PHOTO_DAYS * 24 * 3_600_000);
  const removed = await db.transaction(async (tx) => {
    const rows = await tx
      .delete(casePhotos)
      .where(and(isNull(casePhotos.caseId), lt(casePhotos.createdAt, cutoff)))
      .returning({ sha256: casePhotos.sha256, mime: casePhotos.mime });
    if (rows.length > 0)
      await recordAudit(tx, {
        actor: null,
        action: 'case.photos_swept',
        recordType: 'case_photo',
        details: { photos: rows.length, olderThanDays: UNATTACHED_PHOTO_DAYS },
      });
    return rows;
  });
  const files = new Map(removed.map((r) => [r.sha256, r.mime]));
  for (const [sha256, mime] of files) {
    await db.transaction(async (tx) => {
      await lockPhotoFile(tx, sha256);
      const [kept] = await tx
        .select({ id: casePhotos.id })
        .from(casePhotos)
        .where(eq(casePhotos.sha256, sha256))
        .limit(1);
      if (kept) return;
      await unlink(photoFile(dataDir, sha256, mime)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    });
  }
  return removed.length;
}

/** Keeps exactly one photo sweep queued (scheduled at every start, so older installations get it too). */
export async function schedulePhotoSweep(db: Db, delayMs = SWEEP_EVERY_MS): Promise<void> {
  if (await hasQueuedJob(db, 'cases.photos.sweep')) return;
  await enqueueJob(db, 'cases.photos.sweep', {}, { runAt: new Date(Date.now() + delayMs), maxAttempts: 3 });
}

export function photoSweepHandlers(dataDir: string): Record<string, JobHandler> {
  return {
    'cases.photos.sweep': async (db) => {
      await sweepUnattachedPhotos(db, dataDir);
      await schedulePhotoSweep(db);
    },
  };
}
