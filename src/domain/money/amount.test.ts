import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDecimal, parseDecimal } from './amount.ts';
import { currencyByCode } from './currency.ts';

const cny = currencyByCode('CNY')!;
const jpy = currencyByCode('JPY')!;
const kwd = currencyByCode('KWD')!;

test('formatDecimal writes minor units with the currency exponent', () => {
  const rows: [number, typeof cny, string][] = [
    [3850, cny, '38.50'],
    [5, cny, '0.05'],
    [0, cny, '0.00'],
    [500, jpy, '500'],
    [1234, kwd, '1.234'],
    [7, kwd, '0.007'],
    [-250, cny, '-2.50'],
  ];
  for (const [minor, currency, text] of rows) assert.equal(formatDecimal(minor, currency), text);
});

test('parseDecimal reads decimal strings exactly and rejects what is not one', () => {
  assert.deepEqual(parseDecimal('38.5', cny), { ok: true, value: 3850 });
  assert.deepEqual(parseDecimal('38.', cny), { ok: true, value: 3800 });
  assert.deepEqual(parseDecimal('500', jpy), { ok: true, value: 500 });
  assert.deepEqual(parseDecimal('1.234', kwd), { ok: true, value: 1234 });
  for (const bad of ['', '-1', '1e3', ' 1', '1.234', '0x10', '.5', '1,00', '１']) {
    assert.equal(parseDecimal(bad, cny).ok, false, bad);
  }
  assert.equal(parseDecimal('1.5', jpy).ok, false);
});
