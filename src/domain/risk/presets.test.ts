import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RiskContext, RiskDevice, RiskMerchant, RiskWallet } from './context.ts';
import { presetRules } from './presets.ts';
import { compileRuleSet, evaluate } from './rule-set.ts';
import { benignContext, velocity } from './sample-context.ts';

const compiled = compileRuleSet(presetRules);
assert.ok(compiled.ok, JSON.stringify(compiled.ok ? null : compiled.failures));
const presets = compiled.value;

type Patch = Partial<Omit<RiskContext, 'merchant' | 'wallet' | 'device'>> & {
  merchant?: Partial<RiskMerchant>;
  wallet?: Partial<RiskWallet>;
  device?: Partial<RiskDevice>;
};

function scenario(patch: Patch): RiskContext {
  const base = benignContext();
  return {
    ...base,
    ...patch,
    merchant: { ...base.merchant, ...patch.merchant },
    wallet: { ...base.wallet, ...patch.wallet },
    device: { ...base.device, ...patch.device },
  };
}

const micro = { tier: 'micro' };

/** [rule id, a scenario it must match, a neighbouring benign one it must not]. */
const rows: [string, Patch, Patch][] = [
  ['allow_wallet_listed', { lists: { wallets_allowed: ['wal_alice'] } },
    { lists: { wallets_allowed: ['wal_bob'] } }],
  ['block_wallet_listed', { lists: { wallets_blocked: ['wal_alice'] } },
    { lists: { devices_blocked: ['wal_alice'] } }],
  ['block_device_listed', { lists: { devices_blocked: ['dev_alice_phone'] } },
    { lists: { devices_blocked: ['dev_other'] } }],
  ['block_merchant_listed', { lists: { merchants_blocked: ['mch_coffee'] } },
    { lists: { merchants_blocked: ['mch_other'] } }],
  ['block_ip_listed', { lists: { ips_blocked: ['203.0.113.7'] } },
    { lists: { ips_blocked: ['203.0.113.8'] } }],
  ['block_password_failures', { wallet: { failedPasswordAttempts24h: 5 } },
    { wallet: { failedPasswordAttempts24h: 4 } }],
  ['cap_payment_micro', { amountMinor: 500_001, merchant: micro },
    { amountMinor: 500_000, merchant: micro }],
  ['cap_payment_business', { amountMinor: 5_000_001 }, { amountMinor: 5_000_000 }],
  ['cap_daily_micro',
    { amountMinor: 10_000, merchant: { ...micro, payments: velocity(0, 5, 60, 1_990_001) } },
    { amountMinor: 10_000, merchant: { ...micro, payments: velocity(0, 5, 60, 1_990_000) } }],
  ['cap_daily_business',
    { amountMinor: 10_000, merchant: { payments: velocity(0, 9, 900, 49_990_001) } },
    { amountMinor: 10_000, merchant: { payments: velocity(0, 9, 900, 49_990_000) } }],
  ['wallet_daily_high',
    { amountMinor: 100_000, wallet: { payments: velocity(0, 1, 4, 4_900_001) } },
    { amountMinor: 100_000, wallet: { payments: velocity(0, 1, 4, 4_900_000) } }],
  ['amount_high', { amountMinor: 1_000_001 }, { amountMinor: 1_000_000 }],
  ['night_amount_high', { localHour: 23, amountMinor: 200_001 },
    { localHour: 6, amountMinor: 200_001 }],
  ['night_amount_high', { localHour: 3, amountMinor: 200_001 },
    { localHour: 3, amountMinor: 200_000 }],
  ['burst_wallet_1m', { wallet: { payments: velocity(3, 3, 3, 9_000) } },
    { wallet: { payments: velocity(2, 2, 3, 9_000) } }],
  ['burst_wallet_1h', { wallet: { payments: velocity(0, 20, 20, 60_000) } },
    { wallet: { payments: velocity(0, 19, 40, 60_000) } }],
  ['burst_device_1m', { device: { payments: velocity(5, 5, 5, 9_000) } },
    { device: { payments: velocity(4, 4, 5, 9_000) } }],
  ['burst_device_1h', { device: { payments: velocity(0, 40, 40, 90_000) } },
    { device: { payments: velocity(0, 39, 90, 90_000) } }],
  ['burst_merchant_micro', { merchant: { ...micro, payments: velocity(30, 30, 30, 90_000) } },
    { merchant: { payments: velocity(30, 30, 30, 90_000) } }],
  ['device_wallets_1h', { device: { distinctWallets1h: 3, distinctWallets24h: 3 } },
    { device: { distinctWallets1h: 2, distinctWallets24h: 5 } }],
  ['device_wallets_24h', { device: { distinctWallets24h: 6 } },
    { device: { distinctWallets24h: 5 } }],
  ['split_micro',
    { amountMinor: 190_000, merchant: micro,
      walletMerchant: { payments: velocity(0, 2, 2, 380_000) } },
    { amountMinor: 3_000, merchant: micro,
      walletMerchant: { payments: velocity(0, 2, 2, 6_000) } }],
  ['split_micro',
    { amountMinor: 190_000, merchant: micro,
      walletMerchant: { payments: velocity(0, 2, 2, 380_000) } },
    { amountMinor: 490_000, merchant: micro,
      walletMerchant: { payments: velocity(0, 1, 1, 490_000) } }],
  ['split_business',
    { amountMinor: 2_000_000, walletMerchant: { payments: velocity(0, 2, 2, 3_000_001) } },
    { amountMinor: 2_000_000, walletMerchant: { payments: velocity(0, 2, 2, 3_000_000) } }],
  ['password_reset_large', { amountMinor: 100_001, wallet: { daysSincePasswordSet: 0 } },
    { amountMinor: 100_001, wallet: { daysSincePasswordSet: 1 } }],
  ['password_failures', { wallet: { failedPasswordAttempts24h: 3 } },
    { wallet: { failedPasswordAttempts24h: 2 } }],
  ['wallet_lock_history', { amountMinor: 100_001, wallet: { locks30d: 2 } },
    { amountMinor: 100_001, wallet: { locks30d: 1 } }],
  ['wallet_new_large', { amountMinor: 300_001, wallet: { ageDays: 6 } },
    { amountMinor: 300_001, wallet: { ageDays: 7 } }],
  ['merchant_new_large', { amountMinor: 1_000_001, merchant: { ageDays: 29 } },
    { amountMinor: 1_000_001, merchant: { ageDays: 30 } }],
  ['device_new_large', { amountMinor: 200_001, walletDevice: { known: false } },
    { amountMinor: 200_000, walletDevice: { known: false } }],
  ['wallet_drain', { amountMinor: 600_000, wallet: { balanceMinor: 600_999 } },
    { amountMinor: 600_000, wallet: { balanceMinor: 601_000 } }],
];

