import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RiskContext } from './context.ts';
import { riskErrorCodes } from './errors.ts';
import { rulesPerSetMax } from './limits.ts';
import {
  type CompiledRuleSet,
  compileRuleSet,
  evaluate,
  type RuleDefinition,
  type RuleOutcome,
} from './rule-set.ts';
import { benignContext } from './sample-context.ts';

function rule(
  id: string,
  outcome: RuleOutcome,
  expression: string,
  extra: Partial<RuleDefinition> = {},
): RuleDefinition {
  return {
    id,
    name: id,
    version: 1,
    expression,
    outcome,
    reasonCode: `${id}_reason`,
    enabled: true,
    mode: 'live',
    description: '',
    ...extra,
  };
}

function compiled(rules: readonly RuleDefinition[]): CompiledRuleSet {
  const result = compileRuleSet(rules);
  assert.ok(result.ok, JSON.stringify(result.ok ? null : result.failures));
  return result.value;
}

const big: RiskContext = { ...benignContext(), amountMinor: 900_000 };

test('evaluate allows with no reasons when no rule matches', () => {
  const set = compiled([rule('r_block', 'block', 'amount > 1_000_000')]);
  assert.deepEqual(evaluate(set, benignContext()), {
    outcome: 'allow', reasonCodes: [], matchedRules: [], shadowMatches: [], shadowOutcome: 'allow',
  });
});

test('evaluate orders outcomes allow, block, hold, challenge and records every match', () => {
  const set = compiled([
    rule('r_challenge', 'challenge', 'amount > 100'),
    rule('r_hold', 'hold', 'amount > 100'),
    rule('r_block', 'block', 'amount > 100'),
    rule('r_block2', 'block', 'amount > 1_000_000'),
  ]);
  const decision = evaluate(set, big);
  assert.equal(decision.outcome, 'block');
  assert.deepEqual(decision.reasonCodes, ['r_block_reason']);
  assert.deepEqual(decision.matchedRules.map((m) => m.id), ['r_block', 'r_hold', 'r_challenge']);
  assert.deepEqual(decision.matchedRules[0], {
    id: 'r_block', version: 1, outcome: 'block', reasonCode: 'r_block_reason',
  });
  const withAllow = compiled([
    rule('r_block', 'block', 'amount > 100'),
    rule('r_allow', 'allow', 'wallet.id == "wal_alice"'),
  ]);
  const allowed = evaluate(withAllow, big);
  assert.equal(allowed.outcome, 'allow', 'an allow match wins');
  assert.deepEqual(allowed.reasonCodes, ['r_allow_reason']);
  assert.deepEqual(allowed.matchedRules.map((m) => m.id), ['r_allow', 'r_block']);
});

test('evaluate takes hold over challenge and lists distinct reason codes of the outcome', () => {
  const set = compiled([
    rule('c1', 'challenge', 'amount > 100'),
    rule('h1', 'hold', 'amount > 100', { reasonCode: 'shared' }),
    rule('h2', 'hold', 'amount > 200', { reasonCode: 'shared' }),
    rule('h3', 'hold', 'amount > 300'),
  ]);
  const decision = evaluate(set, big);
  assert.equal(decision.outcome, 'hold');
  assert.deepEqual(decision.reasonCodes, ['shared', 'h3_reason']);
  assert.equal(evaluate(compiled([rule('c1', 'challenge', 'amount > 100')]), big).outcome,
    'challenge');
});

test('shadow rules are recorded but never change the outcome', () => {
  const set = compiled([
    rule('cap', 'challenge', 'amount > 1_000_000'),
    rule('cap', 'block', 'amount > 500_000', { version: 2, mode: 'shadow' }),
    rule('shadow_allow', 'allow', 'true', { mode: 'shadow' }),
  ]);
  const decision = evaluate(set, big);
  assert.equal(decision.outcome, 'allow');
  assert.deepEqual(decision.matchedRules, []);
  assert.deepEqual(decision.shadowMatches.map((m) => [m.id, m.version]),
    [['shadow_allow', 1], ['cap', 2]]);
  assert.equal(decision.shadowOutcome, 'allow');
});

