/**
 * Typed helpers and wire types for the operator's risk and webhook endpoints
 * (src/http/routes-risk.ts, src/http/routes-webhooks.ts; docs/risk.md, docs/webhooks.md).
 * They wrap a client's `request`, so the caller's key and fetch (retries, headers) apply.
 */
import type { QrpayClient } from './client.ts';
import type { ListPage } from './types.ts';

export type RuleOutcome = 'allow' | 'challenge' | 'hold' | 'block';
export type RuleMode = 'live' | 'shadow';
export type DecisionResult = 'paid' | 'held' | 'blocked' | 'challenged';
export type HoldStatus = 'held' | 'released' | 'refunded';

export const ruleOutcomes: readonly RuleOutcome[] = ['allow', 'challenge', 'hold', 'block'];
export const decisionResults: readonly DecisionResult[] = ['paid', 'held', 'blocked', 'challenged'];

export interface RiskRuleView {
  object: 'risk_rule';
  id: string;
  name: string;
  version: number;
  expression: string;
  outcome: RuleOutcome;
  reasonCode: string;
  enabled: boolean;
  mode: RuleMode;
  description: string;
  createdBy: string;
  createdAt: string | null;
}

export interface NewRiskRule {
  id: string;
  name: string;
  expression: string;
  outcome: string;
  reasonCode: string;
  description?: string;
  enabled?: boolean;
  mode?: RuleMode;
}

export interface RiskChangeView {
  object: 'risk_change';
  id: number;
  subjectKind: 'rule' | 'list';
  subject: string;
  version: number | null;
  action: string;
  actor: string;
  detail: unknown;
  createdAt: string | null;
}

export interface RiskListView {
  object: 'risk_list';
  name: string;
  description: string;
  entries: number;
}

export interface RiskListEntryView {
  object: 'risk_list_entry';
  list: string;
  value: string;
  note: string;
  createdBy: string;
  createdAt: string | null;
}

export interface RuleMatchView {
  id: string;
  version: number;
  outcome: RuleOutcome;
  reasonCode: string;
}

export interface RiskDecisionView {
  object: 'risk_decision';
  id: string;
  orderId: string;
  walletId: string;
  merchantId: string;
  deviceId: string;
  ip: string;
  amount: number;
  currency: string;
  outcome: RuleOutcome;
  result: DecisionResult;
  reasonCodes: string[];
  matchedRules: RuleMatchView[];
  shadowMatches: RuleMatchView[];
  shadowOutcome: RuleOutcome;
  challengeId: string | null;
  createdAt: string | null;
  context?: Record<string, unknown>;
}

export interface RiskHoldView {
  object: 'risk_hold';
  orderId: string;
  merchantId: string;
  walletId: string;
  currency: string;
  status: HoldStatus;
  releasedAmount: number;
  createdAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  decision: RiskDecisionView | null;
}

export type OutcomeCounts = Record<RuleOutcome, number>;

export interface BacktestDifference {
  decisionId: string;
  orderId: string | null;
  liveOutcome: RuleOutcome;
  candidateOutcome: RuleOutcome;
  liveReasonCodes: string[];
  candidateReasonCodes: string[];
}

export interface BacktestReport {
  object: 'risk_backtest';
  from: string;
  to: string;
  decisions: number;
  recorded: OutcomeCounts;
  live: OutcomeCounts;
  candidate: OutcomeCounts;
  differencesTotal: number;
  differences: BacktestDifference[];
}

export interface BacktestRequest {
  rules: object[];
  from: string;
  to: string;
  replace?: boolean;
}

