import { type Decision, evaluate, type RiskContext } from '../../domain/risk/index.ts';
import { riskChallengeTtlMs } from '../../lib/limits.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { DecisionResult } from '../modules/risk-ports.ts';
import type { WriteTx } from '../ports.ts';
import { buildRiskContext, type ContextInput } from './context.ts';
import { liveRuleSet } from './rules.ts';

/** What the payment path must do, decided inside the payment's transaction. */
export type RiskVerdict =
  | { readonly kind: 'proceed'; readonly held: boolean; readonly decisionId: string }
  | {
      readonly kind: 'blocked';
      readonly decisionId: string;
      readonly reasonCodes: readonly string[];
    }
  | {
      readonly kind: 'challenged';
      readonly decisionId: string;
      readonly challengeId: string;
      readonly expiresAtMs: number;
      readonly reasonCodes: readonly string[];
    };

export interface AssessInput extends ContextInput {
  /** The challenge the wallet answers by sending the password again with it. */
  readonly challengeId?: string | undefined;
}

/** A challenge answers only its own wallet's retry of the same order, once, before it expires. */
async function answerChallenge(tx: WriteTx, input: AssessInput, challengeId: string) {
  const challenge = await tx.risk.getChallenge(challengeId);
  if (!challenge || challenge.walletId !== input.wallet.id ||
    challenge.orderId !== input.order.id || challenge.status !== 'pending') {
    throw new AppError('risk_challenge_invalid', 'the challenge is unknown or already answered', {
      param: 'challengeId',
    });
  }
  if (input.nowMs >= challenge.expiresAtMs) {
    throw new AppError('risk_challenge_expired', 'the challenge expired: pay again', {
      param: 'challengeId',
    });
  }
  const won = await tx.risk.answerChallenge(challengeId, input.nowMs);
  if (!won) throw new AppError('risk_challenge_invalid', 'the challenge was already answered');
}

function resultOf(decision: Decision, answered: boolean): DecisionResult {
  switch (decision.outcome) {
    case 'block':
      return 'blocked';
    case 'hold':
      return 'held';
    case 'challenge':
      return answered ? 'paid' : 'challenged';
    default:
      return 'paid';
  }
}

async function recordDecision(
  tx: WriteTx,
  ids: { decisionId: string; challengeId: string | null },
  input: AssessInput,
  evaluated: { context: RiskContext; decision: Decision; result: DecisionResult },
) {
  const { context, decision, result } = evaluated;
  await tx.risk.insertDecision({
    id: ids.decisionId,
    orderId: input.order.id,
    walletId: input.wallet.id,
    merchantId: input.merchant.id,
    deviceId: input.signals.deviceId,
    ip: input.signals.ip,
    amountMinor: input.order.amountMinor,
    currency: input.order.currency,
    outcome: decision.outcome,
    result,
    reasonCodes: decision.reasonCodes,
    matchedRules: decision.matchedRules,
    shadowMatches: decision.shadowMatches,
    shadowOutcome: decision.shadowOutcome,
    challengeId: ids.challengeId,
    context: JSON.stringify(context),
    createdAtMs: input.nowMs,
  });
}

/**
 * Builds the context, evaluates the live rule set (shadow rules beside it) and records the
 * decision with every match and the exact context, all in the payment's transaction. A block or
 * a challenge is returned, not thrown, so the decision (and the challenge) commit with it.
 */
export async function assessPayment(
  deps: AppDeps,
  tx: WriteTx,
  input: AssessInput,
): Promise<RiskVerdict> {
  const answered = input.challengeId !== undefined;
  if (input.challengeId !== undefined) await answerChallenge(tx, input, input.challengeId);
  const [context, rules] = await Promise.all([buildRiskContext(tx, input), liveRuleSet(deps.store, tx)]);
  const decision = evaluate(rules, context);
  const result = resultOf(decision, answered);
  const decisionId = deps.ids.id('rdc');
  const challengeId = result === 'challenged' ? deps.ids.id('chl') : (input.challengeId ?? null);
  await recordDecision(tx, { decisionId, challengeId }, input, { context, decision, result });
  const { reasonCodes } = decision;
  if (result === 'blocked') return { kind: 'blocked', decisionId, reasonCodes };
  if (result === 'challenged' && challengeId !== null) {
    const expiresAtMs = input.nowMs + riskChallengeTtlMs;
    await tx.risk.insertChallenge({
      id: challengeId, orderId: input.order.id, walletId: input.wallet.id, decisionId,
      status: 'pending', expiresAtMs, createdAtMs: input.nowMs, answeredAtMs: null,
    });
    return { kind: 'challenged', decisionId, challengeId, expiresAtMs, reasonCodes };
  }
  return { kind: 'proceed', held: result === 'held', decisionId };
}
