import { describe, expect, it } from 'vitest';
import {
  enqueue,
  type Http,
  newQueuedReport,
  type QueuedReport,
  type ReportFields,
  reportBody,
  type SendOutcome,
  sendReport,
  syncOrder,
  syncQueue,
} from './report-queue';

/**
 * A stand-in for the API's two endpoints, with its replay rule: a report whose idempotency key was
 * seen before answers the first case. `dropNext` makes the network fail, before the request reaches
 * the server or after the server has done its work and the answer is lost on the way back.
 */
class FakeApi {
  photos: { id: number; type: string; bytes: number }[] = [];
  cases: { id: number; key: string; body: Record<string, unknown> }[] = [];
  requests: string[] = [];
  private drops: ('pass' | 'before' | 'after')[] = [];
  refuse: { status: number; code: string } | null = null;

  /** The fate of the next requests, in order: go through, fail before the server, lose the answer. */
  dropNext(...when: ('pass' | 'before' | 'after')[]) {
    this.drops.push(...when);
  }

  http: Http = {
    headers: { 'x-csrf-token': 'token' },
    fetch: async (url, init) => {
      this.requests.push(url);
      expect((init.headers as Record<string, string>)['x-csrf-token']).toBe('token');
      const drop = this.drops.shift();
      if (drop === 'before') throw new TypeError('Failed to fetch');
      const res = await this.handle(url, init);
      if (drop === 'after') throw new TypeError('Failed to fetch');
      return res;
    },
  };

  private async handle(url: string, init: RequestInit): Promise<Response> {
    if (this.refuse) {
      const { status, code } = this.refuse;
      return Response.json({ error: { code, message: '不予受理', details: [] } }, { status });
    }
    if (url === '/api/cases/photos') {
      const blob = init.body as Blob;
      const photo = { id: this.photos.length + 1, type: blob.type, bytes: blob.size };
      this.photos.push(photo);
      return Response.json({ ...photo, url: `/api/cases/photos/${photo.id}` }, { status: 201 });
    }
    const body = JSON.parse(init.body as string) as Record<string, unknown>;
    const key = body.idempotencyKey as string;
    const seen = this.cases.find((c) => c.key === key);
    const found = seen ?? { id: this.cases.length + 1, key, body };
    if (!seen) this.cases.push(found);
    return Response.json({ id: found.id, title: body.title, state: 'reported' }, { status: 201 });
  }
}

const fields = (title: string): ReportFields => ({
  title,
  description: '',
  lat: 32.05,
  lng: 118.8,
  urgency: 'normal',
});
const jpeg = (n: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, n])], { type: 'image/jpeg' });

/** The queue as the page keeps it, updated after every attempt exactly as the IndexedDB store does. */
async function runSync(queue: QueuedReport[], api: FakeApi) {
  let kept = queue;
  const settle = async (o: SendOutcome) => {
    kept = o.status === 'sent' ? kept.filter((r) => r.key !== o.report.key) : enqueue(kept, o.report);
  };
  const result = await syncQueue(kept, api.http, settle);
  return { result, kept };
}

