import { randomFillSync } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32

function encodeTime(ms: number): string {
  let out = '';
  let value = ms;
  for (let i = 0; i < 10; i++) {
    out = alphabet[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

/**
 * Random bytes for ids from a buffer refilled 4 KiB at a time: one call into the CSPRNG per 256
 * ids instead of one each (that call and its allocation were 2 % of a payment's CPU). No byte is
 * handed out twice.
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;

function randomBase32(count: number): number[] {
  if (poolUsed + count > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = (pool[poolUsed + i] ?? 0) % 32;
  poolUsed += count;
  return out;
}

/**
 * Time-ordered ids (ULID layout: 10 characters of milliseconds, 16 random), so ids sort by
 * creation and serve as pagination cursors. Within one millisecond the random part is
 * incremented, so ids from one process stay strictly increasing.
 */
export function createIdGenerator(now: () => number = Date.now) {
  let lastMs = -1;
  let lastRandom: number[] = [];
  return (prefix: string): string => {
    const ms = now();
    let random: number[];
    if (ms === lastMs) {
      random = [...lastRandom];
      for (let i = random.length - 1; i >= 0; i--) {
        random[i] = ((random[i] ?? 0) + 1) % 32;
        if (random[i] !== 0) break;
      }
    } else {
      random = randomBase32(16);
    }
    lastMs = ms;
    lastRandom = random;
    return `${prefix}_${encodeTime(ms)}${random.map((i) => alphabet[i]).join('')}`;
  };
}
