import { type Result, fail, ok } from '../../lib/result.ts';
import { base64urlDecode, base64urlEncode } from '../emv/index.ts';
import type { QRPublicKey } from './types.ts';

/**
 * The document served at /.well-known/qrpay-keys.json: a JWK set (RFC 8037 OKP keys) whose
 * entries also carry their validity window in Unix milliseconds. notAfterMs null: no end yet.
 */
export interface QRKeysDocument {
  keys: {
    kid: string;
    kty: 'OKP';
    crv: 'Ed25519';
    alg: 'EdDSA';
    use: 'sig';
    x: string;
    notBeforeMs: number;
    notAfterMs: number | null;
  }[];
}

export function keysDocument(keys: readonly QRPublicKey[]): QRKeysDocument {
  return {
    keys: keys.map((k) => ({
      kid: k.keyId,
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
      x: base64urlEncode(k.publicKey),
      notBeforeMs: k.notBeforeMs,
      notAfterMs: k.notAfterMs,
    })),
  };
}

export const keysDocumentErrorCodes = ['qr_keys_invalid'] as const;
export type KeysDocumentErrorCode = (typeof keysDocumentErrorCodes)[number];

/** The largest key set accepted: rotation keeps a handful, never hundreds. */
export const keysDocumentKeysMax = 64;

/** Reads a keys document back (the CLI's `--keys`, a wallet's cache). */
export function parseKeysDocument(json: unknown): Result<QRPublicKey[], KeysDocumentErrorCode> {
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length > keysDocumentKeysMax) {
    return fail('qr_keys_invalid', `expected {"keys": [...]} with at most ${keysDocumentKeysMax}`);
  }
  const out: QRPublicKey[] = [];
  for (const [index, item] of (keys as unknown[]).entries()) {
    const key = parseKey(item);
    if (!key) return fail('qr_keys_invalid', `key ${index} is not an Ed25519 key with a window`);
    out.push(key);
  }
  return ok(out);
}

function parseKey(item: unknown): QRPublicKey | null {
  if (typeof item !== 'object' || item === null) return null;
  const k = item as Record<string, unknown>;
  const publicKey = typeof k['x'] === 'string' ? base64urlDecode(k['x']) : null;
  const notBeforeMs = k['notBeforeMs'];
  const notAfterMs = k['notAfterMs'] ?? null;
  if (typeof k['kid'] !== 'string' || k['crv'] !== 'Ed25519' || publicKey?.length !== 32) {
    return null;
  }
  if (!Number.isSafeInteger(notBeforeMs)) return null;
  if (notAfterMs !== null && !Number.isSafeInteger(notAfterMs)) return null;
  return {
    keyId: k['kid'],
    publicKey,
    notBeforeMs: notBeforeMs as number,
    notAfterMs: notAfterMs as number | null,
  };
}
