import type { QRPublicKey } from './domain/qr-code/index.ts';
import {
  type Ed25519Signer,
  generateEd25519KeyPair,
  signerFromPem,
  verifyEd25519Async,
} from './lib/ed25519.ts';
import type { SigningKeyRecord } from './secrets.ts';

/** A new Ed25519 QR signing key, valid from a minute ago (clock skew between nodes). */
export function makeSigningKeyRecord(nowMs: number): SigningKeyRecord {
  const pair = generateEd25519KeyPair();
  return {
    keyId: pair.keyId,
    privateKeyPem: pair.privateKeyPem,
    publicKeyBase64url: Buffer.from(pair.publicKey).toString('base64url'),
    notBeforeMs: nowMs - 60_000,
    notAfterMs: null,
  };
}

/** The newest key signs; every key in the secrets file verifies within its window. */
export function qrKeysFromRecords(records: readonly SigningKeyRecord[]): {
  signer: Ed25519Signer;
  publicKeys: QRPublicKey[];
  verifyAsync: typeof verifyEd25519Async;
} {
  const newest = records[records.length - 1];
  if (!newest) throw new Error('the secrets file holds no QR signing key');
  return {
    signer: signerFromPem(newest.privateKeyPem),
    publicKeys: records.map((r) => ({
      keyId: r.keyId,
      publicKey: Buffer.from(r.publicKeyBase64url, 'base64url'),
      notBeforeMs: r.notBeforeMs,
      notAfterMs: r.notAfterMs,
    })),
    verifyAsync: verifyEd25519Async,
  };
}
