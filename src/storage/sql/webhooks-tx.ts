import type {
  AttemptOutcome,
  DeliveryState,
  MerchantApiKey,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointStatus,
  WebhooksTx,
} from '../../app/modules/webhooks-ports.ts';
import type { CredentialStatus, StoredEvent } from '../../app/ports.ts';
import type { Row, SqlExecutor, SqlValue } from './executor.ts';
import { num, numOrNull, SqlQueries, str, strOrNull } from './columns.ts';
import { toEvent } from './rows.ts';


/** Event types are kept as ",a,b," so `LIKE '%,a,%'` matches one type exactly. */
export const encodeEventTypes = (types: readonly string[]) => `,${types.join(',')},`;
const decodeEventTypes = (text: string) => text.split(',').filter((t) => t !== '');

function toApiKey(row: Row): MerchantApiKey {
  return {
    id: str(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    name: str(row, 'name'),
    keyHash: str(row, 'key_hash'),
    keyPrefix: str(row, 'key_prefix'),
    status: str(row, 'status') as CredentialStatus,
    createdAtMs: num(row, 'created_at_ms'),
    revokedAtMs: numOrNull(row, 'revoked_at_ms'),
  };
}

function toEndpoint(row: Row): WebhookEndpoint {
  return {
    id: str(row, 'id'),
    merchantId: str(row, 'merchant_id'),
    url: str(row, 'url'),
    events: decodeEventTypes(str(row, 'events')),
    secret: str(row, 'secret'),
    status: str(row, 'status') as WebhookEndpointStatus,
    disabledReason: strOrNull(row, 'disabled_reason'),
    failedAttempts: num(row, 'failed_attempts'),
    failingSinceMs: numOrNull(row, 'failing_since_ms'),
    createdAtMs: num(row, 'created_at_ms'),
    updatedAtMs: num(row, 'updated_at_ms'),
  };
}

function toDelivery(row: Row): WebhookDelivery {
  return {
    id: num(row, 'id'),
    endpointId: str(row, 'endpoint_id'),
    merchantId: str(row, 'merchant_id'),
    eventSeq: num(row, 'event_seq'),
    eventType: str(row, 'event_type'),
    state: str(row, 'state') as DeliveryState,
    attempts: num(row, 'attempts'),
    nextAttemptAtMs: num(row, 'next_attempt_at_ms'),
    leaseToken: strOrNull(row, 'lease_token'),
    leaseUntilMs: numOrNull(row, 'lease_until_ms'),
    lastStatus: numOrNull(row, 'last_status'),
    lastError: strOrNull(row, 'last_error'),
    createdAtMs: num(row, 'created_at_ms'),
    completedAtMs: numOrNull(row, 'completed_at_ms'),
  };
}

function toAttempt(row: Row): WebhookAttempt {
  return {
    deliveryId: num(row, 'delivery_id'),
    attempt: num(row, 'attempt'),
    statusCode: numOrNull(row, 'status_code'),
    latencyMs: num(row, 'latency_ms'),
    responseExcerpt: strOrNull(row, 'response_excerpt'),
    error: strOrNull(row, 'error'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

/** SQL for the webhooks module, over the same executor (and transaction) as the core. */
/**
 * Which endpoints hear an event: enabled ones subscribed to its type or to every type (`events`
 * is stored as ",a,b,"). `w` is the endpoints table's alias; the one parameter is
 * `eventTypePattern(type)`.
 */
export function endpointHearsSql(w: string) {
  return `${w}.status = 'enabled' AND (${w}.events LIKE '%,*,%' OR ${w}.events LIKE ?)`;
}
export const eventTypePattern = (type: string) => `%,${type},%`;

export class SqlWebhooksTx extends SqlQueries implements WebhooksTx {
  getMerchantApiKey(id: string) {
    return this.one('SELECT * FROM merchant_api_keys WHERE id = ?', [id], toApiKey);
  }
  getMerchantApiKeyByHash(keyHash: string) {
    return this.one('SELECT * FROM merchant_api_keys WHERE key_hash = ?', [keyHash], toApiKey);
  }
  listMerchantApiKeys(merchantId: string, limit: number) {
    return this.many(
      'SELECT * FROM merchant_api_keys WHERE merchant_id = ? ORDER BY id LIMIT ?',
      [merchantId, limit],
      toApiKey,
    );
  }
  async insertMerchantApiKey(k: MerchantApiKey) {
    await this.db.run(
      `INSERT INTO merchant_api_keys (id, merchant_id, name, key_hash, key_prefix, status,
       created_at_ms, revoked_at_ms) VALUES (?,?,?,?,?,?,?,?)`,
      [k.id, k.merchantId, k.name, k.keyHash, k.keyPrefix, k.status, k.createdAtMs, k.revokedAtMs],
    );
  }
  async revokeMerchantApiKey(id: string, nowMs: number) {
    const changed = await this.db.run(
      `UPDATE merchant_api_keys SET status = 'revoked', revoked_at_ms = ?
       WHERE id = ? AND status = 'active'`,
      [nowMs, id],
    );
    return changed === 1;
  }

  getEndpoint(id: string) {
    return this.one(
      `SELECT * FROM webhook_endpoints WHERE id = ? AND status <> 'deleted'`,
      [id],
      toEndpoint,
    );
  }
  listEndpoints(merchantId: string, limit: number) {
    return this.many(
      `SELECT * FROM webhook_endpoints WHERE merchant_id = ? AND status <> 'deleted'
       ORDER BY id LIMIT ?`,
      [merchantId, limit],
      toEndpoint,
    );
  }
  async insertEndpoint(e: WebhookEndpoint) {
    await this.db.run(
      `INSERT INTO webhook_endpoints (id, merchant_id, url, events, secret, status,
       disabled_reason, failed_attempts, failing_since_ms, created_at_ms, updated_at_ms)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      [e.id, e.merchantId, e.url, encodeEventTypes(e.events), e.secret, e.status,
        e.disabledReason, e.failedAttempts, e.failingSinceMs, e.createdAtMs, e.updatedAtMs],
    );
  }
  async setEndpointStatus(
    id: string,
    status: WebhookEndpointStatus,
    reason: string | null,
    nowMs: number,
  ) {
    // Enabling starts a fresh failure count, so an old streak cannot disable it at once.
    const changed = await this.db.run(
      `UPDATE webhook_endpoints SET status = ?, disabled_reason = ?, updated_at_ms = ?,
       failed_attempts = 0, failing_since_ms = NULL WHERE id = ? AND status <> 'deleted'`,
      [status, reason, nowMs, id],
    );
    return changed === 1;
  }
  failPendingDeliveries(endpointId: string, error: string, nowMs: number) {
    return this.db.run(
      `UPDATE webhook_deliveries SET state = 'failed', last_error = ?, completed_at_ms = ?,
       lease_token = NULL WHERE endpoint_id = ? AND state IN ('pending', 'delivering')`,
      [error, nowMs, endpointId],
    );
  }

  async lastEventSeq(merchantId: string) {
    const row = await this.db.get(
      'SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE merchant_id = ?',
      [merchantId],
    );
    return row === undefined ? 0 : Number(row['seq']);
  }
  getEventBySeq(merchantId: string, seq: number) {
    return this.one(
      'SELECT * FROM events WHERE merchant_id = ? AND seq = ?',
      [merchantId, seq],
      toEvent,
    );
  }

  async createDeliveries(event: StoredEvent, endpointId?: string) {
    // In-process, a probe of the index is much cheaper than an INSERT … SELECT that finds nothing
    // (most merchants have no endpoint); over a socket it would be one more round trip.
    if (this.db.dialect === 'sqlite' && endpointId === undefined) {
      const any = await this.db.get(
        `SELECT 1 AS found FROM webhook_endpoints WHERE merchant_id = ? AND status = 'enabled' LIMIT 1`,
        [event.merchantId],
      );
      if (any === undefined) return [];
    }
    const rows = await this.db.all(
      `INSERT INTO webhook_deliveries (endpoint_id, merchant_id, event_seq, event_type, state,
       attempts, next_attempt_at_ms, created_at_ms)
       SELECT w.id, w.merchant_id, ?, ?, 'pending', 0, ?, ? FROM webhook_endpoints w
       WHERE w.merchant_id = ? AND ${endpointHearsSql('w')} AND (? = '' OR w.id = ?)
       RETURNING id`,
      [event.seq, event.type, event.createdAtMs, event.createdAtMs, event.merchantId,
        eventTypePattern(event.type), endpointId ?? '', endpointId ?? ''],
    );
    return rows.map((r) => Number(r['id']));
  }

  async claimDeliveries(nowMs: number, leaseToken: string, leaseUntilMs: number, limit: number) {
    // The outer WHERE repeats the inner one: PostgreSQL re-checks it on the newest row version
    // after waiting for a competing claim, so a row claimed by another node is skipped, not
    // taken twice. SQLite has a single writer. A delivery whose lease ran out (its node died
    // mid-send) is due again.
    const due = `((state = 'pending' AND next_attempt_at_ms <= ?)
      OR (state = 'delivering' AND lease_until_ms <= ?))`;
    return this.many(
      `UPDATE webhook_deliveries SET state = 'delivering', lease_token = ?, lease_until_ms = ?,
       attempts = attempts + 1
       WHERE ${due} AND id IN (SELECT id FROM webhook_deliveries WHERE ${due}
         ORDER BY next_attempt_at_ms LIMIT ?)
       RETURNING *`,
      [leaseToken, leaseUntilMs, nowMs, nowMs, nowMs, nowMs, limit],
      toDelivery,
    );
  }

  async recordAttempt(d: WebhookDelivery, o: AttemptOutcome) {
    const a = o.attempt;
    const done = o.state === 'pending' ? null : a.createdAtMs;
    const changed = await this.db.run(
      `UPDATE webhook_deliveries SET state = ?, next_attempt_at_ms = ?, last_status = ?,
       last_error = ?, completed_at_ms = ?, lease_token = NULL, lease_until_ms = NULL
       WHERE id = ? AND state = 'delivering' AND lease_token = ?`,
      [o.state, o.nextAttemptAtMs, a.statusCode, a.error, done, d.id, d.leaseToken],
    );
    if (changed !== 1) return false;
    await this.db.run(
      `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms,
       response_excerpt, error, created_at_ms) VALUES (?,?,?,?,?,?,?)`,
      [d.id, a.attempt, a.statusCode, a.latencyMs, a.responseExcerpt, a.error, a.createdAtMs],
    );
    return true;
  }

  async releaseDelivery(d: WebhookDelivery) {
    const changed = await this.db.run(
      `UPDATE webhook_deliveries SET state = 'pending', attempts = attempts - 1,
       lease_token = NULL, lease_until_ms = NULL
       WHERE id = ? AND state = 'delivering' AND lease_token = ?`,
      [d.id, d.leaseToken],
    );
    return changed === 1;
  }

  async noteEndpointResult(endpointId: string, ok: boolean, nowMs: number) {
    await this.db.run(
      ok
        ? `UPDATE webhook_endpoints SET failed_attempts = 0, failing_since_ms = NULL
           WHERE id = ? AND failed_attempts > 0`
        : `UPDATE webhook_endpoints SET failed_attempts = failed_attempts + 1,
           failing_since_ms = COALESCE(failing_since_ms, ?) WHERE id = ?`,
      ok ? [endpointId] : [nowMs, endpointId],
    );
    return this.getEndpoint(endpointId);
  }

  listDeliveries(endpointId: string, limit: number, beforeId?: number) {
    return this.many(
      `SELECT * FROM webhook_deliveries WHERE endpoint_id = ? AND id < ?
       ORDER BY id DESC LIMIT ?`,
      [endpointId, beforeId ?? Number.MAX_SAFE_INTEGER, limit],
      toDelivery,
    );
  }
  listAttempts(deliveryId: number, limit: number) {
    return this.many(
      'SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY id LIMIT ?',
      [deliveryId, limit],
      toAttempt,
    );
  }
}