/** Filters of the decisions view; empty or undefined values are left out of the query. */
export interface DecisionQuery {
  outcome?: string | undefined;
  result?: string | undefined;
  walletId?: string | undefined;
  merchantId?: string | undefined;
  orderId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export const webhookEventTypes = [
  'order.created', 'order.scanned', 'order.paid', 'order.closed', 'order.expired',
  'refund.succeeded',
] as const;

export interface WebhookEndpointView {
  id: string;
  object: 'webhook_endpoint';
  merchantId: string;
  url: string;
  events: string[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string | null;
}

export interface WebhookAttemptView {
  attempt: number;
  at: string | null;
  statusCode: number | null;
  latencyMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  object: 'webhook_delivery';
  endpointId: string;
  eventId: string;
  eventType: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string | null;
  completedAt: string | null;
  attemptLog: WebhookAttemptView[];
}

function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') search.set(k, String(v));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const seg = encodeURIComponent;

/** The operator's risk helpers over a client made with the operator key. */
export function riskApi(client: QrpayClient) {
  const r = client.request;
  return {
    listRules: () => r<ListPage<RiskRuleView> & { revision: number }>('GET', '/v1/risk/rules'),
    ruleVersions: (id: string) => r<ListPage<RiskRuleView>>('GET', `/v1/risk/rules/${seg(id)}`),
    saveRule: (rule: NewRiskRule) =>
      r<RiskRuleView & { disabledVersions: number[] }>('POST', '/v1/risk/rules', rule),
    setRuleState: (id: string, version: number, patch: { enabled?: boolean; mode?: RuleMode }) =>
      r<RiskRuleView>('POST', `/v1/risk/rules/${seg(id)}/versions/${version}`, patch),
    changes: (q: { subject?: string; limit?: number; cursor?: string } = {}) =>
      r<ListPage<RiskChangeView>>('GET', `/v1/risk/changes${queryString(q)}`),
    lists: () => r<ListPage<RiskListView>>('GET', '/v1/risk/lists'),
    entries: (name: string, q: { limit?: number; cursor?: string } = {}) =>
      r<ListPage<RiskListEntryView>>('GET',
        `/v1/risk/lists/${seg(name)}/entries${queryString(q)}`),
    addEntry: (name: string, value: string, note?: string) =>
      r<RiskListEntryView>('POST', `/v1/risk/lists/${seg(name)}/entries`,
        note ? { value, note } : { value }),
    removeEntry: (name: string, value: string) =>
      r<{ deleted: true }>('DELETE', `/v1/risk/lists/${seg(name)}/entries/${seg(value)}`),
    decisions: (q: DecisionQuery = {}) =>
      r<ListPage<RiskDecisionView>>('GET', `/v1/risk/decisions${queryString(q)}`),
    decision: (id: string) => r<RiskDecisionView>('GET', `/v1/risk/decisions/${seg(id)}`),
    holds: (q: { status?: HoldStatus | 'all'; limit?: number; cursor?: string } = {}) =>
      r<ListPage<RiskHoldView>>('GET', `/v1/risk/holds${queryString(q)}`),
    releaseHold: (orderId: string) =>
      r<RiskHoldView>('POST', `/v1/risk/holds/${seg(orderId)}/release`, {}),
    refundHold: (orderId: string) =>
      r<{ order: unknown; refund: unknown }>('POST', `/v1/risk/holds/${seg(orderId)}/refund`, {}),
    backtest: (body: BacktestRequest) => r<BacktestReport>('POST', '/v1/risk/backtests', body),
  };
}

/** Webhook endpoints as the operator, who names the merchant. */
export function webhooksApi(client: QrpayClient) {
  const r = client.request;
  return {
    endpoints: (merchantId: string) =>
      r<ListPage<WebhookEndpointView>>('GET',
        `/v1/webhook-endpoints${queryString({ merchantId })}`),
    createEndpoint: (merchantId: string, url: string, events: string[]) =>
      r<WebhookEndpointView & { secret: string }>('POST', '/v1/webhook-endpoints',
        { merchantId, url, events }),
    enable: (id: string) =>
      r<WebhookEndpointView>('POST', `/v1/webhook-endpoints/${seg(id)}/enable`, {}),
    disable: (id: string) =>
      r<WebhookEndpointView>('POST', `/v1/webhook-endpoints/${seg(id)}/disable`, {}),
    remove: (id: string) =>
      r<{ id: string; deleted: true }>('DELETE', `/v1/webhook-endpoints/${seg(id)}`),
    deliveries: (id: string, q: { limit?: number; cursor?: string } = {}) =>
      r<ListPage<WebhookDeliveryView>>('GET',
        `/v1/webhook-endpoints/${seg(id)}/deliveries${queryString(q)}`),
    redeliver: (eventId: string, endpointId?: string) =>
      r<{ eventId: string; deliveryIds: string[] }>('POST',
        `/v1/events/${seg(eventId)}/redeliver`, endpointId ? { endpointId } : {}),
  };
}

export type RiskApi = ReturnType<typeof riskApi>;
export type WebhooksApi = ReturnType<typeof webhooksApi>;
