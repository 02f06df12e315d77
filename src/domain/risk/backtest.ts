import type { RiskContext } from './context.ts';
import { backtestDifferencesMax } from './limits.ts';
import { type CompiledRuleSet, type RuleOutcome, evaluate } from './rule-set.ts';

/** One stored payment replayed in a backtest: its id and the context it was decided with. */
export interface BacktestPayment {
  readonly paymentId: string;
  readonly context: RiskContext;
}

export type OutcomeCounts = Record<RuleOutcome, number>;

export interface BacktestDifference {
  readonly paymentId: string;
  readonly outcomeA: RuleOutcome;
  readonly outcomeB: RuleOutcome;
  readonly reasonCodesA: readonly string[];
  readonly reasonCodesB: readonly string[];
}

export interface BacktestReport {
  readonly payments: number;
  readonly countsA: OutcomeCounts;
  readonly countsB: OutcomeCounts;
  /** Every payment whose outcome differs, up to `backtestDifferencesMax`. */
  readonly differences: readonly BacktestDifference[];
  /** All differing payments, including any beyond the listed ones. */
  readonly differencesTotal: number;
}

function zero(): OutcomeCounts {
  return { allow: 0, challenge: 0, hold: 0, block: 0 };
}

/**
 * Replays payments through two rule sets (typically the live set and a candidate) and reports
 * what each would have decided. Pure: it uses exactly `evaluate`, so a backtest agrees with live
 * evaluation on the same contexts. Only live rules decide; shadow rules do not count here, so
 * compile a candidate with mode 'live' to backtest it.
 */
export function backtest(
  a: CompiledRuleSet,
  b: CompiledRuleSet,
  payments: readonly BacktestPayment[],
): BacktestReport {
  const countsA = zero();
  const countsB = zero();
  const differences: BacktestDifference[] = [];
  let differencesTotal = 0;
  for (const { paymentId, context } of payments) {
    const decisionA = evaluate(a, context);
    const decisionB = evaluate(b, context);
    countsA[decisionA.outcome] += 1;
    countsB[decisionB.outcome] += 1;
    if (decisionA.outcome === decisionB.outcome) continue;
    differencesTotal += 1;
    if (differences.length >= backtestDifferencesMax) continue;
    differences.push({
      paymentId,
      outcomeA: decisionA.outcome,
      outcomeB: decisionB.outcome,
      reasonCodesA: decisionA.reasonCodes,
      reasonCodesB: decisionB.reasonCodes,
    });
  }
  return { payments: payments.length, countsA, countsB, differences, differencesTotal };
}
