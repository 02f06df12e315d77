/**
 * Value rules from EMV QRCPS Merchant-Presented Mode v1.1, tables 3.x and 4.x: which IDs are
 * templates and each primitive value's length and format. Character sets ("ans") are not
 * enforced: real payloads carry accented and CJK names in 59 and 60.
 */
export interface ValueRule {
  readonly name: string;
  /** Maximum length in characters (code points). */
  readonly max: number;
  /** Fixed length, when the spec gives one. */
  readonly exact?: number;
  readonly pattern?: RegExp;
  /** What the pattern means, for the message. */
  readonly expected?: string;
}

const amount = /^(?=[\d.]*\d)\d*\.?\d*$/;
const amountText = 'digits with at most one "."';
const opaque = (name: string, max = 99): ValueRule => ({ name, max });
const fixed = (name: string, exact: number, pattern: RegExp, expected: string): ValueRule => ({
  name,
  max: exact,
  exact,
  pattern,
  expected,
});
const formatted = (name: string, max: number, pattern: RegExp, expected: string): ValueRule => ({
  name,
  max,
  pattern,
  expected,
});

const topLevel: Record<string, ValueRule> = {
  '01': fixed('point of initiation method', 2, /^1[12]$/, '11 or 12'),
  '52': fixed('merchant category code', 4, /^\d{4}$/, '4 digits'),
  '53': fixed('transaction currency', 3, /^\d{3}$/, '3 digits'),
  '54': formatted('transaction amount', 13, amount, amountText),
  '55': fixed('tip or convenience indicator', 2, /^0[123]$/, '01, 02 or 03'),
  '56': formatted('convenience fee fixed', 13, amount, amountText),
  '57': formatted('convenience fee percentage', 5, amount, amountText),
  '58': fixed('country code', 2, /^[A-Z]{2}$/, 'ISO 3166 alpha-2'),
  '59': opaque('merchant name', 25),
  '60': opaque('merchant city', 15),
  '61': opaque('postal code', 10),
};

const additionalData: Record<string, ValueRule> = {
  '01': opaque('bill number', 25),
  '02': opaque('mobile number', 25),
  '03': opaque('store label', 25),
  '04': opaque('loyalty number', 25),
  '05': opaque('reference label', 25),
  '06': opaque('customer label', 25),
  '07': opaque('terminal label', 25),
  '08': opaque('purpose of transaction', 25),
  '09': formatted('additional consumer data request', 3, /^[AME]+$/, 'letters A, M, E'),
  '10': opaque('merchant tax ID', 20),
  '11': opaque('merchant channel', 3),
};

const languageTemplate: Record<string, ValueRule> = {
  '00': fixed('language preference', 2, /^[A-Za-z]{2}$/, 'ISO 639 alpha-2'),
  '01': opaque('merchant name (alternate language)', 25),
  '02': opaque('merchant city (alternate language)', 15),
};

const accountTemplate: Record<string, ValueRule> = {
  '00': opaque('globally unique identifier', 32),
};

/** Templates whose value the decoder parses into nested data objects. */
export function isParsedTemplate(id: string): boolean {
  const n = Number(id);
  return (n >= 26 && n <= 51) || n === 62 || n === 64;
}

export function isMerchantAccountID(id: string): boolean {
  const n = Number(id);
  return n >= 2 && n <= 51;
}

export function topLevelRule(id: string): ValueRule | undefined {
  const n = Number(id);
  if (n >= 2 && n <= 25) return opaque('merchant account information');
  return topLevel[id];
}

export function templateRule(templateID: string, subID: string): ValueRule | undefined {
  if (templateID === '62') return additionalData[subID];
  if (templateID === '64') return languageTemplate[subID];
  return accountTemplate[subID];
}

/** Sub-IDs a parsed template must hold. */
export function templateMandatory(templateID: string): readonly string[] {
  if (templateID === '62') return [];
  if (templateID === '64') return ['00', '01'];
  return ['00'];
}

export const mandatoryTopLevel: readonly string[] = ['52', '53', '58', '59', '60'];
