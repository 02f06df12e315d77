import type { ColumnTypes, Migration } from '../schema.ts';

/**
 * Merchant API keys, webhook endpoints, deliveries (one per endpoint and event, created in the
 * event's transaction) and their attempt log.
 */
export function webhooksMigration(t: ColumnTypes): Migration {
  return {
    version: 2,
    statements: [
      `CREATE TABLE merchant_api_keys (
        id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL REFERENCES merchants(id),
        name ${t.text} NOT NULL, key_hash ${t.text} NOT NULL UNIQUE, key_prefix ${t.text} NOT NULL,
        status ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL, revoked_at_ms ${t.int})`,
      `CREATE INDEX merchant_api_keys_merchant ON merchant_api_keys (merchant_id, id)`,
      `CREATE TABLE webhook_endpoints (
        id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL REFERENCES merchants(id),
        url ${t.text} NOT NULL, events ${t.text} NOT NULL, secret ${t.text} NOT NULL,
        status ${t.text} NOT NULL, disabled_reason ${t.text},
        failed_attempts ${t.int} NOT NULL DEFAULT 0, failing_since_ms ${t.int},
        created_at_ms ${t.int} NOT NULL, updated_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id, status)`,
      `CREATE TABLE webhook_deliveries (
        id ${t.serial}, endpoint_id ${t.text} NOT NULL, merchant_id ${t.text} NOT NULL,
        event_seq ${t.int} NOT NULL, event_type ${t.text} NOT NULL, state ${t.text} NOT NULL,
        attempts ${t.int} NOT NULL DEFAULT 0, next_attempt_at_ms ${t.int} NOT NULL,
        lease_token ${t.text}, lease_until_ms ${t.int}, last_status ${t.int},
        last_error ${t.text}, created_at_ms ${t.int} NOT NULL, completed_at_ms ${t.int})`,
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at_ms)`,
      `CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id)`,
      `CREATE TABLE webhook_attempts (
        id ${t.serial}, delivery_id ${t.int} NOT NULL, attempt ${t.int} NOT NULL,
        status_code ${t.int}, latency_ms ${t.int} NOT NULL, response_excerpt ${t.text},
        error ${t.text}, created_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)`,
    ],
  };
}
