import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateEd25519KeyPair, signerFromPem, verifyEd25519 } from '../../lib/ed25519.ts';
import { createPrng, fuzzSettings } from '../../lib/prng.ts';
import { crc16ccittFalse, emvErrorCodes } from '../emv/index.ts';
import { currencyByCode } from '../money/currency.ts';
import { buildDynamicQRCode, qrCodeErrorCodes, verifyQRCode } from './index.ts';

const now = 1_764_000_000_000;
const pair = generateEd25519KeyPair();
const signer = signerFromPem(pair.privateKeyPem);
const keys = [{ keyId: pair.keyId, publicKey: pair.publicKey, notBeforeMs: 0, notAfterMs: null }];
const known = new Set<string>([...qrCodeErrorCodes, ...emvErrorCodes]);
const alphabet = [...'0123456789ABCDEFabcdef.-_*+ 老王面', '\u{1F600}'];

/** One random edit; with `fixCRC` the CRC is recomputed so only the signature can object. */
function mutate(payload: string, rng: ReturnType<typeof createPrng>, fixCRC: boolean): string {
  const chars = Array.from(payload.slice(0, -4));
  const at = rng.int(0, chars.length - 1);
  const kind = rng.int(0, 2);
  if (kind === 0) chars[at] = rng.pick(alphabet);
  else if (kind === 1) chars.splice(at, 1);
  else chars.splice(at, 0, rng.pick(alphabet));
  const body = chars.join('');
  const crc = fixCRC ? crc16ccittFalse(body) : payload.slice(-4);
  return body + crc;
}

test('mutated signed codes never verify as a different code and fail only with typed codes', () => {
  const { seed, runs } = fuzzSettings(20_000);
  const rng = createPrng(seed);
  const currency = currencyByCode('CNY')!;
  const merchant = {
    id: 'mer_01JD3ZK5Q8N4X7B2C9D6E1F0GH',
    name: 'Lucky Noodle House',
    city: 'Shanghai',
    mcc: '5812',
    countryCode: 'CN',
  };
  const codes = [1, 3850, 123_456].map((amountMinor) =>
    buildDynamicQRCode(
      { guid: 'io.qrpay', merchant, amountMinor, currency, orderToken: 'tok_0123456789',
        expiresAtMs: now + 60_000 },
      signer,
    ),
  );
  let accepted = 0;
  for (let i = 0; i < runs; i++) {
    const original = rng.pick(codes);
    const input = mutate(original, rng, rng.bool(0.7));
    let result: ReturnType<typeof verifyQRCode>;
    try {
      result = verifyQRCode(input, keys, now, verifyEd25519);
    } catch (error) {
      assert.fail(`seed ${seed}, run ${i}: threw ${String(error)} on ${JSON.stringify(input)}`);
    }
    if (result.ok) {
      accepted++;
      assert.equal(input, original, `seed ${seed}, run ${i}: ${original} changed verified`);
    } else {
      assert.ok(known.has(result.code), `seed ${seed}, run ${i}: untyped code ${result.code}`);
    }
  }
  assert.ok(accepted < runs, `seed ${seed}: mutations were all no-ops`);
});
