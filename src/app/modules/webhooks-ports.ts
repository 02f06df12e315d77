/**
 * Storage operations of the webhooks module (merchant API keys, webhook endpoints, deliveries and
 * their attempt log), reached as `tx.webhooks` inside a transaction and `store.read.webhooks`
 * for reads.
 */
import type { CredentialStatus, StoredEvent } from '../ports.ts';

export interface MerchantApiKey {
  readonly id: string;
  readonly merchantId: string;
  readonly name: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
  readonly status: CredentialStatus;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
}

export type WebhookEndpointStatus = 'enabled' | 'disabled' | 'deleted';

export interface WebhookEndpoint {
  readonly id: string;
  readonly merchantId: string;
  readonly url: string;
  /** Event types, or ['*'] for all. */
  readonly events: readonly string[];
  /** The signing secret: stored as is (it signs), never returned after creation. */
  readonly secret: string;
  readonly status: WebhookEndpointStatus;
  /** 'failing' when the platform disabled it; 'merchant' when its owner did. */
  readonly disabledReason: string | null;
  readonly failedAttempts: number;
  readonly failingSinceMs: number | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export type DeliveryState = 'pending' | 'delivering' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  readonly id: number;
  readonly endpointId: string;
  readonly merchantId: string;
  readonly eventSeq: number;
  readonly eventType: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAtMs: number;
  readonly leaseToken: string | null;
  readonly leaseUntilMs: number | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAtMs: number;
  readonly completedAtMs: number | null;
}

export interface WebhookAttempt {
  readonly deliveryId: number;
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  readonly createdAtMs: number;
}

/** What one attempt decided: the delivery's next state. */
export interface AttemptOutcome {
  readonly attempt: WebhookAttempt;
  readonly state: 'pending' | 'succeeded' | 'failed';
  readonly nextAttemptAtMs: number;
}

export interface WebhooksTx {
  getMerchantApiKey(id: string): Promise<MerchantApiKey | undefined>;
  getMerchantApiKeyByHash(keyHash: string): Promise<MerchantApiKey | undefined>;
  listMerchantApiKeys(merchantId: string, limit: number): Promise<MerchantApiKey[]>;
  insertMerchantApiKey(key: MerchantApiKey): Promise<void>;
  revokeMerchantApiKey(id: string, nowMs: number): Promise<boolean>;

  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Endpoints not deleted, oldest first. */
  listEndpoints(merchantId: string, limit: number): Promise<WebhookEndpoint[]>;
  insertEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  setEndpointStatus(
    id: string,
    status: WebhookEndpointStatus,
    reason: string | null,
    nowMs: number,
  ): Promise<boolean>;
  /** Ends the endpoint's pending deliveries as failed (disabled or deleted endpoints). */
  failPendingDeliveries(endpointId: string, error: string, nowMs: number): Promise<number>;

  /** The newest committed sequence number of a merchant's events (0 when none). */
  lastEventSeq(merchantId: string): Promise<number>;
  getEventBySeq(merchantId: string, seq: number): Promise<StoredEvent | undefined>;

  /** A delivery per enabled endpoint of the event's merchant that subscribes to its type. */
  createDeliveries(event: StoredEvent, endpointId?: string): Promise<number[]>;
  /** Takes up to `limit` due deliveries for this node until `leaseUntilMs`; each goes to one. */
  claimDeliveries(
    nowMs: number,
    leaseToken: string,
    leaseUntilMs: number,
    limit: number,
  ): Promise<WebhookDelivery[]>;
  /** Records an attempt and the delivery's next state, if the lease is still this node's. */
  recordAttempt(delivery: WebhookDelivery, outcome: AttemptOutcome): Promise<boolean>;
  /** Gives a claimed delivery back untried (this node is shutting down). */
  releaseDelivery(delivery: WebhookDelivery): Promise<boolean>;
  /** Counts a failed attempt (or resets on success); returns the endpoint after the change. */
  noteEndpointResult(
    endpointId: string,
    ok: boolean,
    nowMs: number,
  ): Promise<WebhookEndpoint | undefined>;
  listDeliveries(endpointId: string, limit: number, beforeId?: number): Promise<WebhookDelivery[]>;
  listAttempts(deliveryId: number, limit: number): Promise<WebhookAttempt[]>;
}
