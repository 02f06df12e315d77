import { walletAccountId } from '../../domain/ledger/ledger.ts';
import type { Order } from '../../domain/order/order.ts';
import type { RiskContext, Velocity } from '../../domain/risk/index.ts';
import type { Merchant, Wallet, WriteTx } from '../ports.ts';
import { dayMs, readCounters, walletMerchantId } from './counters.ts';

/** Merchants have no time zone of their own yet; the platform's home market is the default. */
export const riskTimeZoneDefault = 'Asia/Shanghai';

/** What the wallet's request says about where it came from ('' when unknown). */
export interface PaymentSignals {
  readonly deviceId: string;
  readonly ip: string;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Hour of day 0–23 in a time zone (Intl knows the zone rules; no arithmetic on offsets). */
export function localHour(nowMs: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  const hour = Number(format.formatToParts(nowMs).find((p) => p.type === 'hour')?.value);
  return Number.isInteger(hour) ? hour % 24 : 0;
}

function wholeDays(fromMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - fromMs) / dayMs));
}

/** Onboarding's tiers as the rules name them: a standard merchant is a licensed business. */
export function riskTier(merchant: Merchant): string {
  return merchant.tier === 'micro' ? 'micro' : 'business';
}

function noVelocity(): Velocity {
  const zero = { count: 0, sumMinor: 0 };
  return { last1m: zero, last1h: zero, last24h: zero };
}

async function listsFor(tx: WriteTx, values: readonly string[]) {
  const lists: Record<string, string[]> = {};
  for (const entry of await tx.risk.findEntries(values)) {
    (lists[entry.listName] ??= []).push(entry.value);
  }
  return lists;
}

export interface ContextInput {
  readonly order: Order;
  readonly merchant: Merchant;
  readonly wallet: Wallet;
  readonly signals: PaymentSignals;
  readonly nowMs: number;
}

/**
 * Fills the engine's context from the request and from storage, inside the payment's
 * transaction: a few indexed reads (counters, device pairs, list entries, the balance), issued
 * together (on PostgreSQL they share one round trip).
 */
export async function buildRiskContext(tx: WriteTx, input: ContextInput): Promise<RiskContext> {
  const { order, merchant, wallet, signals, nowMs } = input;
  const subjects = { walletId: wallet.id, deviceId: signals.deviceId, merchantId: merchant.id };
  const device = signals.deviceId;
  const [counters, pairs, account, lists] = await Promise.all([
    readCounters(tx.risk, subjects, nowMs),
    tx.risk.deviceWallets(signals.deviceId, wallet.id, nowMs),
    tx.getAccount(walletAccountId(wallet.id)),
    listsFor(tx, [wallet.id, device, merchant.id, signals.ip]),
  ]);
  const balance = account?.balanceMinor ?? 0;
  return {
    amountMinor: order.amountMinor,
    currency: order.currency,
    localHour: localHour(nowMs, riskTimeZoneDefault),
    ip: signals.ip,
    merchant: {
      id: merchant.id,
      mcc: merchant.mcc,
      tier: riskTier(merchant),
      ageDays: wholeDays(merchant.createdAtMs, nowMs),
      payments: counters.velocity('merchant', merchant.id),
    },
    wallet: {
      id: wallet.id,
      ageDays: wholeDays(wallet.createdAtMs, nowMs),
      balanceMinor: balance,
      failedPasswordAttempts24h: counters.passwordFailures24h(wallet.id),
      daysSincePasswordSet: wholeDays(wallet.passwordSetAtMs, nowMs),
      locks30d: counters.locks30d(wallet.id),
      payments: counters.velocity('wallet', wallet.id),
    },
    device: {
      id: device,
      distinctWallets1h: pairs.distinctWallets1h,
      distinctWallets24h: pairs.distinctWallets24h,
      payments: device === '' ? noVelocity() : counters.velocity('device', device),
    },
    walletDevice: { known: pairs.known },
    walletMerchant: {
      payments: counters.velocity('wallet_merchant', walletMerchantId(wallet.id, merchant.id)),
    },
    lists,
  };
}
