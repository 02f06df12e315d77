import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  generateEd25519KeyPair,
  keyIdFromPublicKey,
  loadEd25519PrivateKey,
  publicKeyFromPrivateKey,
  signEd25519,
  signerFromPem,
  verifyEd25519,
} from './ed25519.ts';

const message = new TextEncoder().encode('qrpay');

test('a generated key pair signs and its raw 32-byte public key verifies', () => {
  const pair = generateEd25519KeyPair();
  assert.equal(pair.publicKey.length, 32);
  assert.match(pair.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
  const signature = signEd25519(loadEd25519PrivateKey(pair.privateKeyPem), message);
  assert.equal(signature.length, 64);
  assert.equal(verifyEd25519(pair.publicKey, message, signature), true);
  assert.equal(verifyEd25519(pair.publicKey, new TextEncoder().encode('qrpaY'), signature), false);
});

test('the key id is 8 base64url characters of SHA-256 of the public key', () => {
  const pair = generateEd25519KeyPair();
  const expected = createHash('sha256').update(pair.publicKey).digest('base64url').slice(0, 8);
  assert.equal(keyIdFromPublicKey(pair.publicKey), expected);
  assert.equal(pair.keyId, expected);
  const loaded = publicKeyFromPrivateKey(loadEd25519PrivateKey(pair.privateKeyPem));
  assert.deepEqual(loaded, pair.publicKey);
});

test('signerFromPem signs with the key its id names', () => {
  const pair = generateEd25519KeyPair();
  const signer = signerFromPem(pair.privateKeyPem);
  assert.equal(signer.keyId, pair.keyId);
  assert.equal(verifyEd25519(pair.publicKey, message, signer.sign(message)), true);
});

test('verify returns false, never throws, on malformed keys and signatures', () => {
  const pair = generateEd25519KeyPair();
  const signature = signerFromPem(pair.privateKeyPem).sign(message);
  const cases: [Uint8Array, Uint8Array][] = [
    [new Uint8Array(0), signature],
    [new Uint8Array(31), signature],
    [new Uint8Array(32).fill(0xff), signature],
    [pair.publicKey, new Uint8Array(0)],
    [pair.publicKey, signature.subarray(0, 63)],
    [pair.publicKey, new Uint8Array(64).fill(0xff)],
  ];
  for (const [key, sig] of cases) assert.equal(verifyEd25519(key, message, sig), false);
});

test('loading a PEM that is not an Ed25519 private key throws a configuration error', () => {
  assert.throws(() => loadEd25519PrivateKey('not a pem'));
});
