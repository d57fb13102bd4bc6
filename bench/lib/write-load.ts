// autocannon against a write endpoint: the same body on every request, in a worker thread (see
// http-load.ts for why), with the figures of http-load's LoadResult.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadResult } from './http-load';

export interface WriteLoadOptions {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
}

export async function loadWrites(opts: WriteLoadOptions): Promise<LoadResult> {
  const loopBefore = performance.eventLoopUtilization();
  const result = await autocannon({
    url: opts.url,
    method: opts.method,
    headers: opts.headers,
    body: opts.body,
    connections: opts.connections,
    duration: opts.seconds,
    workers: 1,
  });
  const loop = performance.eventLoopUtilization(loopBefore);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    loopBusy: loop.utilization,
  };
}
