// Latency of one endpoint next to GET /readyz through the same app, socket and session: one request
// at a time, the endpoint then /readyz, alternating for the whole run, so both see the machine at the
// same moments and their ratio holds even while other work moves the absolute figures.
import type { HttpSession } from './http-session';
import { truncate } from './report';

export interface Alternated {
  endpoint: number[];
  readyz: number[];
}

export interface AlternateOptions {
  seconds: number;
  /** Discarded first (JIT, pools, caches). */
  warmUpSeconds?: number;
  /** At least this many pairs, even past `seconds` … */
  minPairs?: number;
  /** … but never longer than this many times `seconds`. */
  maxStretch?: number;
}

export async function alternateWithReadyz(
  session: HttpSession,
  path: string,
  opts: AlternateOptions,
): Promise<Alternated> {
  const out: Alternated = { endpoint: [], readyz: [] };
  const pair = async (record: boolean) => {
    const e = await session.timed(path);
    if (e.status !== 200) throw new Error(`GET ${path}: HTTP ${e.status} ${truncate(e.body, 300)}`);
    const r = await session.timed('/readyz');
    if (r.status !== 200) throw new Error(`GET /readyz: HTTP ${r.status}`);
    if (!record) return;
    out.endpoint.push(e.ms);
    out.readyz.push(r.ms);
  };
  const warm = performance.now() + (opts.warmUpSeconds ?? 2) * 1_000;
  while (performance.now() < warm) await pair(false);
  const started = performance.now();
  const limit = opts.seconds * 1_000;
  const done = () => {
    const elapsed = performance.now() - started;
    return (
      (elapsed >= limit && out.endpoint.length >= (opts.minPairs ?? 50)) ||
      elapsed >= limit * (opts.maxStretch ?? 6)
    );
  };
  while (!done()) await pair(true);
  return out;
}

/** The nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
