import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AssertionFailure } from '../../lib/assert.ts';
import { residentIdCheckCharacter, validateResidentId } from './resident-id.ts';

const today = { year: 2025, month: 6, day: 15 };
/** The sample number published in GB 11643-1999 itself. */
const standardSample = '11010519491231002X';

/**
 * Numbers constructed for these tests (not anyone's): a region, a birth date, a sequence, and
 * the check character computed independently of the code under test.
 */
function construct(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (weights[i] ?? 0);
  return body + ('10X98765432'[sum % 11] ?? '?');
}
const constructed = [
  construct('44030519900101001'),
  construct('31011520000229002'),
  construct('65010219000101003'),
  construct('81000019850715004'),
  construct('83000020011111005'),
];

function codeOf(input: string, date = today): string {
  const result = validateResidentId(input, date);
  return result.ok ? 'ok' : result.code;
}

test('validateResidentId accepts the standard sample and derives birth date, sex, region', () => {
  const result = validateResidentId(standardSample, today);
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    normalized: standardSample,
    document: 'resident_identity_card',
    regionCode: '110105',
    province: { code: '11', zh: '北京市', en: 'Beijing' },
    birthDate: '1949-12-31',
    sex: 'female',
  });
  assert.equal(residentIdCheckCharacter('11010519491231002'), 'X');
});

test('validateResidentId accepts constructed numbers, including residence permits', () => {
  for (const id of constructed) assert.equal(codeOf(id), 'ok', id);
  const hongKong = validateResidentId(constructed[3] ?? '', today);
  assert.ok(hongKong.ok);
  assert.equal(hongKong.value.document, 'residence_permit');
  assert.equal(hongKong.value.sex, 'female');
  const taiwan = validateResidentId(constructed[4] ?? '', today);
  assert.ok(taiwan.ok);
  assert.equal(taiwan.value.province.code, '83');
  assert.equal(taiwan.value.sex, 'male');
});

test('validateResidentId catches every single substitution and adjacent transposition', () => {
  for (const id of [standardSample, ...constructed]) {
    for (let position = 0; position < id.length; position++) {
      for (const char of '0123456789X') {
        if (char === id[position]) continue;
        const corrupted = id.slice(0, position) + char + id.slice(position + 1);
        const expected = char === 'X' && position < 17
          ? 'resident_id_character_invalid'
          : 'resident_id_check_digit_mismatch';
        assert.equal(codeOf(corrupted), expected, corrupted);
      }
    }
    for (let i = 0; i + 1 < id.length; i++) {
      if (id[i] === id[i + 1]) continue;
      const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
      assert.notEqual(codeOf(swapped), 'ok', swapped);
    }
  }
});

test('validateResidentId rejects wrong lengths, and 15-digit numbers with their own code', () => {
  assert.equal(codeOf(standardSample.slice(0, 17)), 'resident_id_length_invalid');
  assert.equal(codeOf(`${standardSample}1`), 'resident_id_length_invalid');
  assert.equal(codeOf(''), 'resident_id_length_invalid');
  assert.equal(codeOf('1'.repeat(400)), 'resident_id_length_invalid');
  assert.equal(codeOf('110105491231002'), 'resident_id_first_generation_unsupported');
  assert.equal(codeOf('11010549123100X'), 'resident_id_length_invalid');
});

test('validateResidentId rejects letters, other characters and X before the last place', () => {
  for (const bad of ['11010519491231002Y', '1101051949123100-X', 'X1010519491231002X', 'abc']) {
    assert.equal(codeOf(bad), 'resident_id_character_invalid', bad);
  }
});

test('validateResidentId checks region and birth date once the check character matches', () => {
  const rows: [body: string, code: string][] = [
    ['16010519491231002', 'resident_id_region_unknown'],
    ['91010519491231002', 'resident_id_region_unknown'],
    ['00010519491231002', 'resident_id_region_unknown'],
    ['11010519490230002', 'resident_id_birth_date_invalid'],
    ['11010519000229002', 'resident_id_birth_date_invalid'],
    ['11010519491301002', 'resident_id_birth_date_invalid'],
    ['11010519490400002', 'resident_id_birth_date_invalid'],
    ['11010520000229002', 'ok'],
    ['11010518991231002', 'resident_id_birth_date_too_early'],
    ['11010519000101002', 'ok'],
    ['11010520250615002', 'ok'],
    ['11010520250616002', 'resident_id_birth_date_in_future'],
    ['11010530000101002', 'resident_id_birth_date_in_future'],
    ['71010519491231002', 'ok'],
    ['82000019491231002', 'ok'],
  ];
  for (const [body, expected] of rows) assert.equal(codeOf(construct(body)), expected, body);
});

test('validateResidentId takes today from its caller', () => {
  const born = construct('11010520250616002');
  assert.equal(codeOf(born, today), 'resident_id_birth_date_in_future');
  assert.equal(codeOf(born, { year: 2025, month: 6, day: 16 }), 'ok');
  const notADate = { year: 2025, month: 2, day: 29 };
  assert.throws(() => validateResidentId(born, notADate), AssertionFailure);
});

test('validateResidentId normalises lowercase x, spaces and full-width forms', () => {
  const accepted = [
    '11010519491231002x',
    '  11010519491231002X\t',
    '110105 19491231 002X',
    '\u3000１１０１０５１９４９１２３１００２Ｘ',
    '１１０１０５１９４９１２３１００２ｘ',
  ];
  for (const input of accepted) {
    const result = validateResidentId(input, today);
    const found = result.ok ? result.value.normalized : result.code;
    assert.equal(found, standardSample, JSON.stringify(input));
  }
  for (const bad of ['110105  19491231002X', '110105-19491231-002X', '1101051949123100x2']) {
    assert.equal(codeOf(bad), 'resident_id_character_invalid', bad);
  }
});
