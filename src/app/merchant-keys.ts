/**
 * Merchant API keys: server-side credentials for a merchant's own systems. Shown once, stored
 * as their SHA-256, revocable. A key reads, closes and refunds its merchant's orders and manages
 * its webhook endpoints.
 */
import { sha256Hex } from '../lib/crypto.ts';
import { merchantApiKeysPerMerchantMax } from '../lib/limits.ts';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { requireMerchant } from './merchants.ts';
import type { MerchantApiKey } from './modules/webhooks-ports.ts';
import { iso } from './views.ts';

export const merchantKeyPrefix = 'qrp_mer_';
/** Revoked keys stay listed (an audit trail), so a listing reaches past the active bound. */
const keysListedMax = merchantApiKeysPerMerchantMax * 5;

export interface MerchantApiKeyView {
  id: string;
  object: 'merchant_api_key';
  merchantId: string;
  name: string;
  keyPrefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
}

export function merchantApiKeyView(k: MerchantApiKey): MerchantApiKeyView {
  return {
    id: k.id,
    object: 'merchant_api_key',
    merchantId: k.merchantId,
    name: k.name,
    keyPrefix: k.keyPrefix,
    status: k.status,
    createdAt: iso(k.createdAtMs),
    revokedAt: k.revokedAtMs === null ? null : iso(k.revokedAtMs),
  };
}

export async function createMerchantApiKey(
  deps: AppDeps,
  merchantId: string,
  name: string,
): Promise<{ key: MerchantApiKey; apiKey: string }> {
  await requireMerchant(deps, merchantId);
  const apiKey = `${merchantKeyPrefix}${deps.ids.secret(24)}`;
  const key: MerchantApiKey = {
    id: deps.ids.id('mkey'),
    merchantId,
    name,
    keyHash: sha256Hex(apiKey),
    keyPrefix: apiKey.slice(0, 12),
    status: 'active',
    createdAtMs: deps.clock.nowMs(),
    revokedAtMs: null,
  };
  await deps.store.write(async (tx) => {
    const existing = await tx.webhooks.listMerchantApiKeys(merchantId, keysListedMax);
    const active = existing.filter((k) => k.status === 'active');
    if (active.length >= merchantApiKeysPerMerchantMax) {
      throw new AppError(
        'merchant_api_keys_exhausted',
        `a merchant has at most ${merchantApiKeysPerMerchantMax} active API keys; revoke one`,
      );
    }
    await tx.webhooks.insertMerchantApiKey(key);
  });
  return { key, apiKey };
}

export async function listMerchantApiKeys(deps: AppDeps, merchantId: string) {
  await requireMerchant(deps, merchantId);
  return deps.store.read.webhooks.listMerchantApiKeys(merchantId, keysListedMax);
}

export async function revokeMerchantApiKey(deps: AppDeps, merchantId: string, keyId: string) {
  return deps.store.write(async (tx) => {
    const key = await tx.webhooks.getMerchantApiKey(keyId);
    if (!key || key.merchantId !== merchantId) {
      throw new AppError('merchant_api_key_not_found', `no API key ${keyId} for this merchant`);
    }
    await tx.webhooks.revokeMerchantApiKey(keyId, deps.clock.nowMs());
    const revoked = await tx.webhooks.getMerchantApiKey(keyId);
    if (!revoked) throw new AppError('merchant_api_key_not_found', `no API key ${keyId}`);
    return revoked;
  });
}
