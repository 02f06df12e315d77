/**
 * Money on screen. Amounts travel as integers in minor units; the currency's exponent (CNY 2,
 * JPY 0, KWD 3) comes from Intl, and the decimal string is built with integer and string
 * operations only, so no float ever touches an amount.
 */
const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** 3850 CNY → "38.50"; -5 JPY → "-5". */
export function minorToDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${minor} is not a safe integer`);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  const cut = digits.length - exponent;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Formats with the locale's currency style, e.g. ¥38.50 or CN¥38.50. */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  display: 'symbol' | 'name' = 'symbol',
): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: display,
  });
  // Intl formats a decimal string exactly (ES2023); the type lists it as a numeric literal.
  return format.format(minorToDecimal(minor, currency) as `${number}`);
}

/**
 * Keypad input ("38.5") → minor units (3850), or null when the text is not an amount of this
 * currency (too many decimals, no digits, above the safe range).
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const match = /^(\d{0,12})(?:\.(\d*))?$/.exec(text);
  if (!match || text === '' || text === '.') return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const minor = Number(`${whole || '0'}${fraction.padEnd(exponent, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}
