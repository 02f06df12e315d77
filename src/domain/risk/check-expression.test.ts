import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRiskCatalogue, riskCatalogue } from './catalogue.ts';
import { checkExpression } from './check-expression.ts';
import type { RiskContext } from './context.ts';
import { benignContext, velocity } from './sample-context.ts';

function holds(source: string, context: RiskContext = benignContext()): boolean {
  const checked = checkExpression(source, riskCatalogue);
  assert.ok(checked.ok, `${source}: ${checked.ok ? '' : checked.message}`);
  return checked.value.test(context);
}

test('checkExpression rejects unknown names, bad types and operators at their position', () => {
  const rows: [string, string, number][] = [
    ['amout > 5', 'rule_attribute_unknown', 0],
    ['amount > 5 and wallet.payments_1h.cnt >= 10', 'rule_attribute_unknown', 15],
    ['wallet.id in list("wallet_blocked")', 'rule_list_unknown', 18],
    ['amount == "5"', 'rule_type_mismatch', 10],
    ['amount and true', 'rule_type_mismatch', 0],
    ['not amount', 'rule_type_mismatch', 4],
    ['amount + 1', 'rule_type_mismatch', 0],
    ['amount > 5 and "x"', 'rule_type_mismatch', 15],
    ['amount + true > 1', 'rule_type_mismatch', 9],
    ['amount in ("a")', 'rule_type_mismatch', 11],
    ['amount in list("wallets_blocked")', 'rule_type_mismatch', 0],
    ['amount between 1 and "x"', 'rule_type_mismatch', 21],
    ['merchant.tier > "micro"', 'rule_operator_invalid', 14],
    ['true < false', 'rule_operator_invalid', 5],
    ['"a" + "b" == "ab"', 'rule_operator_invalid', 4],
    ['-merchant.id == 1', 'rule_operator_invalid', 0],
    ['merchant.id between 1 and 2', 'rule_operator_invalid', 12],
    ['merchant.tier == "mikro"', 'rule_value_invalid', 17],
    ['"nano" != merchant.tier', 'rule_value_invalid', 0],
    ['merchant.tier in ("micro", "nano")', 'rule_value_invalid', 27],
  ];
  for (const [source, code, position] of rows) {
    const result = checkExpression(source, riskCatalogue);
    assert.equal(result.ok, false, source);
    if (result.ok) continue;
    assert.deepEqual([result.code, result.position], [code, position], source);
  }
});

test('checkExpression suggests the nearest attribute or list name', () => {
  const attribute = checkExpression('wallet.payments_1h.cnt >= 10', riskCatalogue);
  assert.match(attribute.ok ? '' : attribute.message, /wallet\.payments_1h\.count/);
  const list = checkExpression('ip in list("ip_blocked")', riskCatalogue);
  assert.match(list.ok ? '' : list.message, /ips_blocked/);
});

test('checkExpression accepts lists an operator added to the catalogue', () => {
  const source = 'merchant.id in list("merchants_watch")';
  assert.equal(checkExpression(source, riskCatalogue).ok, false);
  const catalogue = createRiskCatalogue([
    { name: 'merchants_watch', type: 'string', description: 'watched' },
  ]);
  const checked = checkExpression(source, catalogue);
  assert.ok(checked.ok);
  assert.deepEqual(checked.value.lists, ['merchants_watch']);
  assert.deepEqual(checked.value.attributes, ['merchant.id']);
});

test('a checked expression evaluates comparisons, arithmetic and logic on the context', () => {
  const base = benignContext(); // amount 3850, hour 14, business, wallet_device known
  const rows: [string, boolean][] = [
    ['amount == 3_850', true],
    ['amount != 3850', false],
    ['amount > 3850 or amount < 3850', false],
    ['amount >= 3850 and amount <= 3850', true],
    ['amount - 850 == 3000 and -amount < 0', true],
    ['wallet.balance - amount > 246_000', true],
    ['local_hour between 14 and 14', true],
    ['local_hour between 15 and 20', false],
    ['local_hour not between 0 and 5', true],
    ['merchant.tier == "business" and currency == "CNY"', true],
    ['merchant.mcc in ("5411", "5814")', true],
    ['merchant.mcc not in ("5411")', true],
    ['wallet_device.known', true],
    ['not wallet_device.known or false', false],
    ['wallet_device.known == true and wallet_device.known != false', true],
    ['wallet.payments_24h.sum == 12000 and wallet.payments_24h.count == 3', true],
    ['merchant.payments_24h.sum > 0 and wallet_merchant.payments_24h.count == 1', true],
  ];
  for (const [source, expected] of rows) assert.equal(holds(source, base), expected, source);
});

test('list membership reads the context lists and treats a missing list as empty', () => {
  const source = 'wallet.id in list("wallets_blocked")';
  const base = benignContext();
  assert.equal(holds(source, base), false);
  const listed = { ...base, lists: { wallets_blocked: ['wal_x', 'wal_alice'] } };
  assert.equal(holds(source, listed), true);
  assert.equal(holds(source, { ...base, lists: { devices_blocked: ['wal_alice'] } }), false);
  assert.equal(holds('wallet.id not in list("wallets_blocked")', base), true);
  const proto = { ...base, lists: {} };
  const catalogue = createRiskCatalogue([{ name: 'constructor', type: 'string', description: '' }]);
  const checked = checkExpression('wallet.id in list("constructor")', catalogue);
  assert.ok(checked.ok);
  assert.equal(checked.value.test(proto), false, 'inherited object keys are not lists');
});

test('velocity windows are read from the matching scope and window', () => {
  const base = benignContext();
  const context = { ...base, device: { ...base.device, payments: velocity(4, 9, 30, 60_000) } };
  assert.equal(holds('device.payments_1m.count == 4 and device.payments_1h.count == 9', context),
    true);
  assert.equal(holds('device.payments_24h.sum == 60_000', context), true);
  assert.equal(holds('wallet.payments_1m.count == 4', context), false);
});