test('shadowOutcome swaps a shadow version in for the live version of the same rule', () => {
  const set = compiled([
    rule('cap', 'challenge', 'amount > 100'),
    rule('cap', 'hold', 'amount > 1_000_000', { version: 2, mode: 'shadow' }),
    rule('other', 'challenge', 'amount > 100_000'),
  ]);
  const decision = evaluate(set, big);
  assert.equal(decision.outcome, 'challenge');
  assert.deepEqual(decision.shadowMatches, []);
  assert.equal(decision.shadowOutcome, 'challenge', 'other still matches');
  const lone = compiled([
    rule('cap', 'challenge', 'amount > 100'),
    rule('cap', 'hold', 'amount > 1_000_000', { version: 2, mode: 'shadow' }),
  ]);
  assert.equal(evaluate(lone, big).shadowOutcome, 'allow', 'v2 would let it through');
});

test('disabled rules are checked but not evaluated', () => {
  const set = compiled([rule('off', 'block', 'amount > 1', { enabled: false })]);
  assert.equal(set.rules.length, 1);
  assert.equal(evaluate(set, big).outcome, 'allow');
  const broken = compileRuleSet([rule('off', 'block', 'amount >', { enabled: false })]);
  assert.equal(broken.ok, false);
});

test('compileRuleSet reports every failing rule with its index, field and position', () => {
  const result = compileRuleSet([
    rule('good', 'block', 'amount > 1'),
    rule('bad_expr', 'block', 'amount > "x"'),
    rule('Bad-Id', 'block', 'amount > 1'),
    { ...rule('bad_outcome', 'block', 'true'), outcome: 'deny' as RuleOutcome },
    rule('good', 'hold', 'true'),
    rule('good', 'hold', 'true', { version: 2 }),
  ]);
  assert.equal(result.ok, false);
  if (result.ok) return;
  const summary = result.failures.map((f) => [f.ruleIndex, f.ruleId, f.code, f.param, f.position]);
  assert.deepEqual(summary, [
    [1, 'bad_expr', 'rule_type_mismatch', 'expression', 9],
    [2, 'Bad-Id', 'rule_definition_invalid', 'id', undefined],
    [3, 'bad_outcome', 'rule_definition_invalid', 'outcome', undefined],
    [4, 'good', 'rule_id_duplicate', 'id', undefined],
    [5, 'good', 'rule_id_duplicate', 'id', undefined],
  ]);
});

test('compileRuleSet checks rule fields in a fixed order', () => {
  const base = rule('r', 'block', 'true');
  const rows: [Record<string, unknown>, string][] = [
    [{ version: 0 }, 'version'],
    [{ version: 1.5 }, 'version'],
    [{ name: '  ' }, 'name'],
    [{ expression: 5 }, 'expression'],
    [{ reasonCode: 'Has Space' }, 'reasonCode'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ mode: 'dry' }, 'mode'],
    [{ description: 'x'.repeat(3000) }, 'description'],
    [{ id: 'x', version: 0, name: '' }, 'version'],
  ];
  for (const [patch, param] of rows) {
    const result = compileRuleSet([{ ...base, ...patch } as RuleDefinition]);
    assert.equal(result.ok, false, param);
    if (result.ok) continue;
    assert.deepEqual([result.failures[0]?.code, result.failures[0]?.param],
      ['rule_definition_invalid', param]);
  }
  const tooMany = compileRuleSet(Array.from({ length: rulesPerSetMax + 1 }, (_, i) =>
    rule(`r${i}`, 'block', 'true')));
  assert.equal(tooMany.ok ? null : tooMany.failures[0]?.code, 'rule_set_too_large');
});

test('riskErrorCodes lists each code once, all snake_case and prefixed rule_', () => {
  assert.equal(new Set(riskErrorCodes).size, riskErrorCodes.length);
  for (const code of riskErrorCodes) assert.match(code, /^rule_[a-z]+(_[a-z]+)+$/);
});
