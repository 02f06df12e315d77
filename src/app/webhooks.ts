/**
 * Webhook endpoints of a merchant, and the rules a delivery follows: which responses are retried,
 * when the next attempt is due, when an endpoint that keeps failing is disabled.
 */
import type { EventType } from './ports.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { requireMerchant } from './merchants.ts';
import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
} from './modules/webhooks-ports.ts';
import { iso } from './views.ts';
import {
  webhookAttemptsMax,
  webhookDisableAfterFailedAttempts,
  webhookDisableAfterFailingMs,
  webhookEndpointsPerMerchantMax,
  webhookEventTypesMax,
  webhookRetryBaseMs,
  webhookRetryCapMs,
  webhookUrlLengthMax,
} from '../lib/limits.ts';

export const webhookEventTypes: readonly EventType[] = [
  'order.created',
  'order.scanned',
  'order.paid',
  'order.closed',
  'order.expired',
  'refund.succeeded',
];

/** Checks an outbound URL's addresses (SSRF guard); throws webhook_url_forbidden. */
export type UrlGuard = (url: URL) => Promise<void>;

export interface RetryPolicy {
  attemptsMax: number;
  retryBaseMs: number;
  retryCapMs: number;
  disableAfterFailedAttempts: number;
  disableAfterFailingMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attemptsMax: webhookAttemptsMax,
  retryBaseMs: webhookRetryBaseMs,
  retryCapMs: webhookRetryCapMs,
  disableAfterFailedAttempts: webhookDisableAfterFailedAttempts,
  disableAfterFailingMs: webhookDisableAfterFailingMs,
};

/**
 * Delay after attempt `n` (1-based): base·2^(n-1), capped, plus up to 10 % spread derived from
 * the delivery id (deterministic) so deliveries queued together do not retry together.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, deliveryId: number): number {
  const exponential = policy.retryBaseMs * 2 ** Math.min(attempt - 1, 30);
  const delay = Math.min(exponential, policy.retryCapMs);
  const spread = ((deliveryId * 7919) % 1000) / 10_000;
  return Math.round(delay * (1 + spread));
}

/** Timeouts, network errors, 408, 429 and 5xx may pass; other answers will not change. */
export function isRetryable(statusCode: number | null): boolean {
  if (statusCode === null) return true;
  return statusCode === 408 || statusCode === 429 || statusCode >= 500;
}

export function nextDeliveryState(
  policy: RetryPolicy,
  delivery: WebhookDelivery,
  attempt: WebhookAttempt,
): { state: 'pending' | 'succeeded' | 'failed'; nextAttemptAtMs: number } {
  const ok = attempt.error === null && attempt.statusCode !== null
    && attempt.statusCode >= 200 && attempt.statusCode < 300;
  if (ok) return { state: 'succeeded', nextAttemptAtMs: attempt.createdAtMs };
  if (!isRetryable(attempt.statusCode) || delivery.attempts >= policy.attemptsMax) {
    return { state: 'failed', nextAttemptAtMs: attempt.createdAtMs };
  }
  const delay = retryDelayMs(policy, delivery.attempts, delivery.id);
  return { state: 'pending', nextAttemptAtMs: attempt.createdAtMs + delay };
}

/** An endpoint failing for many attempts in a row over a long span is switched off. */
export function shouldDisable(policy: RetryPolicy, e: WebhookEndpoint, nowMs: number): boolean {
  return e.status === 'enabled'
    && e.failedAttempts >= policy.disableAfterFailedAttempts
    && e.failingSinceMs !== null
    && nowMs - e.failingSinceMs >= policy.disableAfterFailingMs;
}

