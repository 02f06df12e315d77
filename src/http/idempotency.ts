import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/deps.ts';
import { AppError } from '../app/errors.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { idempotencyInProgressMs, idempotencyKeyLengthMax } from '../lib/limits.ts';
import { callerScope } from './auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

const keyPattern = new RegExp(`^[\\x21-\\x7e]{1,${idempotencyKeyLengthMax}}$`);

/**
 * `Idempotency-Key` on any POST: the first response is stored with the key; the same key with the
 * same request replays it (header Idempotent-Replayed: true), with a different request it is
 * idempotency_key_reused, and while the first is still running it is idempotency_key_in_use.
 * Keys are scoped to the caller. 5xx responses are not stored, so the request may be retried.
 */
export function registerIdempotency(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return;
    if (typeof header !== 'string' || !keyPattern.test(header)) {
      throw new AppError('idempotency_key_invalid', `Idempotency-Key is 1 to ${idempotencyKeyLengthMax} printable characters`);
    }
    const scope = callerScope(request.caller);
    const requestHash = sha256Hex(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`);
    const now = deps.clock.nowMs();
    const existing = await deps.store.write(async (tx) => {
      const found = await tx.getIdempotency(scope, header);
      if (found && found.state === 'in_progress' && now - found.createdAtMs > idempotencyInProgressMs) {
        await tx.releaseIdempotency(scope, header); // the first attempt died; let this one run
      } else if (found) {
        return found;
      }
      await tx.claimIdempotency({
        scope, key: header, requestHash, state: 'in_progress', statusCode: null, responseBody: null, createdAtMs: now,
      });
      return null;
    });
    if (existing === null) {
      request.idempotency = { scope, key: header };
      return;
    }
    if (existing.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used for a different request');
    }
    if (existing.state === 'in_progress' || existing.statusCode === null) {
      throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is still running');
    }
    reply.header('idempotent-replayed', 'true');
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.code(existing.statusCode).send(existing.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (claim === null) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await deps.store.write((tx) => tx.releaseIdempotency(claim.scope, claim.key));
    } else {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
      await deps.store.write((tx) => tx.completeIdempotency(claim.scope, claim.key, reply.statusCode, body));
    }
    return payload;
  });
}
