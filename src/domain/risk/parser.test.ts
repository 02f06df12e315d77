import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expression } from './ast.ts';
import { expressionLengthMax, nestingDepthMax } from './limits.ts';
import { parseExpression } from './parser.ts';

/** A compact rendering of a tree, to assert precedence and associativity. */
function show(node: Expression): string {
  switch (node.kind) {
    case 'integer':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return String(node.value);
    case 'attribute':
      return node.name;
    case 'logical':
      return `(${node.operands.map(show).join(` ${node.operator} `)})`;
    case 'not':
      return `(not ${show(node.operand)})`;
    case 'negate':
      return `(-${show(node.operand)})`;
    case 'arithmetic':
    case 'compare':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case 'in': {
      const set = node.set.kind === 'list' ? `list(${node.set.name})` :
        `[${node.set.items.map(show).join(',')}]`;
      return `(${show(node.subject)}${node.negated ? ' not' : ''} in ${set})`;
    }
    case 'between':
      return `(${show(node.subject)}${node.negated ? ' not' : ''} between ` +
        `${show(node.low)} and ${show(node.high)})`;
  }
}

function parsed(source: string): string {
  const result = parseExpression(source);
  assert.ok(result.ok, `${source}: ${result.ok ? '' : result.message}`);
  return show(result.value);
}

test('parseExpression gives and precedence over or, and not binds tighter than and', () => {
  const rows: [string, string][] = [
    ['a or b and c', '(a or (b and c))'],
    ['(a or b) and c', '((a or b) and c)'],
    ['not a and b', '((not a) and b)'],
    ['not not a', '(not (not a))'],
    ['a and b and c or d', '((a and b and c) or d)'],
  ];
  for (const [source, tree] of rows) assert.equal(parsed(source), tree, source);
});

test('parseExpression reads comparisons, arithmetic, sets and between', () => {
  const rows: [string, string][] = [
    ['amount > 500_000 and merchant.tier == "micro"',
      '((amount > 500000) and (merchant.tier == "micro"))'],
    ['wallet.payments_1h.count >= 10', '(wallet.payments_1h.count >= 10)'],
    ['a.b - 1 - 2 < 3', '(((a.b - 1) - 2) < 3)'],
    ['- -amount <= -5', '((-(-amount)) <= (-5))'],
    ['wallet.id in list("wallets_blocked")', '(wallet.id in list(wallets_blocked))'],
    ['wallet.id not in list("x")', '(wallet.id not in list(x))'],
    ['merchant.mcc in ("5814", "5411")', '(merchant.mcc in ["5814","5411"])'],
    ['amount in (1, -2)', '(amount in [1,-2])'],
    ['local_hour between 0 and 5 and amount > 1',
      '((local_hour between 0 and 5) and (amount > 1))'],
    ['local_hour not between 6 and 21', '(local_hour not between 6 and 21)'],
    ['"say \\"hi\\" \\\\" == x', '("say \\"hi\\" \\\\" == x)'],
    ['"付款" != x', '("付款" != x)'],
    ['true', 'true'],
  ];
  for (const [source, tree] of rows) assert.equal(parsed(source), tree, source);
});

test('parseExpression records the position of every node', () => {
  const result = parseExpression('amount > 5 and  wallet.id == "w"');
  assert.ok(result.ok);
  const tree = result.value;
  assert.equal(tree.kind, 'logical');
  if (tree.kind !== 'logical') return;
  const [left, right] = tree.operands;
  assert.equal(left?.position, 7); // the ">"
  assert.equal(right?.kind === 'compare' && right.left.position, 16);
  assert.equal(right?.kind === 'compare' && right.right.position, 29);
});

test('parseExpression rejects bad syntax with a stable code and the exact position', () => {
  const rows: [string, string, number][] = [
    ['', 'rule_syntax_invalid', 0],
    ['   ', 'rule_syntax_invalid', 0],
    ['amount >', 'rule_syntax_invalid', 8],
    ['amount = 5', 'rule_syntax_invalid', 7],
    ["merchant.tier == 'micro'", 'rule_syntax_invalid', 17],
    ['amount > 5 5', 'rule_syntax_invalid', 11],
    ['(amount > 5', 'rule_syntax_invalid', 11],
    ['amount > 5)', 'rule_syntax_invalid', 10],
    ['amount > 1.5', 'rule_syntax_invalid', 9],
    ['amount > 1e3', 'rule_syntax_invalid', 9],
    ['amount > 5__0', 'rule_syntax_invalid', 9],
    ['amount > 5_', 'rule_syntax_invalid', 9],
    ['amount > 99999999999999999', 'rule_value_invalid', 9],
    ['x == "abc', 'rule_syntax_invalid', 5],
    ['"a\\n" == "b"', 'rule_syntax_invalid', 2],
    ['amount > 5 AND x', 'rule_syntax_invalid', 11],
    ['amount < 5 < 6', 'rule_syntax_invalid', 11],
    ['1 == 1 == 1', 'rule_syntax_invalid', 7],
    ['amount not > 5', 'rule_syntax_invalid', 11],
    ['wallet.id in blocklist("wallets")', 'rule_function_unknown', 13],
    ['foo(1) > 2', 'rule_function_unknown', 0],
    ['wallet.id in list(wallets)', 'rule_syntax_invalid', 18],
    ['amount between 1', 'rule_syntax_invalid', 16],
    ['amount > 5 and', 'rule_syntax_invalid', 14],
    ['amount in ()', 'rule_syntax_invalid', 11],
    ['amount > 5 # c', 'rule_syntax_invalid', 11],
    ['wallet..id == "a"', 'rule_syntax_invalid', 6],
    ['x in list("l") == true', 'rule_syntax_invalid', 15],
  ];
  for (const [source, code, position] of rows) {
    const result = parseExpression(source);
    assert.equal(result.ok, false, source);
    if (result.ok) continue;
    assert.deepEqual([result.code, result.position], [code, position], source);
    assert.ok(result.message.length > 0);
  }
});

test('parseExpression bounds length and nesting depth', () => {
  const long = `amount > ${'1'.repeat(10)}`.padEnd(expressionLengthMax + 1, ' ');
  const tooLong = parseExpression(long);
  assert.deepEqual(tooLong.ok ? null : [tooLong.code, tooLong.position],
    ['rule_expression_too_long', expressionLengthMax]);
  assert.equal(parseExpression(long.slice(0, expressionLengthMax)).ok, true);

  const nested = (n: number): string => `${'('.repeat(n)}true${')'.repeat(n)}`;
  assert.equal(parseExpression(nested(nestingDepthMax)).ok, true);
  const deep = parseExpression(nested(nestingDepthMax + 1));
  assert.deepEqual(deep.ok ? null : [deep.code, deep.position],
    ['rule_nesting_too_deep', nestingDepthMax]);
  const nots = parseExpression(`${'not '.repeat(nestingDepthMax + 1)}true`);
  assert.equal(nots.ok ? null : nots.code, 'rule_nesting_too_deep');
});
