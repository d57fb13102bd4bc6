// Drives an HTTP target with autocannon and keeps the figures the report needs.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Share of the run the main thread (the servers under test) was busy: ~1 means CPU-bound in Node. */
  loopBusy: number;
}

/**
 * The load generator runs in a worker thread: on the main thread it would share the event loop
 * with the server under test (same process), and the faster the target, the more the client's own
 * work would distort the figure.
 */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  const loopBefore = performance.eventLoopUtilization();
  const result = await autocannon({
    url: opts.url,
    headers: opts.headers ?? {},
    connections: opts.connections,
    duration: opts.seconds,
    workers: 1,
  });
  const loop = performance.eventLoopUtilization(loopBefore);
  return {
    // Completed requests over the run's wall time: unlike the mean of per-second samples, it does
    // not drop the partial last second.
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

/** A short discarded run: JIT, connection pools and PostgreSQL's caches reach a steady state. */
export async function warmUp(opts: Omit<LoadOptions, 'seconds'>, seconds = 2): Promise<void> {
  await load({ ...opts, seconds });
}
