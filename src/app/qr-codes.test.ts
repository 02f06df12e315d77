/**
 * The server's codes sign and verify on the thread pool; the answers are the domain's, in the
 * domain's order: a forged signature outranks an expiry found after it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currencyByCode } from '../domain/money/currency.ts';
import { buildDynamicQRCode } from '../domain/qr-code/index.ts';
import { generateEd25519KeyPair, signerFromPem, verifyEd25519Async } from '../lib/ed25519.ts';
import { createQRCodes } from './qr-codes.ts';

const pair = generateEd25519KeyPair();
const signer = signerFromPem(pair.privateKeyPem);
const publicKeys = [{ keyId: pair.keyId, publicKey: pair.publicKey, notBeforeMs: 0, notAfterMs: null }];
const codes = createQRCodes({ guid: 'io.qrpay', signer, publicKeys, verifyAsync: verifyEd25519Async });
const input = {
  merchant: { id: 'mer_01HZY3V6J2M4N8P0Q1R2S3T4V5', name: 'Tea House', city: 'Shanghai', mcc: '5812', countryCode: 'CN' },
  amountMinor: 3850,
  currency: currencyByCode('CNY')!,
  orderToken: 'tok123',
  expiresAtMs: 2_000_000_000_000,
};

test('a code signed on the thread pool is the code the synchronous signer makes, and verifies', async () => {
  const payload = await codes.signDynamic(input);
  assert.equal(payload, buildDynamicQRCode({ guid: 'io.qrpay', ...input }, signer));
  const verified = await codes.verify(payload, 1_900_000_000_000);
  assert.ok(verified.ok);
  assert.equal(verified.value.amountMinor, 3850);
});

test('expired is reported for a genuine code, signature_invalid for a forged one, even expired', async () => {
  const payload = await codes.signDynamic(input);
  const late = 2_100_000_000_000;
  const expired = await codes.verify(payload, late);
  assert.equal(expired.ok ? 'ok' : expired.code, 'qr_code_expired');
  // another key with the same key id: the signature no longer matches
  const forger = generateEd25519KeyPair();
  const forged = buildDynamicQRCode({ guid: 'io.qrpay', ...input },
    { keyId: pair.keyId, sign: (m) => signerFromPem(forger.privateKeyPem).sign(m) });
  for (const at of [1_900_000_000_000, late]) {
    const result = await codes.verify(forged, at);
    assert.equal(result.ok ? 'ok' : result.code, 'qr_code_signature_invalid');
  }
  const notQrpay = await codes.verify('000201010211', 1_900_000_000_000);
  assert.equal(notQrpay.ok, false);
});
