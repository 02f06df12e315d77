import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardScheme, luhnCheckDigit, validateBankCard } from './bank-card.ts';

/** Published test card numbers (card networks' and payment providers' sandboxes). */
const testCards: readonly [number: string, scheme: string][] = [
  ['4111111111111111', 'visa'],
  ['4012888888881881', 'visa'],
  ['5555555555554444', 'mastercard'],
  ['5105105105105100', 'mastercard'],
  ['2223003122003222', 'mastercard'],
  ['6200000000000005', 'unionpay'],
  ['6205500000000000004', 'unionpay'],
  ['6222600260001072444', 'unionpay'],
  ['3566002020360505', 'jcb'],
  ['6011111111111117', 'discover'],
];

function codeOf(input: string): string {
  const result = validateBankCard(input);
  return result.ok ? 'ok' : result.code;
}

test('validateBankCard accepts published test cards and names their scheme', () => {
  for (const [number, scheme] of testCards) {
    const result = validateBankCard(number);
    assert.ok(result.ok, number);
    assert.equal(result.value.normalized, number);
    assert.equal(result.value.scheme, scheme, number);
    assert.equal(result.value.last4, number.slice(-4));
  }
});

test('validateBankCard does not reject an unknown issuer prefix', () => {
  const number = `999999999999999${luhnCheckDigit('999999999999999')}`;
  const result = validateBankCard(number);
  assert.ok(result.ok);
  assert.equal(result.value.scheme, 'unknown');
  assert.equal(cardScheme('8171999927660000'), 'unknown');
});

test('validateBankCard catches every single-digit substitution with the Luhn digit', () => {
  for (const [number] of testCards) {
    for (let position = 0; position < number.length; position++) {
      for (const digit of '0123456789') {
        if (digit === number[position]) continue;
        const corrupted = number.slice(0, position) + digit + number.slice(position + 1);
        assert.equal(codeOf(corrupted), 'bank_card_luhn_mismatch', corrupted);
      }
    }
  }
});

test('validateBankCard catches adjacent transpositions except Luhn’s blind spot 09 ↔ 90', () => {
  for (const [number] of testCards) {
    for (let i = 0; i + 1 < number.length; i++) {
      const pair = number.slice(i, i + 2);
      if (pair[0] === pair[1] || pair === '09' || pair === '90') continue;
      const swapped = number.slice(0, i) + pair[1] + pair[0] + number.slice(i + 2);
      assert.equal(codeOf(swapped), 'bank_card_luhn_mismatch', swapped);
    }
  }
  assert.equal(codeOf('4111111111111190'.slice(0, 15) + luhnCheckDigit('411111111111119')), 'ok');
});

test('validateBankCard accepts 16 to 19 digits only', () => {
  for (const length of [12, 13, 15, 20, 24]) {
    const body = '6'.repeat(length - 1);
    assert.equal(codeOf(body + luhnCheckDigit(body)), 'bank_card_length_invalid', String(length));
  }
  for (const length of [16, 17, 18, 19]) {
    const body = `62${'3'.repeat(length - 3)}`;
    assert.equal(codeOf(body + luhnCheckDigit(body)), 'ok', String(length));
  }
  assert.equal(codeOf('378282246310005'), 'bank_card_length_invalid'); // a 15-digit Amex
  assert.equal(codeOf(''), 'bank_card_length_invalid');
  assert.equal(codeOf('4'.repeat(400)), 'bank_card_length_invalid');
});

test('validateBankCard normalises spaces, hyphens and full-width digits', () => {
  const accepted = [
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    ' 4111111111111111 ',
    '４１１１\u3000１１１１\u3000１１１１\u3000１１１１',
    '4111－1111－1111－1111',
  ];
  for (const input of accepted) {
    const result = validateBankCard(input);
    assert.equal(result.ok ? result.value.normalized : result.code, '4111111111111111', input);
  }
  for (const bad of ['4111  1111 1111 1111', '4111 - 1111', '4111.1111.1111.1111', '4111x1111']) {
    assert.equal(codeOf(bad), 'bank_card_character_invalid', bad);
  }
});
