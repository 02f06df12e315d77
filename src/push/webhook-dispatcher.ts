/**
 * Sends webhook deliveries. Every node runs one: a commit (this node's, or another's through
 * LISTEN/NOTIFY) or a slow poll wakes it; it claims due deliveries with a lease, so each is sent
 * by one node; it POSTs them, logs each attempt and schedules the next one by the retry policy.
 * A node that dies mid-send leaves a lease that runs out; then another node sends again
 * (at-least-once: receivers dedupe by Qrpay-Event-Id).
 */
import type { AppDeps } from '../app/deps.ts';
import type { WebhookAttempt, WebhookDelivery } from '../app/modules/webhooks-ports.ts';
import { eventView } from '../app/views.ts';
import {
  defaultRetryPolicy,
  nextDeliveryState,
  shouldDisable,
  type RetryPolicy,
} from '../app/webhooks.ts';
import {
  webhookClaimBatchMax,
  webhookLeaseMs,
  webhookPollMs,
  webhookRequestTimeoutMs,
  webhookRoundsPerTickMax,
} from '../lib/limits.ts';
import { sendWebhook, signatureHeader, type SendResult } from './webhook-sender.ts';

export interface DispatcherOptions {
  policy: RetryPolicy;
  requestTimeoutMs: number;
  leaseMs: number;
  pollMs: number;
  allowPrivate: boolean;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export const defaultDispatcherOptions: Omit<DispatcherOptions, 'log'> = {
  policy: defaultRetryPolicy,
  requestTimeoutMs: webhookRequestTimeoutMs,
  leaseMs: webhookLeaseMs,
  pollMs: webhookPollMs,
  allowPrivate: false,
};

export class WebhookDispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: AppDeps,
    private readonly options: DispatcherOptions,
  ) {}

  start() {
    // Only commits that created deliveries need a dispatcher; retries are found by the poll.
    this.unsubscribe = this.deps.store.onCommit((change) => {
      if (change.deliveries) this.wake();
    });
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a tick now, or right after the one in progress. */
  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'webhook dispatch failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.wake());
        }
      });
  }

  private async tick() {
    for (let round = 0; round < webhookRoundsPerTickMax && !this.stopped; round++) {
      const now = this.deps.clock.nowMs();
      const token = this.deps.ids.id('lease');
      const claimed = await this.deps.store.write((tx) =>
        tx.webhooks.claimDeliveries(now, token, now + this.options.leaseMs, webhookClaimBatchMax),
      );
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((d) => this.deliver(d)));
      if (claimed.length < webhookClaimBatchMax) return;
    }
    this.again = true;
  }

  private async deliver(d: WebhookDelivery) {
    const read = this.deps.store.read.webhooks;
    const endpoint = await read.getEndpoint(d.endpointId);
    const event = await read.getEventBySeq(d.merchantId, d.eventSeq);
    const started = this.deps.clock.nowMs();
    let result: SendResult;
    if (!endpoint || endpoint.status !== 'enabled' || !event) {
      result = { statusCode: null, responseExcerpt: null, error: 'endpoint_disabled' };
    } else {
      const view = eventView(event);
      const body = JSON.stringify(view);
      result = await sendWebhook({
        url: new URL(endpoint.url),
        body,
        headers: this.headers(endpoint.secret, body, view.id, view.type, d.id, started),
        timeoutMs: this.options.requestTimeoutMs,
        allowPrivate: this.options.allowPrivate,
        signal: this.abort.signal,
      });
    }
    if (this.stopped) {
      await this.deps.store.write((tx) => tx.webhooks.releaseDelivery(d)).catch(() => false);
      return;
    }
    await this.record(d, result, started, endpoint?.status === 'enabled');
  }

  private headers(secret: string, body: string, eventId: string, type: string, id: number,
    nowMs: number): Record<string, string> {
    return {
      'content-type': 'application/json',
      'user-agent': 'qrpay-webhooks/1',
      'qrpay-event-id': eventId,
      'qrpay-event-type': type,
      'qrpay-delivery-id': String(id),
      'qrpay-signature': signatureHeader(secret, Math.floor(nowMs / 1000), body),
    };
  }

  private async record(d: WebhookDelivery, r: SendResult, started: number, live: boolean) {
    const now = this.deps.clock.nowMs();
    const attempt: WebhookAttempt = {
      deliveryId: d.id,
      attempt: d.attempts,
      statusCode: r.statusCode,
      latencyMs: Math.max(0, now - started),
      responseExcerpt: r.responseExcerpt,
      error: r.error,
      createdAtMs: now,
    };
    const next = live
      ? nextDeliveryState(this.options.policy, d, attempt)
      : { state: 'failed' as const, nextAttemptAtMs: now };
    const disabled = await this.deps.store.write(async (tx) => {
      if (!(await tx.webhooks.recordAttempt(d, { attempt, ...next }))) return false;
      if (!live) return false;
      const ok = next.state === 'succeeded';
      const endpoint = await tx.webhooks.noteEndpointResult(d.endpointId, ok, now);
      if (!endpoint || !shouldDisable(this.options.policy, endpoint, now)) return false;
      await tx.webhooks.setEndpointStatus(endpoint.id, 'disabled', 'failing', now);
      await tx.webhooks.failPendingDeliveries(endpoint.id, 'endpoint disabled: failing', now);
      return true;
    });
    if (disabled) {
      this.options.log.warn({ endpointId: d.endpointId, merchantId: d.merchantId },
        'webhook endpoint disabled after failing for too long');
    }
  }

  /** Stops claiming, aborts requests in flight and gives their deliveries back. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    this.abort.abort();
    await this.running;
  }
}
