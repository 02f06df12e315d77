/**
 * The evaluation context: a plain typed object the caller (the payment use case) fills from the
 * payment request and from storage before calling `evaluate`. The engine only reads it.
 *
 * Conventions the caller must keep (docs/risk.md, "The context"):
 * - Every number is a safe integer; money is in minor units of the payment's currency.
 * - Velocity counters describe payments *before* this one: the current payment is not included.
 *   They count payments that were paid or held (not blocked, not failed) in the window ending
 *   now, and sum their amounts in minor units.
 * - An unknown string (no device id, no IP) is the empty string; it is never on a list.
 */

/** Count and sum of earlier payments in one time window. */
export interface VelocityWindow {
  readonly count: number;
  readonly sumMinor: number;
}

/** The three windows every velocity counter has: last minute, last hour, last 24 hours. */
export interface Velocity {
  readonly last1m: VelocityWindow;
  readonly last1h: VelocityWindow;
  readonly last24h: VelocityWindow;
}

export interface RiskMerchant {
  readonly id: string;
  /** ISO 18245 merchant category code, four digits. */
  readonly mcc: string;
  /** 'micro' (identity only, lower limits) or 'business' (licensed), from onboarding. */
  readonly tier: string;
  /** Whole days since the merchant was approved. */
  readonly ageDays: number;
  /** Payments received by this merchant. */
  readonly payments: Velocity;
}

export interface RiskWallet {
  readonly id: string;
  /** Whole days since the wallet was opened. */
  readonly ageDays: number;
  /** Balance before this payment, in minor units. */
  readonly balanceMinor: number;
  /** Wrong payment passwords entered in the last 24 hours (before this attempt succeeded). */
  readonly failedPasswordAttempts24h: number;
  /** Whole days since the payment password was set or last reset (0 = within 24 hours). */
  readonly daysSincePasswordSet: number;
  /** Times the wallet was locked for wrong passwords in the last 30 days. */
  readonly locks30d: number;
  /** Payments made by this wallet. */
  readonly payments: Velocity;
}

export interface RiskDevice {
  /** The device id the wallet app sent; '' when unknown. */
  readonly id: string;
  /** Distinct wallets that paid from this device in the window (before this payment). */
  readonly distinctWallets1h: number;
  readonly distinctWallets24h: number;
  /** Payments made from this device, by any wallet. */
  readonly payments: Velocity;
}

export interface RiskContext {
  /** The payment's amount in minor units. */
  readonly amountMinor: number;
  /** ISO 4217 code, e.g. 'CNY'. */
  readonly currency: string;
  /** Hour of day 0–23 in the merchant's time zone when the payment is confirmed. */
  readonly localHour: number;
  /** IP address of the wallet's request; '' when unknown. */
  readonly ip: string;
  readonly merchant: RiskMerchant;
  readonly wallet: RiskWallet;
  readonly device: RiskDevice;
  /** This wallet on this device: has it completed a payment from here before? */
  readonly walletDevice: { readonly known: boolean };
  /** This wallet paying this merchant (split payments). */
  readonly walletMerchant: { readonly payments: Velocity };
  /**
   * Entries of named lists, by list name. The caller may pass whole lists, or only the entries
   * that equal a value of this payment (wallet id, device id, merchant id, IP): membership is
   * all the engine asks. A list that is absent is empty.
   */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}
