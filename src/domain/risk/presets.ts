import type { RuleDefinition, RuleOutcome } from './rule-set.ts';

/**
 * The rule set that ships enabled. Amounts are minor units calibrated for CNY (100 = ¥1);
 * a deployment in another currency edits them. Each rule's description says why it exists;
 * docs/risk.md repeats them in a table.
 */
type Preset = [id: string, outcome: RuleOutcome, reasonCode: string, name: string,
  expression: string, why: string];

const presets: readonly Preset[] = [
  ['allow_wallet_listed', 'allow', 'wallet_allowed', 'Allow-listed wallet',
    'wallet.id in list("wallets_allowed")',
    'Wallets an operator has vetted (staff, known corporate payers) skip every rule, as Stripe ' +
      'evaluates allow lists before block lists; a false block on them costs more than it saves.'],
  ['block_wallet_listed', 'block', 'wallet_blocked', 'Block-listed wallet',
    'wallet.id in list("wallets_blocked")',
    'Wallets confirmed as stolen, mule or fraud accounts must not pay anyone.'],
  ['block_device_listed', 'block', 'device_blocked', 'Block-listed device',
    'device.id in list("devices_blocked")',
    'A device seen in fraud keeps being used with fresh wallets; block it whatever the wallet.'],
  ['block_merchant_listed', 'block', 'merchant_blocked', 'Block-listed merchant',
    'merchant.id in list("merchants_blocked")',
    'Merchants under investigation (fake shops, laundering fronts) must not receive money.'],
  ['block_ip_listed', 'block', 'ip_blocked', 'Block-listed IP address',
    'ip in list("ips_blocked")',
    'Addresses of known attack infrastructure (bot farms, proxies used in fraud).'],
  ['block_password_failures', 'block', 'password_failures_high', 'Many wrong passwords',
    'wallet.failed_password_attempts_24h >= 5',
    'Five wrong payment passwords in a day is guessing, not forgetting (UPI locks after 3); ' +
      'even if the sixth is right, refuse the payment. The payment core\'s lock stays as well.'],
  ['cap_payment_micro', 'block', 'payment_cap_exceeded', 'Per-payment cap, micro merchant',
    'merchant.tier == "micro" and amount > 500_000',
    'Micro merchants are identity-checked only, so one payment to them is capped at ¥5,000, ' +
      'as personal collection codes are in the industry; larger sales need a licensed business.'],
  ['cap_payment_business', 'block', 'payment_cap_exceeded', 'Per-payment cap, business',
    'merchant.tier == "business" and amount > 5_000_000',
    'Above ¥50,000 a point-of-sale QR payment is far outside normal retail; such sums go by ' +
      'bank transfer, and a mistake or coercion at this size is not recoverable.'],
  ['cap_daily_micro', 'block', 'merchant_daily_cap_exceeded', 'Daily cap, micro merchant',
    'merchant.tier == "micro" and merchant.payments_24h.sum + amount > 2_000_000',
    'A micro merchant taking over ¥20,000 in 24 hours has outgrown its tier or is being used ' +
      'to move money; it must onboard as a business to take more.'],
  ['cap_daily_business', 'hold', 'merchant_daily_cap_exceeded', 'Daily cap, business',
    'merchant.tier == "business" and merchant.payments_24h.sum + amount > 50_000_000',
    'Over ¥500,000 in 24 hours is exceptional for one till; hold the funds for review rather ' +
      'than refuse, since a busy licensed shop may be genuine.'],
  ['wallet_daily_high', 'challenge', 'wallet_daily_amount_high', 'Wallet daily spend high',
    'wallet.payments_24h.sum + amount > 5_000_000',
    'A wallet spending over ¥50,000 in a day is unusual; ask the owner to confirm again so a ' +
      'thief holding an unlocked phone cannot drain it.'],
  ['amount_high', 'challenge', 'amount_high', 'Large payment',
    'amount > 1_000_000',
    'Above ¥10,000 a second confirmation costs the payer seconds and stops mistyped amounts ' +
      'and most account-takeover spending.'],
  ['night_amount_high', 'hold', 'night_amount_high', 'Large payment at night',
    '(local_hour >= 22 or local_hour < 6) and amount > 200_000',
    'Coerced payments and robberies cluster at night; PIX caps night transfers (20:00–06:00) ' +
      'for this reason. Holding funds above ¥2,000 at night keeps them recoverable.'],
  ['burst_wallet_1m', 'challenge', 'wallet_burst', 'Burst of payments from a wallet',
    'wallet.payments_1m.count >= 3',
    'A fourth payment within a minute is faster than a person pays at tills; scripts and ' +
      'stolen phones do this. A re-confirmation stops a script, not a person.'],
  ['burst_wallet_1h', 'hold', 'wallet_velocity_high', 'Many payments from a wallet in an hour',
    'wallet.payments_1h.count >= 20',
    'Twenty payments an hour from one wallet is a pattern of testing or draining an account.'],
  ['burst_device_1m', 'challenge', 'device_burst', 'Burst of payments from a device',
    'device.payments_1m.count >= 5',
    'One phone paying five times a minute, across wallets, is automation.'],
  ['burst_device_1h', 'hold', 'device_velocity_high', 'Many payments from a device in an hour',
    'device.payments_1h.count >= 40',
    'Forty payments an hour from one device is a payment farm or a compromised device.'],
  ['burst_merchant_micro', 'hold', 'merchant_inflow_spike', 'Inflow spike, micro merchant',
    'merchant.tier == "micro" and merchant.payments_1m.count >= 30',
    'A micro merchant receiving thirty payments a minute is being used to collect for others ' +
      '(gambling, scams) — the convergence pattern Tazama watches for.'],
  ['device_wallets_1h', 'challenge', 'device_shared', 'Several wallets on one device',
    'device.distinct_wallets_1h >= 3',
    'Three wallets paying from one phone in an hour is rare for a family; confirm each.'],
  ['device_wallets_24h', 'block', 'device_wallet_farm', 'Many wallets on one device',
    'device.distinct_wallets_24h >= 6',
    'Six or more wallets on one device in a day is a mule or account farm.'],
  ['split_micro', 'hold', 'split_payments_suspected', 'Split payments, micro merchant',
    'merchant.tier == "micro" and wallet_merchant.payments_24h.count >= 2 and ' +
      'wallet_merchant.payments_24h.sum + amount > 500_000',
    'Several payments from one wallet to one micro merchant adding up over its ¥5,000 ' +
      'per-payment cap within 24 hours evade the cap (structuring).'],
  ['split_business', 'hold', 'split_payments_suspected', 'Split payments, business',
    'merchant.tier == "business" and wallet_merchant.payments_24h.count >= 2 and ' +
      'wallet_merchant.payments_24h.sum + amount > 5_000_000',
    'The same evasion of the ¥50,000 business per-payment cap.'],
  ['password_reset_large', 'hold', 'password_reset_recent', 'Large payment after a reset',
    'wallet.days_since_password_set < 1 and amount > 100_000',
    'Account takeover resets the payment password and then spends; UPI lowers limits for 24 h ' +
      'after a PIN reset. Hold payments over ¥1,000 in that day so they can be recovered.'],
  ['password_failures', 'challenge', 'password_failures_recent', 'Wrong passwords recently',
    'wallet.failed_password_attempts_24h >= 3',
    'Three wrong payment passwords in a day suggest someone else is trying; confirm again.'],
  ['wallet_lock_history', 'challenge', 'wallet_lock_history', 'Wallet locked before',
    'wallet.locks_30d >= 2 and amount > 100_000',
    'A wallet locked twice in 30 days for wrong passwords is under attack or shared.'],
  ['wallet_new_large', 'challenge', 'wallet_new', 'Large payment from a new wallet',
    'wallet.age_days < 7 and amount > 300_000',
    'Fraud wallets are used soon after opening; a week of history is the usual cooling-off.'],
  ['merchant_new_large', 'hold', 'merchant_new', 'Large payment to a new merchant',
    'merchant.age_days < 30 and amount > 1_000_000',
    'Fake shops take large sums in their first weeks and vanish; hold funds until reviewed.'],
  ['device_new_large', 'challenge', 'device_new', 'Large payment from a new device',
    'not wallet_device.known and amount > 200_000',
    'The first payment of a wallet from a phone it never used is the takeover moment.'],
  ['wallet_drain', 'challenge', 'wallet_balance_drain', 'Payment empties the wallet',
    'amount > 500_000 and wallet.balance - amount < 1_000',
    'Spending the whole balance in one large payment is how stolen wallets are emptied.'],
];

/** The shipped rules, all enabled, live, version 1. */
export const presetRules: readonly RuleDefinition[] = presets.map(
  ([id, outcome, reasonCode, name, expression, description]) => ({
    id,
    name,
    version: 1,
    expression,
    outcome,
    reasonCode,
    enabled: true,
    mode: 'live',
    description,
  }),
);
