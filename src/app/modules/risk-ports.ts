/**
 * Storage operations of the risk module, reached as `tx.risk` inside a transaction (and
 * `store.read.risk` for reads). Counters are bucketed so a decision reads a few rows per subject
 * and never scans the payments table; increments are single upsert statements, so concurrent
 * payments on any number of nodes never lose a count.
 */
import type { RuleDefinition, RuleMatch, RuleMode, RuleOutcome } from '../../domain/risk/index.ts';

export interface StoredRule extends RuleDefinition {
  readonly createdBy: string;
  readonly createdAtMs: number;
}

export type RiskChangeSubject = 'rule' | 'list';

/** One line of the audit trail: who changed which rule or list, how and when. */
export interface RiskChange {
  readonly id: number;
  readonly subjectKind: RiskChangeSubject;
  /** The rule id or the list name. */
  readonly subject: string;
  readonly version: number | null;
  readonly action: string;
  readonly actor: string;
  /** JSON: what changed. */
  readonly detail: string;
  readonly createdAtMs: number;
}

export interface ListEntry {
  readonly listName: string;
  readonly value: string;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAtMs: number;
}

/** Whose payments a counter counts. `wallet_merchant` ids are `<walletId>>` + merchant id. */
export type CounterKind =
  | 'wallet'
  | 'device'
  | 'merchant'
  | 'wallet_merchant'
  | 'wallet_password_failure'
  | 'wallet_lock';

export interface CounterSubject {
  readonly kind: CounterKind;
  readonly id: string;
}

/** A subject counted in buckets of these widths, each kept for `keepMs`. */
export interface CounterIncrement {
  readonly subject: CounterSubject;
  readonly spans: readonly { readonly spanMs: number; readonly keepMs: number }[];
}

/** One bucket of one subject: `spanMs` wide, starting at `bucketMs`. */
export interface CounterBucket extends CounterSubject {
  readonly spanMs: number;
  readonly bucketMs: number;
  readonly count: number;
  readonly sumMinor: number;
}

export interface DeviceWallets {
  readonly distinctWallets1h: number;
  readonly distinctWallets24h: number;
  /** This wallet has paid from this device before. */
  readonly known: boolean;
}

/** What the payment path did with a decision. */
export type DecisionResult = 'paid' | 'held' | 'blocked' | 'challenged';

export interface StoredDecision {
  readonly id: string;
  readonly orderId: string;
  readonly walletId: string;
  readonly merchantId: string;
  readonly deviceId: string;
  readonly ip: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** The engine's outcome (a `challenge` answered on retry still reads `challenge`). */
  readonly outcome: RuleOutcome;
  readonly result: DecisionResult;
  readonly reasonCodes: readonly string[];
  readonly matchedRules: readonly RuleMatch[];
  readonly shadowMatches: readonly RuleMatch[];
  readonly shadowOutcome: RuleOutcome;
  /** The challenge this decision issued, or the one it answered. */
  readonly challengeId: string | null;
  /** JSON of the RiskContext the engine saw. */
  readonly context: string;
  readonly createdAtMs: number;
}

export interface DecisionFilter {
  readonly outcome?: RuleOutcome;
  readonly result?: DecisionResult;
  readonly walletId?: string;
  readonly merchantId?: string;
  readonly orderId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Newest first; decisions with ids below this one. */
  readonly beforeId?: string;
  readonly limit: number;
}

export type ChallengeStatus = 'pending' | 'answered';

export interface Challenge {
  readonly id: string;
  readonly orderId: string;
  readonly walletId: string;
  readonly decisionId: string;
  readonly status: ChallengeStatus;
  readonly expiresAtMs: number;
  readonly createdAtMs: number;
  readonly answeredAtMs: number | null;
}

export type HoldStatus = 'held' | 'released' | 'refunded';

export interface Hold {
  readonly orderId: string;
  readonly merchantId: string;
  readonly walletId: string;
  readonly decisionId: string;
  readonly currency: string;
  readonly status: HoldStatus;
  /** Moved from held to available when released. */
  readonly releasedMinor: number;
  readonly createdAtMs: number;
  readonly resolvedBy: string | null;
  readonly resolvedAtMs: number | null;
}

export interface RiskTx {
  listRules(): Promise<StoredRule[]>;
  /** Grows with every change of rules or lists: a node recompiles its rule set when it moves. */
  rulesRevision(): Promise<number>;
  insertRule(rule: StoredRule): Promise<boolean>;
  updateRuleState(id: string, version: number, enabled: boolean, mode: RuleMode): Promise<boolean>;
  insertChange(change: Omit<RiskChange, 'id'>): Promise<void>;
  listChanges(
    subject: string | undefined,
    beforeId: number | undefined,
    limit: number,
  ): Promise<RiskChange[]>;

  listEntries(
    listName: string,
    afterValue: string | undefined,
    limit: number,
  ): Promise<ListEntry[]>;
  countEntries(): Promise<Map<string, number>>;
  /** Entries of any list whose value is one of these (a payment's wallet, device, …). */
  findEntries(values: readonly string[]): Promise<ListEntry[]>;
  putEntry(entry: ListEntry): Promise<boolean>;
  deleteEntry(listName: string, value: string): Promise<boolean>;

  /** Buckets of these subjects that start at or after `fromMs`. */
  readCounters(subjects: readonly CounterSubject[], fromMs: number): Promise<CounterBucket[]>;
  /**
   * Adds one event of `amountMinor` to the bucket of each span holding `nowMs`, for every
   * subject, in one multi-row upsert; the first event of a new bucket prunes that subject's
   * buckets older than the span's `keepMs` (one more statement, about once a minute a subject).
   */
  addToCounters(increments: readonly CounterIncrement[], amountMinor: number, nowMs: number): Promise<void>;
  deviceWallets(deviceId: string, walletId: string, nowMs: number): Promise<DeviceWallets>;
  touchDeviceWallet(
    deviceId: string,
    walletId: string,
    nowMs: number,
    keepMs: number,
  ): Promise<void>;

  insertDecision(decision: StoredDecision): Promise<void>;
  getDecision(id: string): Promise<StoredDecision | undefined>;
  listDecisions(filter: DecisionFilter): Promise<StoredDecision[]>;
  /** Decisions of [fromMs, toMs) in time order, after a (createdAtMs, id) cursor. */
  listDecisionsForReplay(
    fromMs: number,
    toMs: number,
    after: { createdAtMs: number; id: string } | null,
    limit: number,
  ): Promise<StoredDecision[]>;

  insertChallenge(challenge: Challenge): Promise<void>;
  getChallenge(id: string): Promise<Challenge | undefined>;
  /** pending → answered; false when it was no longer pending. */
  answerChallenge(id: string, nowMs: number): Promise<boolean>;

  insertHold(hold: Hold): Promise<void>;
  getHold(orderId: string): Promise<Hold | undefined>;
  listHolds(
    status: HoldStatus | undefined,
    beforeOrderId: string | undefined,
    limit: number,
  ): Promise<Hold[]>;
  /** held → released/refunded; false when the hold was no longer held. */
  resolveHold(
    orderId: string,
    status: Exclude<HoldStatus, 'held'>,
    patch: { releasedMinor: number; resolvedBy: string; resolvedAtMs: number },
  ): Promise<boolean>;
}
