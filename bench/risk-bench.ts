/**
 * Risk engine benchmark: the cost of one decision with 30 enabled live rules (the 29 presets
 * plus one operator rule) on pre-built contexts, so only rule evaluation is measured; the
 * velocity counters are read from the context, as the payment path reads them from storage.
 *   node --import tsx bench/risk-bench.ts [seconds]
 */
import { pathToFileURL } from 'node:url';
import { createPrng } from '../src/lib/prng.ts';
import {
  compileRuleSet,
  type CompiledRuleSet,
  evaluate,
  presetRules,
  type RiskContext,
  type RuleDefinition,
} from '../src/domain/risk/index.ts';
import { benignContext, randomContext } from '../src/domain/risk/sample-context.ts';

export interface RiskBenchResult {
  p50Us: number;
  p99Us: number;
  decisionsPerSecond: number;
  rules: number;
}

const extraRule: RuleDefinition = {
  id: 'mcc_gambling_night',
  name: 'Gambling-like category at night',
  version: 1,
  expression: 'merchant.mcc in ("7995", "7801", "7802") and local_hour not between 8 and 21',
  outcome: 'challenge',
  reasonCode: 'mcc_night',
  enabled: true,
  mode: 'live',
  description: 'An operator rule added to reach 30.',
};

/** Most latency samples kept (each is one number). */
const samplesMax = 2_000_000;

function benchRuleSet(): CompiledRuleSet {
  const compiled = compileRuleSet([...presetRules, extraRule]);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.failures));
  return compiled.value;
}

function contexts(count: number): RiskContext[] {
  const prng = createPrng(42);
  const base = benignContext();
  // Mostly ordinary payments (every rule is evaluated either way), some odd ones.
  return Array.from({ length: count }, (_, i) =>
    i % 4 === 0 ? randomContext(prng) : { ...base, amountMinor: prng.int(100, 300_000) });
}

function percentile(sorted: Float64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.floor(sorted.length * p));
  return sorted[index] ?? 0;
}

export async function runRiskBench(opts: { seconds: number }): Promise<RiskBenchResult> {
  const ruleSet = benchRuleSet();
  const pool = contexts(1_024);
  for (let i = 0; i < 20_000; i++) evaluate(ruleSet, pool[i % pool.length] as RiskContext);
  const samples = new Float64Array(samplesMax);
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(opts.seconds * 1e9));
  let now = started;
  while (now < deadline && count < samplesMax) {
    const context = pool[count % pool.length] as RiskContext;
    const before = process.hrtime.bigint();
    evaluate(ruleSet, context);
    now = process.hrtime.bigint();
    samples[count] = Number(now - before) / 1_000;
    count += 1;
    if ((count & 0xffff) === 0) await Promise.resolve();
  }
  const elapsedSeconds = Number(now - started) / 1e9;
  const sorted = samples.slice(0, count).sort();
  return {
    p50Us: Number(percentile(sorted, 0.5).toFixed(2)),
    p99Us: Number(percentile(sorted, 0.99).toFixed(2)),
    decisionsPerSecond: Math.round(count / elapsedSeconds),
    rules: ruleSet.live.length,
  };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const seconds = Number(process.argv[2] ?? 5) || 5;
  const result = await runRiskBench({ seconds });
  console.log(JSON.stringify(result));
}
