import type { RiskContext, Velocity, VelocityWindow } from './context.ts';

/** The value types of the rule language. Money is an integer in minor units. */
export type ValueType = 'integer' | 'string' | 'boolean';
export type Value = number | string | boolean;

interface AttributeBase {
  /** The name rules use, e.g. `wallet.payments_1h.count`. */
  readonly name: string;
  readonly description: string;
}

export interface IntegerAttribute extends AttributeBase {
  readonly type: 'integer';
  readonly read: (context: RiskContext) => number;
}

export interface StringAttribute extends AttributeBase {
  readonly type: 'string';
  /** When present, the only values a rule may compare this attribute with (catches typos). */
  readonly values?: readonly string[];
  readonly read: (context: RiskContext) => string;
}

export interface BooleanAttribute extends AttributeBase {
  readonly type: 'boolean';
  readonly read: (context: RiskContext) => boolean;
}

export type Attribute = IntegerAttribute | StringAttribute | BooleanAttribute;

/** A named list rules can test membership of: `wallet.id in list("wallets_blocked")`. */
export interface ListSpec {
  readonly name: string;
  readonly type: 'string';
  readonly description: string;
}

export interface RiskCatalogue {
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly lists: ReadonlyMap<string, ListSpec>;
}

export const merchantTiers = ['micro', 'business'] as const;

function integer(
  name: string,
  description: string,
  read: (c: RiskContext) => number,
): IntegerAttribute {
  return { name, type: 'integer', description, read };
}

function text(name: string, description: string, read: (c: RiskContext) => string) {
  return { name, type: 'string', description, read } satisfies StringAttribute;
}

const windows = [
  ['1m', 'minute', (v: Velocity): VelocityWindow => v.last1m],
  ['1h', 'hour', (v: Velocity): VelocityWindow => v.last1h],
  ['24h', '24 hours', (v: Velocity): VelocityWindow => v.last24h],
] as const;

const velocityScopes = [
  ['wallet', 'made by this wallet', (c: RiskContext): Velocity => c.wallet.payments],
  ['device', 'made from this device', (c: RiskContext): Velocity => c.device.payments],
  ['merchant', 'received by this merchant', (c: RiskContext): Velocity => c.merchant.payments],
  [
    'wallet_merchant',
    'from this wallet to this merchant',
    (c: RiskContext): Velocity => c.walletMerchant.payments,
  ],
] as const;

function velocityAttributes(): Attribute[] {
  const out: Attribute[] = [];
  for (const [scope, who, pick] of velocityScopes) {
    for (const [suffix, span, window] of windows) {
      const base = `${scope}.payments_${suffix}`;
      const earlier = `earlier payments ${who} in the last ${span}, this one excluded`;
      out.push(integer(`${base}.count`, `Number of ${earlier}.`, (c) => window(pick(c)).count));
      out.push(
        integer(
          `${base}.sum`,
          `Sum in minor units of ${earlier}.`,
          (c) => window(pick(c)).sumMinor,
        ),
      );
    }
  }
  return out;
}

const tierAttribute: StringAttribute = {
  ...text('merchant.tier', 'Merchant tier from onboarding: "micro" or "business".', (c) =>
    c.merchant.tier,
  ),
  values: merchantTiers,
};

/** Every attribute a rule can read, in documentation order. */
export const riskAttributes: readonly Attribute[] = [
  integer('amount', 'Amount of this payment in minor units (3850 CNY = ¥38.50).', (c) =>
    c.amountMinor,
  ),
  text('currency', 'ISO 4217 code of this payment, e.g. "CNY".', (c) => c.currency),
  integer('local_hour', 'Hour of day 0–23 in the merchant’s time zone.', (c) => c.localHour),
  text('ip', 'IP address of the wallet’s request ("" when unknown).', (c) => c.ip),
  text('merchant.id', 'Merchant id.', (c) => c.merchant.id),
  text('merchant.mcc', 'Merchant category code (ISO 18245, four digits).', (c) => c.merchant.mcc),
  tierAttribute,
  integer('merchant.age_days', 'Whole days since the merchant was approved.', (c) =>
    c.merchant.ageDays,
  ),
  text('wallet.id', 'Wallet id.', (c) => c.wallet.id),
  integer('wallet.age_days', 'Whole days since the wallet was opened.', (c) => c.wallet.ageDays),
  integer('wallet.balance', 'Wallet balance before this payment, minor units.', (c) =>
    c.wallet.balanceMinor,
  ),
  integer(
    'wallet.failed_password_attempts_24h',
    'Wrong payment passwords entered in the last 24 hours.',
    (c) => c.wallet.failedPasswordAttempts24h,
  ),
  integer(
    'wallet.days_since_password_set',
    'Whole days since the payment password was set or reset (0 = within 24 hours).',
    (c) => c.wallet.daysSincePasswordSet,
  ),
  integer('wallet.locks_30d', 'Times the wallet was locked for wrong passwords in 30 days.', (c) =>
    c.wallet.locks30d,
  ),
  text('device.id', 'Device id sent by the wallet app ("" when unknown).', (c) => c.device.id),
  integer(
    'device.distinct_wallets_1h',
    'Distinct wallets that paid from this device in the last hour (earlier payments).',
    (c) => c.device.distinctWallets1h,
  ),
  integer(
    'device.distinct_wallets_24h',
    'Distinct wallets that paid from this device in the last 24 hours (earlier payments).',
    (c) => c.device.distinctWallets24h,
  ),
  {
    name: 'wallet_device.known',
    type: 'boolean',
    description: 'True when this wallet has completed a payment from this device before.',
    read: (c) => c.walletDevice.known,
  },
  ...velocityAttributes(),
];

/** The lists the preset rules use. Operators may add more (see `createRiskCatalogue`). */
export const riskLists: readonly ListSpec[] = [
  { name: 'wallets_allowed', type: 'string', description: 'Wallets exempt from all rules.' },
  { name: 'wallets_blocked', type: 'string', description: 'Wallets refused outright.' },
  { name: 'devices_blocked', type: 'string', description: 'Devices refused outright.' },
  { name: 'merchants_blocked', type: 'string', description: 'Merchants refused outright.' },
  { name: 'ips_blocked', type: 'string', description: 'Wallet IP addresses refused outright.' },
];

/** A catalogue of the built-in attributes plus the given lists (built-in lists by default). */
export function createRiskCatalogue(lists: readonly ListSpec[] = riskLists): RiskCatalogue {
  return {
    attributes: new Map(riskAttributes.map((a) => [a.name, a])),
    lists: new Map(lists.map((l) => [l.name, l])),
  };
}

export const riskCatalogue: RiskCatalogue = createRiskCatalogue();
