import { randomBytes } from 'node:crypto';

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
      random = [...randomBytes(16)].map((b) => b % 32);
    }
    lastMs = ms;
    lastRandom = random;
    return `${prefix}_${encodeTime(ms)}${random.map((i) => alphabet[i]).join('')}`;
  };
}
