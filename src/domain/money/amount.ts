import { type Result, fail, ok } from '../../lib/result.ts';
import type { Currency } from './currency.ts';

/** The largest amount of one order or transfer, in minor units (10^12 fen = ¥10 billion). */
export const amountMinorMax = 1_000_000_000_000;

export function isValidAmountMinor(amountMinor: unknown): amountMinor is number {
  return (
    typeof amountMinor === 'number' &&
    Number.isSafeInteger(amountMinor) &&
    amountMinor > 0 &&
    amountMinor <= amountMinorMax
  );
}

/**
 * 3850 CNY → "38.50"; 500 JPY → "500"; 1234 KWD → "1.234". String arithmetic only: no floats.
 */
export function formatDecimal(amountMinor: number, currency: Currency): string {
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor));
  if (currency.exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(currency.exponent + 1, '0');
  const whole = padded.slice(0, padded.length - currency.exponent);
  const fraction = padded.slice(padded.length - currency.exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * "38.5" CNY → 3850; "500" JPY → 500. Rejects more fraction digits than the currency has,
 * signs, exponents, spaces and anything but digits and one dot.
 */
export function parseDecimal(text: string, currency: Currency): Result<number, 'amount_invalid'> {
  const match = /^(\d{1,13})(?:\.(\d*))?$/.exec(text);
  if (!match) return fail('amount_invalid', `"${text}" is not a decimal amount`);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > currency.exponent) {
    return fail('amount_invalid', `${currency.code} has ${currency.exponent} decimal places`);
  }
  const minor = Number(whole + fraction.padEnd(currency.exponent, '0'));
  if (!Number.isSafeInteger(minor) || minor > amountMinorMax) {
    return fail('amount_invalid', 'amount is too large');
  }
  return ok(minor);
}
