import assert from 'node:assert/strict';
import { test } from 'node:test';
import { organizationCodeCheckCharacter, usccAlphabet, validateUSCC } from './uscc.ts';

/** Codes printed on public registrations (licences, annual reports, the national registry). */
const published: readonly [code: string, holder: string][] = [
  ['91350100M000100Y43', 'issue example, Fuzhou enterprise'],
  ['9144030071526726XG', 'Tencent Technology (Shenzhen)'],
  ['914403001922038216', 'Huawei Technologies'],
  ['91520000214434146R', 'Kweichow Moutai'],
  ['91110000710925462X', 'PetroChina'],
  ['91100000100003962T', 'Industrial and Commercial Bank of China'],
  ['911000001000013428', 'Bank of China'],
  ['911100001000044477', 'China Construction Bank'],
  ['91440300100012316L', 'Ping An Insurance (Group)'],
  ['9144030010001686XA', 'China Merchants Bank'],
  ['91440300192317458F', 'BYD'],
  ['91110108551385082Q', 'Xiaomi Technology'],
  ['91110000802100433B', 'Beijing Baidu Netcom'],
  ['91330100716105852F', 'Alibaba (China) Network Technology'],
  ['12440600MB2C07549J', 'a public institution in Foshan'],
];
const forbidden = ['I', 'O', 'S', 'V', 'Z'];

test('validateUSCC accepts published codes and describes them', () => {
  for (const [code, holder] of published) {
    const result = validateUSCC(code);
    assert.ok(result.ok, `${code} (${holder}): ${result.ok ? '' : result.code}`);
    assert.equal(result.value.normalized, code);
    assert.equal(result.value.organizationCodeCheckValid, true, code);
  }
  const icbc = validateUSCC('91100000100003962T');
  assert.ok(icbc.ok);
  assert.equal(icbc.value.province.code, '10');
  assert.equal(icbc.value.organizationType, 'enterprise');
  const moutai = validateUSCC('91520000214434146R');
  assert.ok(moutai.ok);
  assert.deepEqual(moutai.value.province, { code: '52', zh: '贵州省', en: 'Guizhou' });
  assert.equal(moutai.value.organizationCode, '214434146');
});

test('validateUSCC catches every single-character substitution with the check character', () => {
  for (const [code] of published.slice(0, 5)) {
    for (let position = 0; position < code.length; position++) {
      for (const char of [...usccAlphabet, ...forbidden]) {
        if (char === code[position]) continue;
        const corrupted = code.slice(0, position) + char + code.slice(position + 1);
        const expected = forbidden.includes(char)
          ? 'uscc_character_invalid'
          : 'uscc_check_digit_mismatch';
        const result = validateUSCC(corrupted);
        assert.equal(result.ok ? 'ok' : result.code, expected, corrupted);
      }
    }
  }
});

test('validateUSCC catches transpositions of adjacent characters', () => {
  for (const [code] of published) {
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      const result = validateUSCC(swapped);
      assert.equal(result.ok, false, swapped);
      // Weights 3^i mod 31 guarantee detection among the 17 weighted characters.
      if (i < 16) assert.equal(result.code, 'uscc_check_digit_mismatch', swapped);
    }
  }
});

test('validateUSCC rejects wrong lengths with uscc_length_invalid', () => {
  const code = '91350100M000100Y43';
  for (const bad of [code.slice(0, 17), `${code}0`, '', '9', code.repeat(2), 'x'.repeat(400)]) {
    const result = validateUSCC(bad);
    assert.equal(result.ok ? 'ok' : result.code, 'uscc_length_invalid', bad.slice(0, 40));
  }
});

test('validateUSCC rejects characters outside its alphabet and reports where', () => {
  const result = validateUSCC('91350100M0O0100Y43');
  const found = result.ok ? 'ok' : [result.code, result.position];
  assert.deepEqual(found, ['uscc_character_invalid', 10]);
  for (const bad of ['91350100M000100Y4-', '91350100M000100Y4!', '91350100M000100Y4中']) {
    const failed = validateUSCC(bad);
    assert.equal(failed.ok ? 'ok' : failed.code, 'uscc_character_invalid', bad);
  }
});

