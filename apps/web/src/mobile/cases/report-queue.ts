import type { CaseDetailView, caseReportBody } from '@linli/contract';
import type { ErrorDetail } from '../../app/api';

/*
 * Reports made without a network wait on the phone and go out later, each with its own idempotency
 * key: the API answers a replayed key with the case the first call created, so a report whose answer
 * was lost on the way back is never filed twice. These functions hold no state of their own: the
 * caller keeps the queue (IndexedDB) and passes in `fetch`, so the same code runs in the page and in
 * the unit test.
 */

/** What the report says; photos travel apart, as blobs until the API has them. */
export interface ReportFields {
  title: string;
  description: string;
  categoryId?: number;
  lat?: number;
  lng?: number;
  address?: string;
  orgNodeId?: number;
  urgency: 'normal' | 'urgent';
  /** 自办自结: the note on what was done on the spot (the `after` photos show it). */
  selfResolvedNote?: string;
}

export interface QueuedPhoto {
  localId: string;
  blob: Blob;
  /** `report`: the matter as found; `after`: the matter once handled on the spot (自办自结). */
  role: 'report' | 'after';
  /** Set once the API has the photo, so a retry does not send the bytes again. */
  uploadedId?: number;
}

export interface QueuedReport {
  /** The idempotency key: generated once, sent on every attempt. */
  key: string;
  accountId: number;
  createdAt: string;
  fields: ReportFields;
  photos: QueuedPhoto[];
  attempts: number;
  /** Why the last attempt did not get through (network, server busy); it will be tried again. */
  lastError?: string;
  /** The API refused the report (4xx): it waits for the user, not for the network. */
  refused?: { code: string; message: string };
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** How to reach the API: a fetch function and the headers every request carries (language, CSRF). */
export interface Http {
  fetch: Fetch;
  headers: Record<string, string>;
}

export type SendOutcome =
  | { status: 'sent'; report: QueuedReport; created: CaseDetailView }
  | { status: 'later'; report: QueuedReport }
  | { status: 'refused'; report: QueuedReport; details: ErrorDetail[] };

type ReportRequest = (typeof caseReportBody)['_zod']['input'];

/** A key the API accepts (8–64 characters); randomUUID needs a secure context, getRandomValues not. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function newQueuedReport(
  accountId: number,
  fields: ReportFields,
  photos: QueuedPhoto[],
  now = new Date(),
): QueuedReport {
  return { key: newKey(), accountId, createdAt: now.toISOString(), fields, photos, attempts: 0 };
}

/** Adds a report to the queue; a report already queued under the same key is replaced, not doubled. */
export function enqueue(queue: readonly QueuedReport[], report: QueuedReport): QueuedReport[] {
  return [...queue.filter((r) => r.key !== report.key), report];
}

/** What a sync sends, in order: oldest first; refused reports wait for the user. */
export function syncOrder(queue: readonly QueuedReport[]): QueuedReport[] {
  return queue
    .filter((r) => !r.refused)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
}

/** The request body: the fields, the uploaded photo ids by role, and the report's key. */
export function reportBody(report: QueuedReport): ReportRequest {
  const ids = (role: QueuedPhoto['role']) =>
    report.photos.filter((p) => p.role === role && p.uploadedId).map((p) => p.uploadedId as number);
  const { selfResolvedNote, ...fields } = report.fields;
  return {
    ...fields,
    photoIds: ids('report'),
    ...(selfResolvedNote ? { selfResolved: { note: selfResolvedNote, afterPhotoIds: ids('after') } } : {}),
    idempotencyKey: report.key,
  };
}

type Answer =
  | { ok: true; body: unknown }
  | { ok: false; later: true; message: string }
  | { ok: false; later: false; code: string; message: string; details: ErrorDetail[] };

/** Network failures, a lapsed session, throttling and server errors are worth another try later. */
const worthRetrying = (status: number) => status === 401 || status === 408 || status === 429 || status >= 500;

async function call(http: Http, url: string, init: RequestInit): Promise<Answer> {
  let res: Response;
  try {
    res = await http.fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...http.headers, ...(init.headers as Record<string, string>) },
    });
  } catch (e) {
    return { ok: false, later: true, message: e instanceof Error ? e.message : String(e) };
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: ErrorDetail[] };
  } | null;
  if (res.ok) return { ok: true, body };
  const message = body?.error?.message ?? `HTTP ${res.status}`;
  if (worthRetrying(res.status)) return { ok: false, later: true, message };
  return {
    ok: false,
    later: false,
    code: body?.error?.code ?? `http.${res.status}`,
    message,
    details: Array.isArray(body?.error?.details) ? body.error.details : [],
  };
}

/** POST /api/cases/photos with the raw bytes; the API reads the type from the bytes themselves. */
export function uploadPhoto(http: Http, blob: Blob): Promise<Answer> {
  return call(http, '/api/cases/photos', {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
    body: blob,
  });
}

/**
 * One attempt at one report: the photos the API does not have yet, then the report under its key.
 * The returned report carries what got through (uploaded photo ids), to be saved whatever happened.
 */
export async function sendReport(report: QueuedReport, http: Http): Promise<SendOutcome> {
  let current: QueuedReport = { ...report, attempts: report.attempts + 1, photos: [...report.photos] };
  const failed = (a: Extract<Answer, { ok: false }>): SendOutcome => {
    if (a.later) return { status: 'later', report: { ...current, lastError: a.message } };
    const refused = { code: a.code, message: a.message };
    return { status: 'refused', report: { ...current, refused, lastError: a.message }, details: a.details };
  };
  for (const [i, photo] of current.photos.entries()) {
    if (photo.uploadedId) continue;
    const answer = await uploadPhoto(http, photo.blob);
    if (!answer.ok) return failed(answer);
    const uploadedId = (answer.body as { id: number }).id;
    current = { ...current, photos: current.photos.map((p, j) => (j === i ? { ...p, uploadedId } : p)) };
  }
  const answer = await call(http, '/api/cases', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reportBody(current)),
  });
  if (!answer.ok) return failed(answer);
  const { lastError: _cleared, ...sent } = current;
  return { status: 'sent', report: sent, created: answer.body as CaseDetailView };
}

export interface SyncResult {
  sent: CaseDetailView[];
  refused: QueuedReport[];
  /** Reports left for next time (the network went away or the server is busy). */
  waiting: number;
}

/**
 * Sends the queue in order. After each attempt `settle` stores the outcome (drop a sent report, keep
 * the rest with their uploaded photo ids). The first attempt that must wait ends the run: if the
 * network is gone for one report it is gone for the next.
 */
export async function syncQueue(
  queue: readonly QueuedReport[],
  http: Http,
  settle: (outcome: SendOutcome) => Promise<void>,
): Promise<SyncResult> {
  const order = syncOrder(queue);
  const result: SyncResult = { sent: [], refused: [], waiting: 0 };
  for (const [i, report] of order.entries()) {
    const outcome = await sendReport(report, http);
    await settle(outcome);
    if (outcome.status === 'sent') result.sent.push(outcome.created);
    if (outcome.status === 'refused') result.refused.push(outcome.report);
    if (outcome.status === 'later') {
      result.waiting = order.length - i;
      break;
    }
  }
  return result;
}
