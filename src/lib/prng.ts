/**
 * A small seeded PRNG (mulberry32) for fuzz and property tests: the seed is printed on failure
 * so a run can be repeated exactly. Never used for secrets.
 */
export interface Prng {
  next(): number; // [0, 1)
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  bool(probability?: number): boolean;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    bool: (p = 0.5) => next() < p,
  };
}

/** Seed from QRPAY_FUZZ_SEED or the clock; the count from QRPAY_FUZZ_RUNS or a default. */
export function fuzzSettings(defaultRuns: number): { seed: number; runs: number } {
  const seedText = process.env['QRPAY_FUZZ_SEED'];
  const runsText = process.env['QRPAY_FUZZ_RUNS'];
  const seed = seedText ? Number(seedText) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  const runs = runsText ? Math.max(1, Number(runsText) | 0) : defaultRuns;
  return { seed, runs };
}
