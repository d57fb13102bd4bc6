/**
 * Seeded randomness for the demo city. Everything the generator produces comes from one of these, so
 * a seed reproduces the same city byte for byte on every machine (Math.random never appears here).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks items[i] with probability weights[i] / Σ weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Fisher–Yates on a copy; the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * An independent stream derived from this seed and a label. Each part of the generator forks its
   * own stream, so adding a draw in one part (say, jittered edges) does not change the names elsewhere.
   */
  fork(label: string): Rng;
}

export const DEFAULT_SEED = 20261121;

/** mulberry32: tiny, fast, and good enough for synthetic data (not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the label, mixed with the parent seed: stable across runs and platforms. */
function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function createRng(seed: number = DEFAULT_SEED): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items, weights) => weightedPicker(items, weights)(rng),
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: (label) => createRng(deriveSeed(seed, label)),
  };
  return rng;
}

/**
 * Precomputes cumulative weights once; a draw is then a binary search. Used for the surname table,
 * which is drawn from hundreds of thousands of times in a large registry.
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedPicker needs one weight per item and at least one item');
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new RangeError(`negative or NaN weight: ${w}`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('weights sum to zero');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/**
 * Splits `total` into `parts` positive integers that sum exactly to `total`, each near the mean
 * (weights drawn in [1 − spread, 1 + spread]); largest-remainder rounding keeps the sum exact.
 */
export function distribute(rng: Rng, total: number, parts: number, spread = 0.4): number[] {
  if (parts <= 0 || total < parts) throw new RangeError(`cannot split ${total} into ${parts} positive parts`);
  const weights = Array.from({ length: parts }, () => rng.float(1 - spread, 1 + spread));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - parts; // every part gets 1 first, so none is empty
  const exact = weights.map((w) => (w / sum) * spare);
  const out = exact.map((x) => 1 + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    out[i] = out[i]! + 1;
  }
  return out;
}
