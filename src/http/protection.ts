import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import type { Clock } from '../app/ports.ts';
import { rateLimitKeysMax } from '../lib/limits.ts';
import type { Caller } from './auth.ts';

/**
 * Two guards that keep the platform answering under abuse and overload:
 * - per-caller token buckets (429 rate_limited with Retry-After): a terminal, a wallet, or an IP
 *   for unauthenticated requests and failed sign-ins;
 * - load shedding (503 service_overloaded with Retry-After): past a bound on requests in flight,
 *   or while the event loop lags, new requests are refused at once instead of queueing into
 *   timeouts that leave a client unsure whether it paid. Paying is safe to retry with the same
 *   Idempotency-Key.
 */
export interface ProtectionOptions {
  inFlightMax: number;
  eventLoopLagMaxMs: number;
  /** Requests per second and burst, per kind of caller. 0 disables the limit. */
  limits: Record<'terminal' | 'wallet' | 'merchant' | 'applicant' | 'ip', { perSecond: number; burst: number }>;
}

export const defaultProtection: ProtectionOptions = {
  inFlightMax: 4_096,
  eventLoopLagMaxMs: 1_000,
  limits: {
    terminal: { perSecond: 100, burst: 200 },
    wallet: { perSecond: 20, burst: 40 },
    merchant: { perSecond: 100, burst: 200 },
    applicant: { perSecond: 10, burst: 20 },
    ip: { perSecond: 50, burst: 100 },
  },
};

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export function createRateLimiter(options: ProtectionOptions, clock: Clock) {
  const buckets = new Map<string, Bucket>();
  return function take(kind: keyof ProtectionOptions['limits'], id: string): void {
    const limit = options.limits[kind];
    if (limit.perSecond <= 0) return;
    const key = `${kind}:${id}`;
    const now = clock.nowMs();
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= rateLimitKeysMax) buckets.delete(buckets.keys().next().value as string);
      bucket = { tokens: limit.burst, updatedMs: now };
    } else {
      buckets.delete(key); // re-insert: the map's order is least recently used first
    }
    const elapsedMs = Math.max(0, now - bucket.updatedMs); // a clock set back refunds nothing, costs nothing
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (elapsedMs / 1000) * limit.perSecond);
    bucket.updatedMs = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfterS = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
      throw new AppError('rate_limited', `too many requests; retry in ${retryAfterS} s`, { retryAfterSeconds: retryAfterS });
    }
    bucket.tokens -= 1;
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export function callerRateKey(caller: Caller | null, request: FastifyRequest) {
  if (caller === null) return { kind: 'ip' as const, id: request.ip };
  switch (caller.kind) {
    case 'operator':
      return null;
    case 'terminal':
      return { kind: 'terminal' as const, id: caller.terminal.id };
    case 'wallet':
      return { kind: 'wallet' as const, id: caller.wallet.id };
    default:
      return { kind: 'ip' as const, id: request.ip };
  }
}

/** Sheds load at the door: a bound on requests in flight and on event-loop lag. */
export function registerLoadShedding(app: FastifyInstance, options: ProtectionOptions) {
  let inFlight = 0;
  let lagMs = 0;
  let last = performance.now();
  // A moving average, so one pause (a GC, a lazily loaded module) sheds nothing; a saturated
  // event loop, whose every tick is late, does.
  const probe = setInterval(() => {
    const now = performance.now();
    lagMs = 0.8 * lagMs + 0.2 * Math.max(0, now - last - 100);
    last = now;
  }, 100);
  probe.unref();
  app.addHook('onClose', async () => clearInterval(probe));
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.includes('/events')) return; // long-lived streams are bounded on their own
    if (inFlight >= options.inFlightMax || lagMs > options.eventLoopLagMaxMs) {
      reply.header('retry-after', '1');
      throw new AppError('service_overloaded', 'the platform is busy; retry in a second');
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight -= 1;
      }
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
    void request;
  });
}
