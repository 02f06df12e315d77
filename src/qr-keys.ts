import type { Ed25519Verify, QRPublicKey, QRSigner } from './domain/qr-code/index.ts';
import { generateEd25519KeyPair, signerFromPem, verifyEd25519 } from './lib/ed25519.ts';
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
  signer: QRSigner;
  publicKeys: QRPublicKey[];
  verify: Ed25519Verify;
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
    verify: verifyEd25519,
  };
}
