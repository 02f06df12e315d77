/**
 * ISO 4217 currencies that qrpay accepts. The exponent is the number of minor-unit digits:
 * CNY 2 (fen), JPY 0, KWD 3 (fils). EMV tag 53 carries the numeric code, tag 54 a decimal amount.
 */
export interface Currency {
  readonly code: string; // alpha-3, e.g. "CNY"
  readonly numeric: string; // 3 digits, e.g. "156"
  readonly exponent: 0 | 2 | 3;
}

const table: readonly Currency[] = [
  { code: 'CNY', numeric: '156', exponent: 2 },
  { code: 'HKD', numeric: '344', exponent: 2 },
  { code: 'MOP', numeric: '446', exponent: 2 },
  { code: 'TWD', numeric: '901', exponent: 2 },
  { code: 'USD', numeric: '840', exponent: 2 },
  { code: 'EUR', numeric: '978', exponent: 2 },
  { code: 'GBP', numeric: '826', exponent: 2 },
  { code: 'SGD', numeric: '702', exponent: 2 },
  { code: 'MYR', numeric: '458', exponent: 2 },
  { code: 'THB', numeric: '764', exponent: 2 },
  { code: 'IDR', numeric: '360', exponent: 2 },
  { code: 'PHP', numeric: '608', exponent: 2 },
  { code: 'INR', numeric: '356', exponent: 2 },
  { code: 'BRL', numeric: '986', exponent: 2 },
  { code: 'AUD', numeric: '036', exponent: 2 },
  { code: 'CAD', numeric: '124', exponent: 2 },
  { code: 'CHF', numeric: '756', exponent: 2 },
  { code: 'KHR', numeric: '116', exponent: 2 },
  { code: 'JPY', numeric: '392', exponent: 0 },
  { code: 'KRW', numeric: '410', exponent: 0 },
  { code: 'VND', numeric: '704', exponent: 0 },
  { code: 'CLP', numeric: '152', exponent: 0 },
  { code: 'KWD', numeric: '414', exponent: 3 },
  { code: 'BHD', numeric: '048', exponent: 3 },
  { code: 'OMR', numeric: '512', exponent: 3 },
  { code: 'JOD', numeric: '400', exponent: 3 },
];

const byCode = new Map(table.map((c) => [c.code, c]));
const byNumeric = new Map(table.map((c) => [c.numeric, c]));

export const currencies: readonly Currency[] = table;

export function currencyByCode(code: string): Currency | undefined {
  return byCode.get(code);
}

export function currencyByNumeric(numeric: string): Currency | undefined {
  return byNumeric.get(numeric);
}
