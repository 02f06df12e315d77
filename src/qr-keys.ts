import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash } from 'node:crypto';
import type { Ed25519Verify, QRPublicKey, QRSigner } from './domain/qr-code/index.ts';
import type { SigningKeyRecord } from './secrets.ts';

/** Ed25519 keys for QR signatures, kept in the secrets file; the newest signs. */
export function makeSigningKeyRecord(nowMs: number): SigningKeyRecord {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return {
    keyId: createHash('sha256').update(raw).digest('base64url').slice(0, 8),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64url: raw.toString('base64url'),
    notBeforeMs: nowMs - 60_000,
    notAfterMs: null,
  };
}

const keyObjects = new Map<string, ReturnType<typeof createPublicKey>>();

const verifyEd25519: Ed25519Verify = (publicKey, message, signature) => {
  try {
    const x = Buffer.from(publicKey).toString('base64url');
    let key = keyObjects.get(x);
    if (!key) {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      keyObjects.set(x, key);
    }
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
};

export function qrKeysFromRecords(records: readonly SigningKeyRecord[]): {
  signer: QRSigner;
  publicKeys: QRPublicKey[];
  verify: Ed25519Verify;
} {
  const newest = records[records.length - 1];
  if (!newest) throw new Error('the secrets file holds no QR signing key');
  const privateKey = createPrivateKey(newest.privateKeyPem);
  return {
    signer: { keyId: newest.keyId, sign: (message) => sign(null, message, privateKey) },
    publicKeys: records.map((r) => ({
      keyId: r.keyId,
      publicKey: Buffer.from(r.publicKeyBase64url, 'base64url'),
      notBeforeMs: r.notBeforeMs,
      notAfterMs: r.notAfterMs,
    })),
    verify: verifyEd25519,
  };
}
