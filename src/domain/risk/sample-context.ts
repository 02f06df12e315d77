import type { Prng } from '../../lib/prng.ts';
import { merchantTiers } from './catalogue.ts';
import type { RiskContext, Velocity, VelocityWindow } from './context.ts';

/**
 * Contexts for tests, fuzzing and the benchmark. `benignContext` is an ordinary daytime coffee
 * payment that no preset rule matches; scenarios change one thing at a time from it.
 */

function window(count: number, sumMinor: number): VelocityWindow {
  return { count, sumMinor };
}

export function velocity(c1m = 0, c1h = 0, c24h = 0, sum24hMinor = 0): Velocity {
  const average = c24h === 0 ? 0 : Math.floor(sum24hMinor / c24h);
  return {
    last1m: window(c1m, c1m * average),
    last1h: window(c1h, c1h * average),
    last24h: window(c24h, sum24hMinor),
  };
}

export function benignContext(): RiskContext {
  return {
    amountMinor: 3_850,
    currency: 'CNY',
    localHour: 14,
    ip: '203.0.113.7',
    merchant: {
      id: 'mch_coffee',
      mcc: '5814',
      tier: 'business',
      ageDays: 400,
      payments: velocity(1, 20, 180, 900_000),
    },
    wallet: {
      id: 'wal_alice',
      ageDays: 300,
      balanceMinor: 250_000,
      failedPasswordAttempts24h: 0,
      daysSincePasswordSet: 120,
      locks30d: 0,
      payments: velocity(0, 1, 3, 12_000),
    },
    device: {
      id: 'dev_alice_phone',
      distinctWallets1h: 1,
      distinctWallets24h: 1,
      payments: velocity(0, 1, 3, 12_000),
    },
    walletDevice: { known: true },
    walletMerchant: { payments: velocity(0, 0, 1, 3_850) },
    lists: {},
  };
}

const names = ['wallets_allowed', 'wallets_blocked', 'devices_blocked', 'merchants_blocked'];

function randomVelocity(prng: Prng): Velocity {
  const c1m = prng.int(0, 5);
  const c1h = c1m + prng.int(0, 30);
  const c24h = c1h + prng.int(0, 100);
  return velocity(c1m, c1h, c24h, c24h * prng.int(0, 2_000_000));
}

/** A well-typed context with random values, some of them extreme. */
export function randomContext(prng: Prng): RiskContext {
  const ids = ['a', 'b', 'c', ''];
  const big = (): number => prng.pick([0, 1, prng.int(0, 10_000_000), Number.MAX_SAFE_INTEGER]);
  const lists: Record<string, string[]> = {};
  for (const name of names) if (prng.bool(0.2)) lists[name] = [prng.pick(ids)];
  return {
    amountMinor: prng.bool(0.1) ? big() : prng.int(1, 6_000_000),
    currency: prng.pick(['CNY', 'JPY', '']),
    localHour: prng.int(0, 23),
    ip: prng.pick(['203.0.113.7', '', 'a']),
    merchant: {
      id: prng.pick(ids),
      mcc: prng.pick(['5814', '5411', '']),
      tier: prng.pick([...merchantTiers, 'other']),
      ageDays: prng.int(0, 1_000),
      payments: randomVelocity(prng),
    },
    wallet: {
      id: prng.pick(ids),
      ageDays: prng.int(0, 1_000),
      balanceMinor: big(),
      failedPasswordAttempts24h: prng.int(0, 8),
      daysSincePasswordSet: prng.int(0, 400),
      locks30d: prng.int(0, 3),
      payments: randomVelocity(prng),
    },
    device: {
      id: prng.pick(ids),
      distinctWallets1h: prng.int(0, 5),
      distinctWallets24h: prng.int(0, 10),
      payments: randomVelocity(prng),
    },
    walletDevice: { known: prng.bool() },
    walletMerchant: { payments: randomVelocity(prng) },
    lists,
  };
}
