import type {
  CounterBucket,
  CounterIncrement,
  CounterKind,
  CounterSubject,
  RiskTx,
} from '../modules/risk-ports.ts';
import type { Velocity, VelocityWindow } from '../../domain/risk/index.ts';
import { riskDeviceWalletKeepMs } from '../../lib/limits.ts';

/**
 * Velocity counters in buckets. Each payment adds itself to a minute bucket and an hour bucket
 * of each subject (wallet, device, merchant, wallet→merchant) in one multi-row upsert, never a
 * scan of the payments table. A window sums the buckets that overlap it, so it may include up
 * to one bucket's width of older events (a minute for 1 m and 1 h, an hour for 24 h) but never
 * misses one: the rules err on the side of caution.
 */
export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

const minuteSpan = { spanMs: minuteMs, keepMs: 2 * hourMs };
const hourSpan = { spanMs: hourMs, keepMs: 26 * hourMs };
const daySpan = { spanMs: dayMs, keepMs: 31 * dayMs };
const paymentSpans = [minuteSpan, hourSpan];

/** The oldest bucket any window reads: the 30-day lock history. */
const readBackMs = daySpan.keepMs;

export function walletMerchantId(walletId: string, merchantId: string): string {
  return `${walletId}>${merchantId}`;
}

export interface PaymentSubjects {
  readonly walletId: string;
  readonly deviceId: string;
  readonly merchantId: string;
}

function paymentSubjects(p: PaymentSubjects): CounterSubject[] {
  const subjects: CounterSubject[] = [
    { kind: 'wallet', id: p.walletId },
    { kind: 'merchant', id: p.merchantId },
    { kind: 'wallet_merchant', id: walletMerchantId(p.walletId, p.merchantId) },
  ];
  if (p.deviceId !== '') subjects.push({ kind: 'device', id: p.deviceId });
  return subjects;
}

/** Counts a completed (paid or held) payment, in the payment's own transaction. */
export async function countPayment(
  risk: RiskTx,
  p: PaymentSubjects,
  amountMinor: number,
  nowMs: number,
) {
  const increments = paymentSubjects(p).map((subject) => ({ subject, spans: paymentSpans }));
  await risk.addToCounters(increments, amountMinor, nowMs);
  await risk.touchDeviceWallet(p.deviceId, p.walletId, nowMs, riskDeviceWalletKeepMs);
}

/** Counts a wrong payment password, and the lock it caused if any. */
export async function countPasswordFailure(
  risk: RiskTx,
  walletId: string,
  locked: boolean,
  nowMs: number,
) {
  const increments: CounterIncrement[] = [
    { subject: { kind: 'wallet_password_failure', id: walletId }, spans: [hourSpan] },
  ];
  if (locked) increments.push({ subject: { kind: 'wallet_lock', id: walletId }, spans: [daySpan] });
  await risk.addToCounters(increments, 0, nowMs);
}

/** The counters a decision reads, summed per window. */
export class CounterReading {
  constructor(
    private readonly buckets: readonly CounterBucket[],
    private readonly nowMs: number,
  ) {}

  window(kind: CounterKind, id: string, spanMs: number, windowMs: number): VelocityWindow {
    let count = 0;
    let sumMinor = 0;
    for (const b of this.buckets) {
      if (b.kind !== kind || b.id !== id || b.spanMs !== spanMs) continue;
      if (b.bucketMs + b.spanMs <= this.nowMs - windowMs || b.bucketMs > this.nowMs) continue;
      count += b.count;
      sumMinor += b.sumMinor;
    }
    return { count, sumMinor };
  }

  velocity(kind: CounterKind, id: string): Velocity {
    return {
      last1m: this.window(kind, id, minuteMs, minuteMs),
      last1h: this.window(kind, id, minuteMs, hourMs),
      last24h: this.window(kind, id, hourMs, dayMs),
    };
  }

  passwordFailures24h(walletId: string): number {
    return this.window('wallet_password_failure', walletId, hourMs, dayMs).count;
  }

  locks30d(walletId: string): number {
    return this.window('wallet_lock', walletId, dayMs, 30 * dayMs).count;
  }
}

export async function readCounters(risk: RiskTx, p: PaymentSubjects, nowMs: number) {
  const subjects: CounterSubject[] = [
    ...paymentSubjects(p),
    { kind: 'wallet_password_failure', id: p.walletId },
    { kind: 'wallet_lock', id: p.walletId },
  ];
  return new CounterReading(await risk.readCounters(subjects, nowMs - readBackMs), nowMs);
}
