import { useSyncExternalStore } from 'react';
import i18n from '../../app/i18n';
import {
  type Http,
  type QueuedReport,
  type SendOutcome,
  type SyncResult,
  sendReport,
  syncQueue,
} from './report-queue';

/*
 * The queue of reports waiting on this phone, in IndexedDB (photos are kept as blobs, which
 * localStorage cannot hold), with an in-memory copy that the screens subscribe to. Entries carry the
 * account that made them: another user signing in on the same phone neither sees nor sends them.
 */
const DB_NAME = 'linli-phone';
const STORE = 'case-reports';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return dbPromise;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
  });
}

interface QueueState {
  accountId: number | null;
  reports: QueuedReport[];
  syncing: boolean;
  /** How many reports the last sync sent, for a few seconds ("已同步 2 条"). */
  justSent: number;
}

let state: QueueState = { accountId: null, reports: [], syncing: false, justSent: 0 };
const NOTICE_MS = 6_000;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function setState(next: Partial<QueueState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

const byAge = (a: QueuedReport, b: QueuedReport) => a.createdAt.localeCompare(b.createdAt);

/** Reads the signed-in account's queue from IndexedDB into memory. */
export async function loadQueue(accountId: number): Promise<void> {
  const all = await run<QueuedReport[]>('readonly', (s) => s.getAll());
  setState({ accountId, reports: all.filter((r) => r.accountId === accountId).sort(byAge) });
}

export async function saveQueued(report: QueuedReport): Promise<void> {
  await run('readwrite', (s) => s.put(report));
  if (report.accountId === state.accountId)
    setState({ reports: [...state.reports.filter((r) => r.key !== report.key), report].sort(byAge) });
}

export async function removeQueued(key: string): Promise<void> {
  await run('readwrite', (s) => s.delete(key));
  setState({ reports: state.reports.filter((r) => r.key !== key) });
}

/** Stores what one attempt achieved: a sent report leaves the queue, the others keep their progress. */
const settle = (o: SendOutcome) => (o.status === 'sent' ? removeQueued(o.report.key) : saveQueued(o.report));

let inFlight: Promise<SyncResult> | null = null;

/** Sends the waiting reports; one run at a time (the "online" event and a tap may come together). */
export function syncNow(http: Http): Promise<SyncResult> {
  inFlight ??= (async () => {
    setState({ syncing: true });
    try {
      const result = await syncQueue(state.reports, http, settle);
      if (result.sent.length > 0) {
        setState({ justSent: result.sent.length });
        clearTimeout(noticeTimer);
        noticeTimer = setTimeout(() => setState({ justSent: 0 }), NOTICE_MS);
      }
      return result;
    } finally {
      setState({ syncing: false });
      inFlight = null;
    }
  })();
  return inFlight;
}

/** Tries a fresh report at once; if it cannot go now it joins the queue (a refusal does not). */
export async function sendOrQueue(report: QueuedReport, http: Http): Promise<SendOutcome> {
  const outcome = await sendReport(report, http);
  if (outcome.status === 'later') await saveQueued(outcome.report);
  return outcome;
}

/** Puts a report straight into the queue (the phone is offline). */
export const queueReport = (report: QueuedReport) => saveQueued(report);

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The queue as the screens see it: the reports waiting and whether a sync is running. */
export function useQueueState(): QueueState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** The headers the API wants on a write, taken from the session (CSRF) and the UI language. */
export function apiHttp(csrfToken: string): Http {
  return {
    fetch: (url, init) => fetch(url, init),
    headers: {
      'x-csrf-token': csrfToken,
      'accept-language': i18n.language === 'en-US' ? 'en-US' : 'zh-CN',
    },
  };
}
