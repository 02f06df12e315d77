import type { FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import type { Store, Terminal, Wallet } from '../app/ports.ts';
import { safeEqual, sha256Hex } from '../lib/crypto.ts';

export type Caller =
  | { kind: 'operator' }
  | { kind: 'terminal'; terminal: Terminal }
  | { kind: 'wallet'; wallet: Wallet }
  | { kind: 'merchant'; merchantId: string; keyId: string }
  /** A merchant applicant's sign-in session; routes check expiresAtMs against deps.clock. */
  | { kind: 'applicant'; applicantId: string; expiresAtMs: number };

export type CallerKind = Caller['kind'];

/** Credentials carry their kind in a prefix, so a lookup goes to one table only. */
const prefixes = {
  terminal: 'qrp_term_',
  wallet: 'qrp_wal_',
  operator: 'qrp_admin_',
  merchant: 'qrp_mer_',
  applicant: 'qrp_app_',
} as const;

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    throw new AppError('auth_missing', 'send Authorization: Bearer <key>');
  }
  const match = /^Bearer ([A-Za-z0-9_-]{8,200})$/.exec(header);
  if (!match?.[1]) throw new AppError('auth_invalid', 'the Authorization header is malformed');
  return match[1];
}

/** A merchant's server-side API key, stored as its SHA-256 like terminal keys. */
async function merchantCaller(store: Store, key: string): Promise<Caller | undefined> {
  const found = await store.read.webhooks.getMerchantApiKeyByHash(sha256Hex(key));
  if (found?.status === 'revoked') {
    throw new AppError('merchant_api_key_revoked', 'this merchant API key was revoked');
  }
  return found ? { kind: 'merchant', merchantId: found.merchantId, keyId: found.id } : undefined;
}

/** An applicant's session token, stored as its SHA-256 (random, so no slow hash). */
async function applicantCaller(store: Store, key: string): Promise<Caller | undefined> {
  const session = await store.read.kyc.getApplicantSession(sha256Hex(key));
  if (!session) return undefined;
  return { kind: 'applicant', applicantId: session.applicantId, expiresAtMs: session.expiresAtMs };
}

export function createAuthenticator(store: Store, adminKeyHash: string) {
  return async function authenticate(request: FastifyRequest, allowed: readonly CallerKind[]) {
    const key = bearer(request);
    let caller: Caller | undefined;
    if (key.startsWith(prefixes.operator)) {
      if (safeEqual(sha256Hex(key), adminKeyHash)) caller = { kind: 'operator' };
    } else if (key.startsWith(prefixes.terminal)) {
      const terminal = await store.read.getTerminalByKeyHash(sha256Hex(key));
      if (terminal?.status === 'revoked') throw new AppError('terminal_revoked', 'this terminal key was revoked');
      if (terminal) caller = { kind: 'terminal', terminal };
    } else if (key.startsWith(prefixes.wallet)) {
      const wallet = await store.read.getWalletByTokenHash(sha256Hex(key));
      if (wallet) caller = { kind: 'wallet', wallet };
    } else if (key.startsWith(prefixes.merchant)) {
      caller = await merchantCaller(store, key);
    } else if (key.startsWith(prefixes.applicant)) {
      caller = await applicantCaller(store, key);
    }
    if (!caller) throw new AppError('auth_invalid', 'the key is not valid');
    if (!allowed.includes(caller.kind)) {
      throw new AppError('auth_forbidden', `this endpoint is not for a ${caller.kind} key`);
    }
    return caller;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;

/** A stable scope for idempotency keys: one caller's keys never collide with another's. */
export function callerScope(caller: Caller | null): string {
  if (caller === null) return 'anonymous';
  if (caller.kind === 'operator') return 'operator';
  if (caller.kind === 'terminal') return `terminal:${caller.terminal.id}`;
  if (caller.kind === 'merchant') return `merchant:${caller.merchantId}`;
  if (caller.kind === 'applicant') return `applicant:${caller.applicantId}`;
  return `wallet:${caller.wallet.id}`;
}