test('the benign base payment matches no preset rule', () => {
  const decision = evaluate(presets, benignContext());
  assert.deepEqual([decision.outcome, decision.matchedRules], ['allow', []]);
});

test('every preset rule has a scenario row, a why and a unique id', () => {
  const covered = new Set(rows.map(([id]) => id));
  for (const rule of presetRules) {
    assert.ok(covered.has(rule.id), `no scenario for ${rule.id}`);
    assert.ok(rule.description.length > 30, `${rule.id} needs a why`);
  }
  assert.equal(new Set(presetRules.map((r) => r.id)).size, presetRules.length);
  assert.ok(presetRules.length >= 15 && presetRules.length <= 30);
  assert.ok(presetRules.every((r) => r.enabled && r.mode === 'live'));
});

test('each preset rule matches its scenario and not the neighbouring benign one', () => {
  for (const [id, risky, benign] of rows) {
    const hit = evaluate(presets, scenario(risky)).matchedRules.map((m) => m.id);
    const miss = evaluate(presets, scenario(benign)).matchedRules.map((m) => m.id);
    assert.ok(hit.includes(id), `${id} should match its scenario; matched ${hit.join(', ')}`);
    assert.ok(!miss.includes(id), `${id} should not match the benign neighbour`);
  }
});

test('the preset outcomes follow the documented precedence', () => {
  const listedAndAllowed = scenario({
    lists: { wallets_allowed: ['wal_alice'], wallets_blocked: ['wal_alice'] },
  });
  const allowed = evaluate(presets, listedAndAllowed);
  assert.deepEqual([allowed.outcome, allowed.reasonCodes], ['allow', ['wallet_allowed']]);
  assert.deepEqual(allowed.matchedRules.map((m) => m.id),
    ['allow_wallet_listed', 'block_wallet_listed']);

  const blocked = evaluate(presets, scenario({ amountMinor: 600_000, merchant: micro }));
  assert.deepEqual([blocked.outcome, blocked.reasonCodes], ['block', ['payment_cap_exceeded']]);

  const night = evaluate(presets, scenario({ localHour: 2, amountMinor: 1_200_000 }));
  assert.deepEqual([night.outcome, night.reasonCodes], ['hold', ['night_amount_high']]);
  assert.ok(night.matchedRules.some((m) => m.id === 'amount_high'), 'the challenge is recorded');
});