describe('the offline report queue', () => {
  it('keeps one entry per key and sends the oldest first, refused reports left for the user', () => {
    const a = newQueuedReport(7, fields('井盖破损'), [], new Date('2026-11-21T08:00:00Z'));
    const b = newQueuedReport(7, fields('路灯不亮'), [], new Date('2026-11-21T07:00:00Z'));
    const c = { ...newQueuedReport(7, fields('占道经营'), []), refused: { code: 'x', message: 'y' } };
    let queue = enqueue(enqueue(enqueue([], a), b), c);
    queue = enqueue(queue, { ...a, attempts: 1 });
    expect(queue).toHaveLength(3);
    expect(a.key).not.toBe(b.key);
    expect(a.key.length).toBeGreaterThanOrEqual(8);
    expect(syncOrder(queue).map((r) => r.fields.title)).toEqual(['路灯不亮', '井盖破损']);
  });

  it('puts report and after photos in their places and always sends the key', () => {
    const r = newQueuedReport(7, { ...fields('楼道堆物'), selfResolvedNote: '已现场清理' }, [
      { localId: 'p1', blob: jpeg(1), role: 'report', uploadedId: 11 },
      { localId: 'p2', blob: jpeg(2), role: 'after', uploadedId: 12 },
    ]);
    expect(reportBody(r)).toMatchObject({
      title: '楼道堆物',
      photoIds: [11],
      selfResolved: { note: '已现场清理', afterPhotoIds: [12] },
      idempotencyKey: r.key,
    });
    expect(reportBody(r)).not.toHaveProperty('selfResolvedNote');
  });

  it('after a network failure retries with the same key and does not send an uploaded photo twice', async () => {
    const api = new FakeApi();
    const r = newQueuedReport(7, fields('暴露垃圾'), [
      { localId: 'p1', blob: jpeg(1), role: 'report' },
      { localId: 'p2', blob: jpeg(2), role: 'report' },
    ]);
    // The first photo gets through, then the network goes.
    api.dropNext('pass', 'before');
    const first = await runSync([r], api);
    expect(first.result).toMatchObject({ sent: [], waiting: 1 });
    expect(first.kept).toHaveLength(1);
    const waiting = first.kept[0]!;
    expect(waiting.key).toBe(r.key);
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toBe('Failed to fetch');
    expect(waiting.photos.map((p) => p.uploadedId)).toEqual([1, undefined]);

    const second = await runSync(first.kept, api);
    expect(second.result.sent.map((c) => c.title)).toEqual(['暴露垃圾']);
    expect(second.kept).toEqual([]);
    expect(api.photos).toHaveLength(2);
    expect(api.cases).toHaveLength(1);
    expect(api.cases[0]).toMatchObject({ key: r.key, body: { photoIds: [1, 2], idempotencyKey: r.key } });
  });

  it('creates one case when the answer was lost and the report is sent again', async () => {
    const api = new FakeApi();
    const r = newQueuedReport(7, fields('占道经营'), []);
    api.dropNext('after');
    const first = await runSync([r], api);
    expect(first.result.waiting).toBe(1);
    expect(api.cases).toHaveLength(1);
    const second = await runSync(first.kept, api);
    expect(second.result.sent).toHaveLength(1);
    expect(second.result.sent[0]!.id).toBe(api.cases[0]!.id);
    expect(api.cases).toHaveLength(1);
    expect(api.requests.filter((u) => u === '/api/cases')).toHaveLength(2);
  });

  it('stops at the first report that must wait and keeps the rest in order', async () => {
    const api = new FakeApi();
    const older = newQueuedReport(7, fields('一'), [], new Date('2026-11-21T07:00:00Z'));
    const newer = newQueuedReport(7, fields('二'), [], new Date('2026-11-21T08:00:00Z'));
    api.dropNext('before');
    const first = await runSync([newer, older], api);
    expect(first.result.waiting).toBe(2);
    expect(api.requests).toHaveLength(1);
    const second = await runSync(first.kept, api);
    expect(api.cases.map((c) => c.body.title)).toEqual(['一', '二']);
    expect(second.kept).toEqual([]);
  });

  it('keeps a refused report with the reason and goes on; a server error is tried again later', async () => {
    const api = new FakeApi();
    api.refuse = { status: 400, code: 'validation' };
    const r = newQueuedReport(7, fields('坏'), []);
    const refused = await sendReport(r, api.http);
    expect(refused).toMatchObject({ status: 'refused', report: { refused: { code: 'validation' } } });
    const { kept } = await runSync([r], api);
    expect(kept[0]?.refused?.message).toBe('不予受理');
    expect(syncOrder(kept)).toEqual([]);

    api.refuse = { status: 503, code: 'unavailable' };
    const busy = await sendReport(r, api.http);
    expect(busy).toMatchObject({ status: 'later', report: { key: r.key, lastError: '不予受理' } });
    expect(busy.report.refused).toBeUndefined();
  });
});
