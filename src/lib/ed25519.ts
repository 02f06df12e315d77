import {
  type KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';

/**
 * Ed25519 through node:crypto for qrpay's signed QR codes. Public keys travel raw (32 bytes);
 * private keys as PKCS8 PEM, which never leaves the server and is never logged.
 */
export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKeyPem: string;
  readonly keyId: string;
}

export function generateEd25519KeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return {
    publicKey: raw,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    keyId: keyIdFromPublicKey(raw),
  };
}

/** Loads a PKCS8 PEM private key; throws on a key that is not Ed25519 (a configuration error). */
export function loadEd25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the private key is not Ed25519');
  return key;
}

export function publicKeyFromPrivateKey(privateKey: KeyObject): Uint8Array {
  return rawPublicKey(createPublicKey(privateKey));
}

/** The first 6 bytes of SHA-256 of the raw public key, base64url: 8 characters. */
export function keyIdFromPublicKey(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('base64url').slice(0, 8);
}

export function signEd25519(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

const publicKeyCache = new Map<string, KeyObject>();
const publicKeyCacheMax = 64;

/** Verifies a signature; any malformed key, message or signature yields false, never a throw. */
export function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  const x = Buffer.from(raw).toString('base64url');
  let key = publicKeyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeyCache.size >= publicKeyCacheMax) publicKeyCache.clear();
    publicKeyCache.set(x, key);
  }
  return key;
}

/** Signs with one key and says which (the shape of the QR module's QRSigner). */
export interface Ed25519Signer {
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

/** A signer from a PEM private key: its key id derives from the public key. */
export function signerFromPem(pem: string): Ed25519Signer {
  const privateKey = loadEd25519PrivateKey(pem);
  const keyId = keyIdFromPublicKey(publicKeyFromPrivateKey(privateKey));
  return { keyId, sign: (message) => signEd25519(privateKey, message) };
}

function rawPublicKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}
