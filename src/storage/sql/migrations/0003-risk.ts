import type { ColumnTypes, Migration } from '../schema.ts';

/**
 * The risk module: rule versions and their audit trail, allow/block lists, velocity counters
 * (bucketed, so a decision never scans the payments table), devices seen per wallet, decisions
 * with the context they were taken on (backtests replay exactly that), challenges and holds.
 */
export function riskMigration(t: ColumnTypes): Migration {
  return {
    version: 3,
    statements: [
      `CREATE TABLE risk_rules (
        id ${t.text} NOT NULL, version ${t.int} NOT NULL, name ${t.text} NOT NULL,
        expression ${t.text} NOT NULL, outcome ${t.text} NOT NULL, reason_code ${t.text} NOT NULL,
        enabled ${t.int} NOT NULL, mode ${t.text} NOT NULL, description ${t.text} NOT NULL,
        created_by ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL,
        PRIMARY KEY (id, version))`,
      `CREATE TABLE risk_changes (
        id ${t.serial}, subject_kind ${t.text} NOT NULL, subject ${t.text} NOT NULL,
        version ${t.int}, action ${t.text} NOT NULL, actor ${t.text} NOT NULL,
        detail ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX risk_changes_subject ON risk_changes (subject_kind, subject, id)`,
      `CREATE TABLE risk_list_entries (
        list_name ${t.text} NOT NULL, value ${t.text} NOT NULL, note ${t.text} NOT NULL,
        created_by ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL,
        PRIMARY KEY (list_name, value))`,
      `CREATE INDEX risk_list_entries_value ON risk_list_entries (value)`,
      `CREATE TABLE risk_counters (
        subject_kind ${t.text} NOT NULL, subject_id ${t.text} NOT NULL,
        span_ms ${t.int} NOT NULL, bucket_ms ${t.int} NOT NULL,
        count ${t.int} NOT NULL, sum_minor ${t.int} NOT NULL,
        PRIMARY KEY (subject_kind, subject_id, span_ms, bucket_ms))`,
      `CREATE TABLE risk_device_wallets (
        device_id ${t.text} NOT NULL, wallet_id ${t.text} NOT NULL,
        first_seen_ms ${t.int} NOT NULL, last_seen_ms ${t.int} NOT NULL,
        PRIMARY KEY (device_id, wallet_id))`,
      `CREATE TABLE risk_decisions (
        id ${t.text} PRIMARY KEY, order_id ${t.text} NOT NULL, wallet_id ${t.text} NOT NULL,
        merchant_id ${t.text} NOT NULL, device_id ${t.text} NOT NULL, ip ${t.text} NOT NULL,
        amount ${t.int} NOT NULL, currency ${t.text} NOT NULL, outcome ${t.text} NOT NULL,
        result ${t.text} NOT NULL, reason_codes ${t.text} NOT NULL,
        matched_rules ${t.text} NOT NULL, shadow_matches ${t.text} NOT NULL,
        shadow_outcome ${t.text} NOT NULL, challenge_id ${t.text},
        context ${t.text} NOT NULL, created_at_ms ${t.int} NOT NULL)`,
      `CREATE INDEX risk_decisions_time ON risk_decisions (created_at_ms, id)`,
      `CREATE INDEX risk_decisions_wallet ON risk_decisions (wallet_id, created_at_ms)`,
      `CREATE INDEX risk_decisions_merchant ON risk_decisions (merchant_id, created_at_ms)`,
      `CREATE INDEX risk_decisions_order ON risk_decisions (order_id)`,
      `CREATE TABLE risk_challenges (
        id ${t.text} PRIMARY KEY, order_id ${t.text} NOT NULL, wallet_id ${t.text} NOT NULL,
        decision_id ${t.text} NOT NULL, status ${t.text} NOT NULL,
        expires_at_ms ${t.int} NOT NULL, created_at_ms ${t.int} NOT NULL,
        answered_at_ms ${t.int})`,
      `CREATE TABLE risk_holds (
        order_id ${t.text} PRIMARY KEY, merchant_id ${t.text} NOT NULL,
        wallet_id ${t.text} NOT NULL, decision_id ${t.text} NOT NULL,
        currency ${t.text} NOT NULL, status ${t.text} NOT NULL,
        released_minor ${t.int} NOT NULL, created_at_ms ${t.int} NOT NULL,
        resolved_by ${t.text}, resolved_at_ms ${t.int})`,
      `CREATE INDEX risk_holds_status ON risk_holds (status, created_at_ms)`,
    ],
  };
}