export interface WebhookEndpointView {
  id: string;
  object: 'webhook_endpoint';
  merchantId: string;
  url: string;
  events: string[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export function endpointView(e: WebhookEndpoint): WebhookEndpointView {
  return {
    id: e.id,
    object: 'webhook_endpoint',
    merchantId: e.merchantId,
    url: e.url,
    events: [...e.events],
    status: e.status === 'enabled' ? 'enabled' : 'disabled',
    disabledReason: e.disabledReason,
    failingSince: e.failingSinceMs === null ? null : iso(e.failingSinceMs),
    createdAt: iso(e.createdAtMs),
  };
}

export function deliveryView(d: WebhookDelivery, attempts: readonly WebhookAttempt[]) {
  return {
    id: String(d.id),
    object: 'webhook_delivery' as const,
    endpointId: d.endpointId,
    eventId: `evt_${d.merchantId}_${d.eventSeq}`,
    eventType: d.eventType,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? iso(d.nextAttemptAtMs) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: iso(d.createdAtMs),
    completedAt: d.completedAtMs === null ? null : iso(d.completedAtMs),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: iso(a.createdAtMs),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  };
}

export function parseWebhookUrl(text: string): URL {
  const bad = (why: string) => new AppError('webhook_url_invalid', why, { param: 'url' });
  if (text.length > webhookUrlLengthMax) {
    throw bad(`url is at most ${webhookUrlLengthMax} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('url is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('url is http(s)');
  if (url.username !== '' || url.password !== '') throw bad('url carries no credentials');
  if (url.hash !== '') throw bad('url has no fragment');
  return url;
}

function checkEventTypes(events: readonly string[]): string[] {
  const bad = (why: string) => new AppError('webhook_event_type_invalid', why, { param: 'events' });
  if (events.length === 0 || events.length > webhookEventTypesMax) {
    throw bad(`events lists 1 to ${webhookEventTypesMax} event types`);
  }
  for (const type of events) {
    if (type !== '*' && !webhookEventTypes.includes(type as EventType)) {
      throw bad(`${type} is not an event type; use one of ${webhookEventTypes.join(', ')} or *`);
    }
  }
  const unique = [...new Set(events)];
  return unique.includes('*') ? ['*'] : unique;
}

export async function createWebhookEndpoint(
  deps: AppDeps,
  guard: UrlGuard,
  input: { merchantId: string; url: string; events: readonly string[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await requireMerchant(deps, input.merchantId);
  const url = parseWebhookUrl(input.url);
  const events = checkEventTypes(input.events);
  await guard(url);
  const now = deps.clock.nowMs();
  const secret = `whsec_${deps.ids.secret(32)}`;
  const endpoint: WebhookEndpoint = {
    id: deps.ids.id('we'),
    merchantId: input.merchantId,
    url: url.toString(),
    events,
    secret,
    status: 'enabled',
    disabledReason: null,
    failedAttempts: 0,
    failingSinceMs: null,
    createdAtMs: now,
    updatedAtMs: now,
  };
  await deps.store.write(async (tx) => {
    const max = webhookEndpointsPerMerchantMax;
    const existing = await tx.webhooks.listEndpoints(input.merchantId, max);
    if (existing.length >= webhookEndpointsPerMerchantMax) {
      throw new AppError(
        'webhook_endpoints_exhausted',
        `a merchant has at most ${webhookEndpointsPerMerchantMax} webhook endpoints`,
      );
    }
    await tx.webhooks.insertEndpoint(endpoint);
  });
  return { endpoint, secret };
}

/** The endpoint if `merchantId` owns it (null: the operator, who reaches every endpoint). */
export async function endpointFor(deps: AppDeps, merchantId: string | null, id: string) {
  const endpoint = await deps.store.read.webhooks.getEndpoint(id);
  if (!endpoint || (merchantId !== null && endpoint.merchantId !== merchantId)) {
    throw new AppError('webhook_endpoint_not_found', `no webhook endpoint ${id}`);
  }
  return endpoint;
}

export type EndpointChange = 'enable' | 'disable' | 'delete';

export async function changeWebhookEndpoint(
  deps: AppDeps,
  merchantId: string | null,
  id: string,
  change: EndpointChange,
): Promise<WebhookEndpoint> {
  const endpoint = await endpointFor(deps, merchantId, id);
  const now = deps.clock.nowMs();
  return deps.store.write(async (tx) => {
    if (change === 'enable') await tx.webhooks.setEndpointStatus(id, 'enabled', null, now);
    if (change === 'disable') {
      await tx.webhooks.setEndpointStatus(id, 'disabled', 'merchant', now);
      await tx.webhooks.failPendingDeliveries(id, 'endpoint disabled', now);
    }
    if (change === 'delete') {
      await tx.webhooks.failPendingDeliveries(id, 'endpoint deleted', now);
      await tx.webhooks.setEndpointStatus(id, 'deleted', 'deleted', now);
      return { ...endpoint, status: 'deleted' as const };
    }
    const changed = await tx.webhooks.getEndpoint(id);
    if (!changed) throw new AppError('webhook_endpoint_not_found', `no webhook endpoint ${id}`);
    return changed;
  });
}

/** `evt_<merchantId>_<seq>` → its parts; merchant ids contain underscores, the seq does not. */
export function parseEventId(eventId: string): { merchantId: string; seq: number } | null {
  const match = /^evt_([A-Za-z0-9_]{1,64})_([0-9]{1,15})$/.exec(eventId);
  if (!match?.[1] || !match[2]) return null;
  return { merchantId: match[1], seq: Number(match[2]) };
}

/** Queues the event again for the merchant's endpoints (or one of them): a fresh delivery. */
export async function redeliverEvent(
  deps: AppDeps,
  merchantId: string | null,
  eventId: string,
  endpointId: string | undefined,
): Promise<number[]> {
  const parts = parseEventId(eventId);
  if (!parts || (merchantId !== null && parts.merchantId !== merchantId)) {
    throw new AppError('event_not_found', `no event ${eventId}`);
  }
  if (endpointId !== undefined) await endpointFor(deps, parts.merchantId, endpointId);
  return deps.store.write(async (tx) => {
    const event = await tx.webhooks.getEventBySeq(parts.merchantId, parts.seq);
    if (!event) throw new AppError('event_not_found', `no event ${eventId}`);
    const now = deps.clock.nowMs();
    return tx.webhooks.createDeliveries({ ...event, createdAtMs: now }, endpointId);
  });
}