/** Builds a code with a correct check character, so the field checks are reached. */
function withCheck(body: string): string {
  let sum = 0;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  for (let i = 0; i < 17; i++) sum += usccAlphabet.indexOf(body[i] ?? '') * (weights[i] ?? 0);
  return body + usccAlphabet[(31 - (sum % 31)) % 31];
}

test('validateUSCC checks authority, type and region once the check character matches', () => {
  const rows: [body: string, code: string][] = [
    ['B1350100M000100Y4', 'uscc_authority_unknown'],
    ['94350100M000100Y4', 'uscc_organization_type_invalid'],
    ['99350100M000100Y4', 'uscc_organization_type_invalid'],
    ['Y2350100M000100Y4', 'uscc_organization_type_invalid'],
    ['913501A0M000100Y4', 'uscc_region_invalid'],
    ['91990100M000100Y4', 'uscc_region_unknown'],
    ['91000000M000100Y4', 'uscc_region_unknown'],
    ['59350100M000100Y4', 'ok'],
    ['N3350100M000100Y4', 'ok'],
    ['Y1350100M000100Y4', 'ok'],
    ['93350100M000100Y4', 'ok'],
  ];
  for (const [body, expected] of rows) {
    const result = validateUSCC(withCheck(body));
    assert.equal(result.ok ? 'ok' : result.code, expected, body);
  }
});

test('validateUSCC knows every authority and organisation type of GB 32100 table 1', () => {
  const valid = '11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89 ' +
    '91 92 93 A1 A9 N1 N2 N3 N9 Y1';
  const invalid = '10 14 18 22 36 42 54 63 73 82 90 94 99 A2 N4 Y2 Y9 B1 C1 G1 X1 01';
  for (const pair of valid.split(' ')) {
    const result = validateUSCC(withCheck(`${pair}350100M000100Y4`));
    assert.equal(result.ok ? 'ok' : result.code, 'ok', pair);
  }
  for (const pair of invalid.split(' ')) {
    const result = validateUSCC(withCheck(`${pair}350100M000100Y4`));
    assert.notEqual(result.ok ? 'ok' : result.code, 'ok', pair);
  }
});

test('validateUSCC accepts a code whose check character is 0', () => {
  const bodies = [...usccAlphabet].map((char) => `91350100M000100${char}4`);
  const code = bodies.map(withCheck).find((candidate) => candidate.endsWith('0'));
  assert.ok(code, 'some last body character gives the check character 0');
  assert.equal(validateUSCC(code).ok, true, code);
});

test('validateUSCC reports a bad GB 11714 organisation check character without rejecting', () => {
  const result = validateUSCC(withCheck('91350100M000100Y5'));
  assert.ok(result.ok);
  assert.equal(result.value.organizationCodeCheckValid, false);
  assert.equal(organizationCodeCheckCharacter('10001686'), 'X');
  assert.equal(organizationCodeCheckCharacter('M000100Y'), '4');
});

test('validateUSCC normalises case, surrounding and grouping spaces and full-width forms', () => {
  const code = '91350100M000100Y43';
  const accepted = [
    '91350100m000100y43',
    ' 91350100M000100Y43\n',
    '\u300091350100M000100Y43\u3000',
    '９１３５０１００Ｍ０００１００Ｙ４３',
    '９１３５０１００ｍ０００１００ｙ４３',
    '91 350100 M000100Y4 3',
    '91\u3000350100M000100Y43',
  ];
  for (const input of accepted) {
    const result = validateUSCC(input);
    assert.equal(result.ok ? result.value.normalized : result.code, code, JSON.stringify(input));
  }
  for (const input of ['91  350100M000100Y43', '91-350100M000100Y43', '9135010ΟM000100Y43']) {
    const result = validateUSCC(input);
    assert.equal(result.ok ? 'ok' : result.code, 'uscc_character_invalid', input);
  }
});
