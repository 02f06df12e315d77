import {
  backtest,
  type BacktestPayment,
  compileRuleSet,
  type CompiledRuleSet,
  type OutcomeCounts,
  type RiskContext,
  type RuleDefinition,
} from '../../domain/risk/index.ts';
import { assert } from '../../lib/assert.ts';
import { riskBacktestDecisionsMax, riskReplayPageSize } from '../../lib/limits.ts';
import { AppError } from '../errors.ts';
import type { StoredDecision } from '../modules/risk-ports.ts';
import type { Store } from '../ports.ts';
import { definitionOf, liveRuleSet } from './rules.ts';

export interface BacktestRequest {
  /** Candidate rules: each replaces the live rule of the same id, or joins the set. */
  readonly rules: readonly Partial<RuleDefinition>[];
  /** Decisions taken in [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  /** When true the candidate set is `rules` alone, not overlaid on the live set. */
  readonly replace?: boolean;
}

function candidateDefinition(rule: Partial<RuleDefinition>): RuleDefinition {
  return {
    ...rule,
    version: rule.version ?? 1,
    enabled: rule.enabled ?? true,
    mode: 'live',
    description: rule.description ?? '',
  } as RuleDefinition;
}

/** The candidate compiles like a save would; failures name `rules[i].<field>` and the position. */
function compileCandidate(live: readonly RuleDefinition[], request: BacktestRequest) {
  const given = request.rules.map(candidateDefinition);
  const ids = new Set(given.map((r) => r.id));
  const kept = request.replace
    ? []
    : live.filter((r) => r.enabled && r.mode === 'live' && !ids.has(r.id));
  const result = compileRuleSet([...given, ...kept]);
  if (result.ok) return result.value;
  const first = result.failures[0];
  assert(first !== undefined, 'a failed compilation reports a failure');
  const field = first.param === undefined ? '' : `.${first.param}`;
  throw new AppError(first.code, first.message, {
    param: `rules[${first.ruleIndex}]${field}`,
    ...(first.position === undefined ? {} : { position: first.position }),
  });
}

async function storedDecisions(store: Store, fromMs: number, toMs: number) {
  const all: StoredDecision[] = [];
  let after: { createdAtMs: number; id: string } | null = null;
  for (;;) {
    const page = await store.read.risk.listDecisionsForReplay(fromMs, toMs, after,
      riskReplayPageSize);
    all.push(...page);
    if (all.length > riskBacktestDecisionsMax) {
      throw new AppError('risk_backtest_too_large',
        `a backtest replays at most ${riskBacktestDecisionsMax} decisions: narrow the period`);
    }
    const last = page[page.length - 1];
    if (page.length < riskReplayPageSize || last === undefined) return all;
    after = { createdAtMs: last.createdAtMs, id: last.id };
  }
}

function recordedCounts(decisions: readonly StoredDecision[]): OutcomeCounts {
  const counts: OutcomeCounts = { allow: 0, challenge: 0, hold: 0, block: 0 };
  for (const d of decisions) counts[d.outcome] += 1;
  return counts;
}

/**
 * Replays the decisions of a period — the exact contexts live evaluation saw — through the live
 * rule set and a candidate, and reports what each would have allowed, challenged, held and
 * blocked, with every decision whose outcome differs. `recorded` is what was decided then.
 */
export async function runBacktest(store: Store, request: BacktestRequest) {
  if (!(request.fromMs < request.toMs)) {
    throw new AppError('risk_backtest_period_invalid', 'from must be before to', { param: 'from' });
  }
  const live: CompiledRuleSet = await liveRuleSet(store, store.read);
  const liveDefinitions = (await store.read.risk.listRules()).map(definitionOf);
  const candidate = compileCandidate(liveDefinitions, request);
  const decisions = await storedDecisions(store, request.fromMs, request.toMs);
  const payments: BacktestPayment[] = decisions.map((d) => ({
    paymentId: d.id,
    context: JSON.parse(d.context) as RiskContext,
  }));
  const orders = new Map(decisions.map((d) => [d.id, d.orderId]));
  const report = backtest(live, candidate, payments);
  return {
    object: 'risk_backtest',
    from: new Date(request.fromMs).toISOString(),
    to: new Date(request.toMs).toISOString(),
    decisions: report.payments,
    recorded: recordedCounts(decisions),
    live: report.countsA,
    candidate: report.countsB,
    differencesTotal: report.differencesTotal,
    differences: report.differences.map((d) => ({
      decisionId: d.paymentId,
      orderId: orders.get(d.paymentId) ?? null,
      liveOutcome: d.outcomeA,
      candidateOutcome: d.outcomeB,
      liveReasonCodes: d.reasonCodesA,
      candidateReasonCodes: d.reasonCodesB,
    })),
  };
}
