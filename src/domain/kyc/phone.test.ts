import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validatePhone } from './phone.ts';

function codeOf(input: string): string {
  const result = validatePhone(input);
  return result.ok ? result.value.normalized : result.code;
}

test('validatePhone accepts mainland mobile numbers for every 1[3-9] segment', () => {
  for (const second of '3456789') {
    const number = `1${second}800138000`;
    assert.equal(codeOf(number), number);
  }
  const result = validatePhone('13800138000');
  assert.ok(result.ok);
  assert.equal(result.value.e164, '+8613800138000');
});

test('validatePhone drops +86 and grouping, and folds full-width digits', () => {
  const inputs = [
    '+8613800138000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '138-0013-8000',
    ' 13800138000 ',
    '＋８６\u3000１３８００１３８０００',
  ];
  for (const input of inputs) assert.equal(codeOf(input), '13800138000', input);
});

test('validatePhone gives each failure its own code', () => {
  const rows: [input: string, code: string][] = [
    ['+85291234567', 'phone_country_code_unsupported'],
    ['+1 4155550100', 'phone_country_code_unsupported'],
    ['+8', 'phone_country_code_unsupported'],
    ['138 0013 800O', 'phone_character_invalid'],
    ['138  0013 8000', 'phone_character_invalid'],
    ['(138) 0013 8000', 'phone_character_invalid'],
    ['+86', 'phone_length_invalid'],
    ['1380013800', 'phone_length_invalid'],
    ['138001380000', 'phone_length_invalid'],
    ['008613800138000', 'phone_length_invalid'],
    ['', 'phone_length_invalid'],
    ['1'.repeat(400), 'phone_length_invalid'],
    ['12800138000', 'phone_prefix_invalid'],
    ['23800138000', 'phone_prefix_invalid'],
    ['01088886666', 'phone_prefix_invalid'],
  ];
  for (const [input, code] of rows) assert.equal(codeOf(input), code, input);
});
