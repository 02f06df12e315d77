import type { Currency } from '../domain/money/currency.ts';
import type { Clock, Ids, Store } from './ports.ts';

/** Checks and makes payment passwords: a peppered HMAC (the payment path has a budget). */
export interface PaymentPasswords {
  make(walletId: string, password: string): { salt: string; hash: string; keyId: string };
  matches(walletId: string, password: string, stored: { salt: string; hash: string; keyId: string }): boolean;
}

/** Signs and verifies qrpay's own QR codes. */
export interface QRCodes {
  signDynamic(input: {
    merchant: { id: string; name: string; city: string; mcc: string; countryCode: string };
    amountMinor: number;
    currency: Currency;
    orderToken: string;
    expiresAtMs: number;
  }): string;
  signStatic(input: {
    merchant: { id: string; name: string; city: string; mcc: string; countryCode: string };
    currency: Currency;
  }): string;
  verify(payload: string, nowMs: number): QRVerification;
  keysDocument(): unknown;
}

export type QRVerification =
  | {
      ok: true;
      value: {
        kind: 'dynamic' | 'static';
        merchantId: string;
        amountMinor: number | null;
        currency: string;
        orderToken: string | null;
        expiresAtMs: number | null;
        keyId: string;
      };
    }
  | { ok: false; code: string; message: string; position?: number };

export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly passwords: PaymentPasswords;
  readonly qrCodes: QRCodes;
}
