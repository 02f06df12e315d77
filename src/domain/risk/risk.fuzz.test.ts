import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng, fuzzSettings, type Prng } from '../../lib/prng.ts';
import { riskAttributes, riskCatalogue, riskLists } from './catalogue.ts';
import { checkExpression } from './check-expression.ts';
import { riskErrorCodes } from './errors.ts';
import { presetRules } from './presets.ts';
import { randomContext } from './sample-context.ts';

const codes = new Set<string>(riskErrorCodes);
const names = riskAttributes.map((a) => a.name);
const pieces = [
  ...names, 'and', 'or', 'not', 'in', 'between', 'true', 'false', 'list', '(', ')', ',', '==',
  '!=', '<', '<=', '>', '>=', '+', '-', '=', '"micro"', '"business"', '"CNY"', '"', '\\', '0',
  '7', '500_000', '9007199254740993', '1.5', 'list("wallets_blocked")', 'AND', '#', '付', '\n',
  ...riskLists.map((l) => `list("${l.name}")`), 'wallet.', '.id', '_',
];

function soup(prng: Prng): string {
  const count = prng.int(0, 25);
  let out = '';
  for (let i = 0; i < count; i++) out += prng.pick(pieces) + (prng.bool(0.7) ? ' ' : '');
  return out;
}

function mutate(prng: Prng, source: string): string {
  let text = source;
  const edits = prng.int(1, 4);
  for (let i = 0; i < edits; i++) {
    const at = prng.int(0, text.length);
    const action = prng.int(0, 3);
    if (action === 0) text = text.slice(0, at) + text.slice(at + prng.int(1, 6));
    else if (action === 1) text = text.slice(0, at) + prng.pick(pieces) + text.slice(at);
    else if (action === 2) text = text.slice(0, at) + String.fromCharCode(prng.int(0, 0x7f)) +
      text.slice(at);
    else text = text.slice(at) + text.slice(0, at);
  }
  return text;
}

/** Checks one input: a typed failure with a known code and position, or a rule that runs. */
function exercise(prng: Prng, source: string): boolean {
  const result = checkExpression(source, riskCatalogue);
  if (!result.ok) {
    assert.ok(codes.has(result.code), `unknown code ${result.code}`);
    assert.ok(typeof result.position === 'number' && result.position >= 0, 'position is set');
    assert.ok(result.position <= Math.max(source.length, 2000), 'position is inside the input');
    return false;
  }
  for (let i = 0; i < 3; i++) {
    assert.equal(typeof result.value.test(randomContext(prng)), 'boolean');
  }
  return true;
}

test('rule expressions from token soup and mutated presets never throw', () => {
  const { seed, runs } = fuzzSettings(50_000);
  const prng = createPrng(seed);
  let compiled = 0;
  let input = '';
  try {
    for (let run = 0; run < runs; run++) {
      const preset = prng.pick(presetRules).expression;
      input = prng.bool() ? soup(prng) : mutate(prng, preset);
      if (exercise(prng, input)) compiled += 1;
    }
  } catch (error) {
    console.error(`risk fuzz failed: QRPAY_FUZZ_SEED=${seed} input=${JSON.stringify(input)}`);
    throw error;
  }
  assert.ok(compiled > 0, `seed ${seed}: some inputs should compile`);
});
