import { type Result, fail, ok } from '../../lib/result.ts';
import { type KycErrorCode, kycInputLengthMax } from './errors.ts';
import { normalizeInput, stripSeparators } from './normalize.ts';

/**
 * Settlement bank card numbers (ISO/IEC 7812 PANs): 16–19 digits whose last digit is the Luhn
 * check digit. Always carried as a string: 19 digits exceed Number.MAX_SAFE_INTEGER.
 */
export type CardScheme =
  | 'unionpay'
  | 'visa'
  | 'mastercard'
  | 'jcb'
  | 'amex'
  | 'discover'
  | 'unknown';

export interface BankCardFacts {
  readonly normalized: string;
  /** From the issuer prefix; informative only, an unknown prefix is not a failure. */
  readonly scheme: CardScheme;
  readonly last4: string;
}

const cardLengthMin = 16;
const cardLengthMax = 19;

/** The Luhn check digit for a string of digits (the number without its last digit). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts from the digit next to the (absent) check digit, i.e. the last one here.
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function inRange(number: string, digits: number, min: number, max: number): boolean {
  const prefix = Number(number.slice(0, digits));
  return prefix >= min && prefix <= max;
}

export function cardScheme(number: string): CardScheme {
  if (number.startsWith('62')) return 'unionpay';
  if (number.startsWith('4')) return 'visa';
  if (inRange(number, 2, 51, 55) || inRange(number, 4, 2221, 2720)) return 'mastercard';
  if (inRange(number, 4, 3528, 3589)) return 'jcb';
  if (number.startsWith('34') || number.startsWith('37')) return 'amex';
  if (number.startsWith('6011') || number.startsWith('65') || inRange(number, 3, 644, 649)) {
    return 'discover';
  }
  return 'unknown';
}

export function validateBankCard(input: string): Result<BankCardFacts, KycErrorCode> {
  if (input.length > kycInputLengthMax) {
    return fail('bank_card_length_invalid', 'a card number has 16 to 19 digits');
  }
  const number = stripSeparators(normalizeInput(input), ' -');
  if (number === undefined || !/^[0-9]*$/.test(number)) {
    return fail(
      'bank_card_character_invalid',
      'a card number is digits, optionally grouped by single spaces or hyphens',
    );
  }
  if (number.length < cardLengthMin || number.length > cardLengthMax) {
    const message = `a card number has 16 to 19 digits, not ${number.length}`;
    return fail('bank_card_length_invalid', message);
  }
  if (luhnCheckDigit(number.slice(0, -1)) !== number.slice(-1)) {
    const message = 'the check digit does not match: a digit is probably mistyped';
    return fail('bank_card_luhn_mismatch', message);
  }
  return ok({ normalized: number, scheme: cardScheme(number), last4: number.slice(-4) });
}
