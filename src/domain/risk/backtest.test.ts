import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng } from '../../lib/prng.ts';
import { backtest, type BacktestPayment } from './backtest.ts';
import { presetRules } from './presets.ts';
import { type CompiledRuleSet, compileRuleSet, evaluate, type RuleDefinition } from './rule-set.ts';
import { benignContext, randomContext } from './sample-context.ts';

function compiled(rules: readonly RuleDefinition[]): CompiledRuleSet {
  const result = compileRuleSet(rules);
  assert.ok(result.ok);
  return result.value;
}

const live = compiled(presetRules);
/** A candidate that lowers the large-payment challenge from ¥10,000 to ¥5,000. */
const candidate = compiled(presetRules.map((r) =>
  r.id === 'amount_high' ? { ...r, version: 2, expression: 'amount > 500_000' } : r));

test('backtest counts outcomes per set and lists the payments that differ', () => {
  const payment = (paymentId: string, amountMinor: number): BacktestPayment => {
    const base = benignContext();
    const wallet = { ...base.wallet, balanceMinor: 9_000_000 };
    return { paymentId, context: { ...base, amountMinor, wallet } };
  };
  const payments = [payment('p_small', 3_850), payment('p_mid', 700_000),
    payment('p_big', 2_000_000)];
  const report = backtest(live, candidate, payments);
  assert.equal(report.payments, 3);
  assert.deepEqual(report.countsA, { allow: 2, challenge: 1, hold: 0, block: 0 });
  assert.deepEqual(report.countsB, { allow: 1, challenge: 2, hold: 0, block: 0 });
  assert.deepEqual(report.differences, [{
    paymentId: 'p_mid', outcomeA: 'allow', outcomeB: 'challenge',
    reasonCodesA: [], reasonCodesB: ['amount_high'],
  }]);
  assert.equal(report.differencesTotal, 1);
});

test('backtest agrees with live evaluation and with the shadow outcome on the same data', () => {
  const shadowed = compiled([
    ...presetRules,
    { ...presetRules.find((r) => r.id === 'amount_high')!, version: 2,
      expression: 'amount > 500_000', mode: 'shadow' },
  ]);
  const prng = createPrng(7);
  const rich = benignContext();
  const base = { ...rich, wallet: { ...rich.wallet, balanceMinor: 9_000_000 } };
  const payments = Array.from({ length: 500 }, (_, i) => ({
    paymentId: `p${i}`,
    context: i % 2 === 0 ? randomContext(prng) : { ...base, amountMinor: prng.int(1, 2_000_000) },
  }));
  const report = backtest(live, candidate, payments);
  const counts = { allow: 0, challenge: 0, hold: 0, block: 0 };
  let differing = 0;
  for (const { context } of payments) {
    const decision = evaluate(shadowed, context);
    counts[decision.outcome] += 1;
    if (decision.shadowOutcome !== evaluate(live, context).outcome) differing += 1;
    assert.equal(decision.outcome, evaluate(live, context).outcome, 'shadow never decides');
    assert.equal(decision.shadowOutcome, evaluate(candidate, context).outcome);
  }
  assert.deepEqual(report.countsA, counts);
  assert.equal(report.differencesTotal, differing);
  assert.ok(differing > 0, 'the sample exercises a difference');
});
