import type { RiskContext } from '../../domain/risk/index.ts';
import type {
  Hold,
  ListEntry,
  RiskChange,
  StoredDecision,
  StoredRule,
} from '../modules/risk-ports.ts';

/** The wire shapes of the risk API: ISO times, parsed JSON, no storage details. */
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function ruleView(rule: StoredRule) {
  const { createdAtMs, ...rest } = rule;
  return { object: 'risk_rule', ...rest, createdAt: iso(createdAtMs) };
}

export function changeView(change: RiskChange) {
  return {
    object: 'risk_change',
    id: change.id,
    subjectKind: change.subjectKind,
    subject: change.subject,
    version: change.version,
    action: change.action,
    actor: change.actor,
    detail: JSON.parse(change.detail) as unknown,
    createdAt: iso(change.createdAtMs),
  };
}

export function entryView(entry: ListEntry) {
  return {
    object: 'risk_list_entry',
    list: entry.listName,
    value: entry.value,
    note: entry.note,
    createdBy: entry.createdBy,
    createdAt: iso(entry.createdAtMs),
  };
}

export function decisionView(d: StoredDecision, withContext: boolean) {
  return {
    object: 'risk_decision',
    id: d.id,
    orderId: d.orderId,
    walletId: d.walletId,
    merchantId: d.merchantId,
    deviceId: d.deviceId,
    ip: d.ip,
    amount: d.amountMinor,
    currency: d.currency,
    outcome: d.outcome,
    result: d.result,
    reasonCodes: d.reasonCodes,
    matchedRules: d.matchedRules,
    shadowMatches: d.shadowMatches,
    shadowOutcome: d.shadowOutcome,
    challengeId: d.challengeId,
    createdAt: iso(d.createdAtMs),
    ...(withContext ? { context: JSON.parse(d.context) as RiskContext } : {}),
  };
}

export function holdView(hold: Hold, decision: StoredDecision | undefined) {
  return {
    object: 'risk_hold',
    orderId: hold.orderId,
    merchantId: hold.merchantId,
    walletId: hold.walletId,
    currency: hold.currency,
    status: hold.status,
    releasedAmount: hold.releasedMinor,
    createdAt: iso(hold.createdAtMs),
    resolvedBy: hold.resolvedBy,
    resolvedAt: iso(hold.resolvedAtMs),
    decision: decision === undefined ? null : decisionView(decision, false),
  };
}
