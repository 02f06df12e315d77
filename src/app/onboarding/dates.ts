import type { CalendarDate } from '../../domain/kyc/index.ts';

/**
 * Licences, birth dates and the micro-merchant day are Chinese calendar dates: China Standard
 * Time is UTC+8 all year (no daylight saving), so a fixed offset is exact.
 */
export const chinaOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

export function chinaDate(nowMs: number): CalendarDate {
  const d = new Date(nowMs + chinaOffsetMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(date: CalendarDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Today's date in China as YYYY-MM-DD, `plusDays` days ahead. */
export function chinaIsoDate(nowMs: number, plusDays = 0): string {
  return isoDate(chinaDate(nowMs + plusDays * dayMs));
}

/** The instant the current Chinese calendar day began. */
export function chinaDayStartMs(nowMs: number): number {
  return Math.floor((nowMs + chinaOffsetMs) / dayMs) * dayMs - chinaOffsetMs;
}

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const real =
    d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return real && year >= 1900 ? { year, month, day } : undefined;
}
