import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng, fuzzSettings, type Prng } from '../../lib/prng.ts';
import type { Result } from '../../lib/result.ts';
import { validateBankCard } from './bank-card.ts';
import { validateEmail } from './email.ts';
import { kycErrorCodes } from './errors.ts';
import { validatePhone } from './phone.ts';
import { validateResidentId } from './resident-id.ts';
import { validateUSCC } from './uscc.ts';

const codes = new Set<string>(kycErrorCodes);
const today = { year: 2025, month: 6, day: 15 };

interface Target {
  readonly name: string;
  readonly check: (input: string) => Result<{ normalized: string }, string>;
  /** The canonical shape every normalized value must have. */
  readonly canonical: RegExp;
  readonly seeds: readonly string[];
}

const targets: readonly Target[] = [
  {
    name: 'uscc',
    check: validateUSCC,
    canonical: /^[0-9A-HJ-NPQRTUW-Y]{18}$/,
    seeds: ['91350100M000100Y43', '9144030071526726XG', '91100000100003962T'],
  },
  {
    name: 'resident-id',
    check: (input) => validateResidentId(input, today),
    canonical: /^[0-9]{17}[0-9X]$/,
    seeds: ['11010519491231002X', '440305199001010010', '110105 19491231 002x'],
  },
  {
    name: 'bank-card',
    check: validateBankCard,
    canonical: /^[0-9]{16,19}$/,
    seeds: ['4111111111111111', '6205500000000000004', '6200 0000 0000 0005'],
  },
  {
    name: 'phone',
    check: validatePhone,
    canonical: /^1[3-9][0-9]{9}$/,
    seeds: ['13800138000', '+86 138-0013-8000', '19912345678'],
  },
  {
    name: 'email',
    check: validateEmail,
    canonical: /^[^@\s]{1,64}@[a-z0-9.-]{3,253}$/,
    seeds: ['merchant@example.com', 'Li.Wei+shop@Example.COM.CN', 'a@b.cn'],
  },
];

const pieces = [
  ...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz',
  ' ', '\u3000', '\t', '-', '－', '+', '＋', '@', '＠', '.', '..', 'Ｘ', 'ｘ', '１', '９', 'Ｍ',
  '\u00a0', '\u200b', '\ufeff', 'ß', 'ﬀ', '\u212a', '①', '中', '😀', '\ud800', '"', '+86', '86',
];

function soup(prng: Prng): string {
  let out = '';
  const count = prng.int(0, 30);
  for (let i = 0; i < count; i++) out += prng.pick(pieces);
  return out;
}

function mutate(prng: Prng, source: string): string {
  let text = source;
  const edits = prng.int(1, 3);
  for (let i = 0; i < edits; i++) {
    const at = prng.int(0, text.length);
    const action = prng.int(0, 3);
    if (action === 0) text = text.slice(0, at) + text.slice(at + 1);
    else if (action === 1) text = text.slice(0, at) + prng.pick(pieces) + text.slice(at);
    else if (action === 2) text = text.slice(0, at) + prng.pick(pieces) + text.slice(at + 1);
    else text = text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) +
      text.slice(at + 2);
  }
  return text;
}

/** A typed failure with a catalogued code, or a canonical value that re-validates to itself. */
function exercise(target: Target, input: string): boolean {
  const result = target.check(input);
  if (!result.ok) {
    assert.ok(codes.has(result.code), `unknown code ${result.code}`);
    assert.ok(result.code.startsWith(target.name.replace('-', '_')), result.code);
    assert.ok(result.message.length > 0, 'a failure has a message');
    return false;
  }
  const { normalized } = result.value;
  assert.match(normalized, target.canonical);
  assert.deepEqual(target.check(normalized), result, 'the normalized form re-validates to itself');
  return true;
}

test('random and mutated inputs never throw and normalize to fixed points', () => {
  const { seed, runs } = fuzzSettings(20_000);
  const prng = createPrng(seed);
  let input = '';
  try {
    for (const target of targets) {
      let valid = 0;
      for (let run = 0; run < runs; run++) {
        input = prng.bool(0.3) ? soup(prng) : mutate(prng, prng.pick(target.seeds));
        if (exercise(target, input)) valid += 1;
      }
      assert.ok(valid > 0, `${target.name}: some mutated inputs stay valid`);
    }
  } catch (error) {
    console.error(`kyc fuzz failed: QRPAY_FUZZ_SEED=${seed} input=${JSON.stringify(input)}`);
    throw error;
  }
});
