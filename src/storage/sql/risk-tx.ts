import type {
  Challenge,
  CounterBucket,
  CounterIncrement,
  CounterKind,
  CounterSubject,
  DecisionFilter,
  DecisionResult,
  DeviceWallets,
  Hold,
  HoldStatus,
  ListEntry,
  RiskChange,
  RiskChangeSubject,
  RiskTx,
  StoredDecision,
  StoredRule,
} from '../../app/modules/risk-ports.ts';
import type { RuleMatch, RuleMode, RuleOutcome } from '../../domain/risk/index.ts';
import type { Row, SqlExecutor, SqlValue } from './executor.ts';
import { num, numOrNull, str, strOrNull, whereClause } from './columns.ts';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;


function toRule(row: Row): StoredRule {
  return {
    id: str(row, 'id'),
    version: num(row, 'version'),
    name: str(row, 'name'),
    expression: str(row, 'expression'),
    outcome: str(row, 'outcome') as RuleOutcome,
    reasonCode: str(row, 'reason_code'),
    enabled: num(row, 'enabled') === 1,
    mode: str(row, 'mode') as RuleMode,
    description: str(row, 'description'),
    createdBy: str(row, 'created_by'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toChange(row: Row): RiskChange {
  return {
    id: num(row, 'id'),
    subjectKind: str(row, 'subject_kind') as RiskChangeSubject,
    subject: str(row, 'subject'),
    version: numOrNull(row, 'version'),
    action: str(row, 'action'),
    actor: str(row, 'actor'),
    detail: str(row, 'detail'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toEntry(row: Row): ListEntry {
  return {
    listName: str(row, 'list_name'),
    value: str(row, 'value'),
    note: str(row, 'note'),
    createdBy: str(row, 'created_by'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toDecision(row: Row): StoredDecision {
  return {
    id: str(row, 'id'),
    orderId: str(row, 'order_id'),
    walletId: str(row, 'wallet_id'),
    merchantId: str(row, 'merchant_id'),
    deviceId: str(row, 'device_id'),
    ip: str(row, 'ip'),
    amountMinor: num(row, 'amount'),
    currency: str(row, 'currency'),
    outcome: str(row, 'outcome') as RuleOutcome,
    result: str(row, 'result') as DecisionResult,
    reasonCodes: JSON.parse(str(row, 'reason_codes')) as string[],
    matchedRules: JSON.parse(str(row, 'matched_rules')) as RuleMatch[],
    shadowMatches: JSON.parse(str(row, 'shadow_matches')) as RuleMatch[],
    shadowOutcome: str(row, 'shadow_outcome') as RuleOutcome,
    challengeId: strOrNull(row, 'challenge_id'),
    context: str(row, 'context'),
    createdAtMs: num(row, 'created_at_ms'),
  };
}

function toChallenge(row: Row): Challenge {
  return {
    id: str(row, 'id'),
    orderId: str(row, 'order_id'),
    walletId: str(row, 'wallet_id'),
    decisionId: str(row, 'decision_id'),
    status: str(row, 'status') as Challenge['status'],
    expiresAtMs: num(row, 'expires_at_ms'),
    createdAtMs: num(row, 'created_at_ms'),
    answeredAtMs: numOrNull(row, 'answered_at_ms'),
  };
}

function toHold(row: Row): Hold {
  return {
    orderId: str(row, 'order_id'),
    merchantId: str(row, 'merchant_id'),
    walletId: str(row, 'wallet_id'),
    decisionId: str(row, 'decision_id'),
    currency: str(row, 'currency'),
    status: str(row, 'status') as HoldStatus,
    releasedMinor: num(row, 'released_minor'),
    createdAtMs: num(row, 'created_at_ms'),
    resolvedBy: strOrNull(row, 'resolved_by'),
    resolvedAtMs: numOrNull(row, 'resolved_at_ms'),
  };
}

function toBucket(row: Row): CounterBucket {
  return {
    kind: str(row, 'subject_kind') as CounterKind,
    id: str(row, 'subject_id'),
    spanMs: num(row, 'span_ms'),
    bucketMs: num(row, 'bucket_ms'),
    count: num(row, 'count'),
    sumMinor: num(row, 'sum_minor'),
  };
}

function decisionWhere(filter: DecisionFilter): { sql: string; params: SqlValue[] } {
  return whereClause([
    ['outcome = ?', filter.outcome],
    ['result = ?', filter.result],
    ['wallet_id = ?', filter.walletId],
    ['merchant_id = ?', filter.merchantId],
    ['order_id = ?', filter.orderId],
    ['created_at_ms >= ?', filter.fromMs],
    ['created_at_ms < ?', filter.toMs],
    ['id < ?', filter.beforeId],
  ]);
}

/** SQL for the risk module, over the same executor (and transaction) as the core. */
/** The upsert of `n` counter buckets: each adds one event; returns each bucket's new count. */
function counterUpsertSql(n: number) {
  return `INSERT INTO risk_counters (subject_kind, subject_id, span_ms, bucket_ms, count, sum_minor)
       VALUES ${Array.from({ length: n }, () => '(?,?,?,?,1,?)').join(', ')}
       ON CONFLICT (subject_kind, subject_id, span_ms, bucket_ms)
       DO UPDATE SET count = risk_counters.count + 1,
                     sum_minor = risk_counters.sum_minor + excluded.sum_minor
       RETURNING subject_kind, subject_id, span_ms, count`;
}

export class SqlRiskTx implements RiskTx {
  constructor(protected readonly db: SqlExecutor) {}

  async listRules() {
    const rows = await this.db.all('SELECT * FROM risk_rules ORDER BY id, version', []);
    return rows.map(toRule);
  }

  async rulesRevision() {
    const row = await this.db.get('SELECT MAX(id) AS revision FROM risk_changes', []);
    return row === undefined || row['revision'] === null ? 0 : Number(row['revision']);
  }

  async insertRule(r: StoredRule) {
    const changed = await this.db.run(
      `INSERT INTO risk_rules (id, version, name, expression, outcome, reason_code, enabled, mode,
         description, created_by, created_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (id, version) DO NOTHING`,
      [r.id, r.version, r.name, r.expression, r.outcome, r.reasonCode, r.enabled ? 1 : 0, r.mode,
        r.description, r.createdBy, r.createdAtMs],
    );
    return changed === 1;
  }

  async updateRuleState(id: string, version: number, enabled: boolean, mode: RuleMode) {
    const changed = await this.db.run(
      'UPDATE risk_rules SET enabled = ?, mode = ? WHERE id = ? AND version = ?',
      [enabled ? 1 : 0, mode, id, version],
    );
    return changed === 1;
  }

  async insertChange(c: Omit<RiskChange, 'id'>) {
    await this.db.run(
      `INSERT INTO risk_changes (subject_kind, subject, version, action, actor, detail,
         created_at_ms) VALUES (?,?,?,?,?,?,?)`,
      [c.subjectKind, c.subject, c.version, c.action, c.actor, c.detail, c.createdAtMs],
    );
  }

  async listChanges(subject: string | undefined, beforeId: number | undefined, limit: number) {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    if (subject !== undefined) {
      clauses.push('subject = ?');
      params.push(subject);
    }
    if (beforeId !== undefined) {
      clauses.push('id < ?');
      params.push(beforeId);
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    const rows = await this.db.all(
      `SELECT * FROM risk_changes ${where} ORDER BY id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toChange);
  }

  async listEntries(listName: string, afterValue: string | undefined, limit: number) {
    const rows = await this.db.all(
      `SELECT * FROM risk_list_entries WHERE list_name = ? AND value > ? ORDER BY value LIMIT ?`,
      [listName, afterValue ?? '', limit],
    );
    return rows.map(toEntry);
  }

  async countEntries() {
    const rows = await this.db.all(
      'SELECT list_name, COUNT(*) AS n FROM risk_list_entries GROUP BY list_name',
      [],
    );
    return new Map(rows.map((r) => [str(r, 'list_name'), Number(r['n'])]));
  }

  async findEntries(values: readonly string[]) {
    const wanted = values.filter((v) => v !== '');
    if (wanted.length === 0) return [];
    const marks = wanted.map(() => '?').join(',');
    const rows = await this.db.all(
      `SELECT * FROM risk_list_entries WHERE value IN (${marks})`,
      wanted,
    );
    return rows.map(toEntry);
  }

  async putEntry(e: ListEntry) {
    const changed = await this.db.run(
      `INSERT INTO risk_list_entries (list_name, value, note, created_by, created_at_ms)
       VALUES (?,?,?,?,?) ON CONFLICT (list_name, value) DO NOTHING`,
      [e.listName, e.value, e.note, e.createdBy, e.createdAtMs],
    );
    return changed === 1;
  }

  async deleteEntry(listName: string, value: string) {
    const changed = await this.db.run(
      'DELETE FROM risk_list_entries WHERE list_name = ? AND value = ?',
      [listName, value],
    );
    return changed === 1;
  }

  async readCounters(subjects: readonly CounterSubject[], fromMs: number) {
    if (subjects.length === 0) return [];
    const any = subjects.map(() => '(subject_kind = ? AND subject_id = ?)').join(' OR ');
    const params: SqlValue[] = subjects.flatMap((s) => [s.kind, s.id]);
    const rows = await this.db.all(
      `SELECT * FROM risk_counters WHERE (${any}) AND bucket_ms >= ?`,
      [...params, fromMs],
    );
    return rows.map(toBucket);
  }

  async addToCounters(increments: readonly CounterIncrement[], amountMinor: number, nowMs: number) {
    const buckets = increments.flatMap(({ subject, spans }) =>
      spans.map(({ spanMs, keepMs }) => ({ subject, spanMs, keepMs, bucketMs: nowMs - (nowMs % spanMs) })));
    if (buckets.length === 0) return;
    if (this.db.dialect === 'postgres') return this.addToCountersOneStatement(buckets, amountMinor, nowMs);
    // One statement for every bucket: concurrent payments on any node each add exactly once.
    const rows = await this.db.all(
      counterUpsertSql(buckets.length),
      buckets.flatMap((b) => [b.subject.kind, b.subject.id, b.spanMs, b.bucketMs, amountMinor]),
    );
    // A new bucket (count 1) means the span rolled over: prune that subject's expired buckets.
    const fresh = buckets.filter((b) => rows.some((r) => Number(r['count']) === 1 &&
      r['subject_kind'] === b.subject.kind && r['subject_id'] === b.subject.id &&
      Number(r['span_ms']) === b.spanMs));
    if (fresh.length === 0) return;
    const expired = fresh.map(() => '(subject_kind = ? AND subject_id = ? AND span_ms = ? AND bucket_ms < ?)');
    await this.db.run(
      `DELETE FROM risk_counters WHERE ${expired.join(' OR ')}`,
      fresh.flatMap((b) => [b.subject.kind, b.subject.id, b.spanMs, nowMs - b.keepMs]),
    );
  }

  /**
   * PostgreSQL: the upsert and the pruning of the subjects whose bucket rolled over are one
   * statement, sent without waiting (deferred): the same effect as the two steps above.
   */
  private async addToCountersOneStatement(
    buckets: readonly { subject: CounterSubject; spanMs: number; keepMs: number; bucketMs: number }[],
    amountMinor: number,
    nowMs: number,
  ) {
    await this.db.defer(
      `WITH up AS (${counterUpsertSql(buckets.length)}),
       keep (kind, id, span, before_ms) AS (VALUES ${buckets.map(() => '(?::text, ?::text, ?::bigint, ?::bigint)').join(', ')})
       DELETE FROM risk_counters r USING up, keep
       WHERE up.count = 1 AND keep.kind = up.subject_kind AND keep.id = up.subject_id
         AND keep.span = up.span_ms AND r.subject_kind = up.subject_kind
         AND r.subject_id = up.subject_id AND r.span_ms = up.span_ms AND r.bucket_ms < keep.before_ms`,
      [...buckets.flatMap((b) => [b.subject.kind, b.subject.id, b.spanMs, b.bucketMs, amountMinor]),
        ...buckets.flatMap((b) => [b.subject.kind, b.subject.id, b.spanMs, nowMs - b.keepMs])],
    );
  }

  async deviceWallets(deviceId: string, walletId: string, nowMs: number): Promise<DeviceWallets> {
    if (deviceId === '') return { distinctWallets1h: 0, distinctWallets24h: 0, known: false };
    const row = await this.db.get(
      `SELECT
         SUM(CASE WHEN last_seen_ms > ? THEN 1 ELSE 0 END) AS h1,
         SUM(CASE WHEN last_seen_ms > ? THEN 1 ELSE 0 END) AS h24,
         SUM(CASE WHEN wallet_id = ? THEN 1 ELSE 0 END) AS known
       FROM risk_device_wallets WHERE device_id = ?`,
      [nowMs - hourMs, nowMs - dayMs, walletId, deviceId],
    );
    return {
      distinctWallets1h: Number(row?.['h1'] ?? 0),
      distinctWallets24h: Number(row?.['h24'] ?? 0),
      known: Number(row?.['known'] ?? 0) > 0,
    };
  }

  async touchDeviceWallet(deviceId: string, walletId: string, nowMs: number, keepMs: number) {
    if (deviceId === '') return;
    const row = await this.db.get(
      `INSERT INTO risk_device_wallets (device_id, wallet_id, first_seen_ms, last_seen_ms)
       VALUES (?,?,?,?)
       ON CONFLICT (device_id, wallet_id) DO UPDATE SET last_seen_ms =
         CASE WHEN excluded.last_seen_ms > risk_device_wallets.last_seen_ms
              THEN excluded.last_seen_ms ELSE risk_device_wallets.last_seen_ms END
       RETURNING first_seen_ms`,
      [deviceId, walletId, nowMs, nowMs],
    );
    if (row !== undefined && Number(row['first_seen_ms']) === nowMs) {
      await this.db.run(
        'DELETE FROM risk_device_wallets WHERE device_id = ? AND last_seen_ms < ?',
        [deviceId, nowMs - keepMs],
      );
    }
  }

  async insertDecision(d: StoredDecision) {
    await this.db.defer(
      `INSERT INTO risk_decisions (id, order_id, wallet_id, merchant_id, device_id, ip, amount,
         currency, outcome, result, reason_codes, matched_rules, shadow_matches, shadow_outcome,
         challenge_id, context, created_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [d.id, d.orderId, d.walletId, d.merchantId, d.deviceId, d.ip, d.amountMinor, d.currency,
        d.outcome, d.result, JSON.stringify(d.reasonCodes), JSON.stringify(d.matchedRules),
        JSON.stringify(d.shadowMatches), d.shadowOutcome, d.challengeId, d.context,
        d.createdAtMs],
    );
  }

  async getDecision(id: string) {
    const row = await this.db.get('SELECT * FROM risk_decisions WHERE id = ?', [id]);
    return row === undefined ? undefined : toDecision(row);
  }

  async listDecisions(filter: DecisionFilter) {
    const { sql, params } = decisionWhere(filter);
    const rows = await this.db.all(
      `SELECT * FROM risk_decisions ${sql} ORDER BY id DESC LIMIT ?`,
      [...params, filter.limit],
    );
    return rows.map(toDecision);
  }

  async listDecisionsForReplay(
    fromMs: number,
    toMs: number,
    after: { createdAtMs: number; id: string } | null,
    limit: number,
  ) {
    const cursor = after === null
      ? { sql: '', params: [] as SqlValue[] }
      : {
          sql: 'AND (created_at_ms > ? OR (created_at_ms = ? AND id > ?))',
          params: [after.createdAtMs, after.createdAtMs, after.id],
        };
    const rows = await this.db.all(
      `SELECT * FROM risk_decisions WHERE created_at_ms >= ? AND created_at_ms < ? ${cursor.sql}
       ORDER BY created_at_ms, id LIMIT ?`,
      [fromMs, toMs, ...cursor.params, limit],
    );
    return rows.map(toDecision);
  }

  async insertChallenge(c: Challenge) {
    await this.db.run(
      `INSERT INTO risk_challenges (id, order_id, wallet_id, decision_id, status, expires_at_ms,
         created_at_ms, answered_at_ms) VALUES (?,?,?,?,?,?,?,?)`,
      [c.id, c.orderId, c.walletId, c.decisionId, c.status, c.expiresAtMs, c.createdAtMs,
        c.answeredAtMs],
    );
  }

  async getChallenge(id: string) {
    const row = await this.db.get('SELECT * FROM risk_challenges WHERE id = ?', [id]);
    return row === undefined ? undefined : toChallenge(row);
  }

  async answerChallenge(id: string, nowMs: number) {
    const changed = await this.db.run(
      `UPDATE risk_challenges SET status = 'answered', answered_at_ms = ?
       WHERE id = ? AND status = 'pending'`,
      [nowMs, id],
    );
    return changed === 1;
  }

  async insertHold(h: Hold) {
    await this.db.defer(
      `INSERT INTO risk_holds (order_id, merchant_id, wallet_id, decision_id, currency, status,
         released_minor, created_at_ms, resolved_by, resolved_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?)`,
      [h.orderId, h.merchantId, h.walletId, h.decisionId, h.currency, h.status, h.releasedMinor,
        h.createdAtMs, h.resolvedBy, h.resolvedAtMs],
    );
  }

  async getHold(orderId: string) {
    const row = await this.db.get('SELECT * FROM risk_holds WHERE order_id = ?', [orderId]);
    return row === undefined ? undefined : toHold(row);
  }

  async listHolds(
    status: HoldStatus | undefined,
    beforeOrderId: string | undefined,
    limit: number,
  ) {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    if (status !== undefined) {
      clauses.push('status = ?');
      params.push(status);
    }
    if (beforeOrderId !== undefined) {
      clauses.push('order_id < ?');
      params.push(beforeOrderId);
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    const rows = await this.db.all(
      `SELECT * FROM risk_holds ${where} ORDER BY order_id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toHold);
  }

  async resolveHold(
    orderId: string,
    status: Exclude<HoldStatus, 'held'>,
    patch: { releasedMinor: number; resolvedBy: string; resolvedAtMs: number },
  ) {
    const changed = await this.db.run(
      `UPDATE risk_holds SET status = ?, released_minor = ?, resolved_by = ?, resolved_at_ms = ?
       WHERE order_id = ? AND status = 'held'`,
      [status, patch.releasedMinor, patch.resolvedBy, patch.resolvedAtMs, orderId],
    );
    return changed === 1;
  }
}
