import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateEd25519KeyPair, signerFromPem, verifyEd25519 } from '../../lib/ed25519.ts';
import { decodeMPM, encodeMPM, mpmFromJson, mpmToJson } from '../emv/index.ts';
import { currencyByCode } from '../money/currency.ts';
import {
  type QRPublicKey,
  buildDynamicQRCode,
  buildStaticQRCode,
  keysDocument,
  parseKeysDocument,
  qrCodeErrorCodes,
  verifyQRCode,
} from './index.ts';

const cny = currencyByCode('CNY')!;
const jpy = currencyByCode('JPY')!;
const now = 1_764_000_000_000;
const merchant = {
  id: 'mer_01JD3ZK5Q8N4X7B2C9D6E1F0GH',
  name: 'Lucky Noodle House',
  city: 'Shanghai',
  mcc: '5812',
  countryCode: 'CN',
};
const pair = generateEd25519KeyPair();
const signer = signerFromPem(pair.privateKeyPem);
const key: QRPublicKey = {
  keyId: pair.keyId,
  publicKey: pair.publicKey,
  notBeforeMs: now - 86_400_000,
  notAfterMs: null,
};
const order = {
  guid: 'io.qrpay',
  merchant,
  amountMinor: 3850,
  currency: cny,
  orderToken: 'AbCdEfGhIjKlMnOp',
  expiresAtMs: now + 900_000,
};
const dynamic = buildDynamicQRCode(order, signer);
const check = (payload: string, keys: readonly QRPublicKey[] = [key], at = now) =>
  verifyQRCode(payload, keys, at, verifyEd25519);

/** Re-encodes a payload with one value changed, so its CRC is right and only the signature can
 * tell. `path` is "54" or "26.01". */
function altered(payload: string, path: string, value: string): string {
  const decoded = decodeMPM(payload);
  assert.ok(decoded.ok);
  const json = mpmToJson(decoded.value) as Record<string, string | Record<string, string>>;
  const [id, subId] = path.split('.') as [string, string | undefined];
  if (subId === undefined) json[id] = value;
  else json[id] = { ...(json[id] as Record<string, string>), [subId]: value };
  const fields = mpmFromJson(json);
  assert.ok(fields.ok);
  const encoded = encodeMPM(fields.value);
  assert.ok(encoded.ok, encoded.ok ? '' : encoded.message);
  return encoded.value;
}

test('a dynamic code verifies to the facts it was built from', () => {
  const result = check(dynamic);
  assert.deepEqual(result, {
    ok: true,
    value: {
      kind: 'dynamic',
      merchantId: merchant.id,
      currency: 'CNY',
      keyId: pair.keyId,
      merchantName: 'Lucky Noodle House',
      amountMinor: 3850,
      orderToken: 'AbCdEfGhIjKlMnOp',
      expiresAtMs: now + 900_000,
    },
  });
});

test('a dynamic code is a strict EMV payload with amount in 54 and currency in 53', () => {
  const decoded = decodeMPM(dynamic);
  assert.ok(decoded.ok);
  const json = mpmToJson(decoded.value);
  assert.equal(json['01'], '12');
  assert.equal(json['53'], '156');
  assert.equal(json['54'], '38.50');
  assert.deepEqual(json['62'], { '05': 'AbCdEfGhIjKlMnOp' });
  assert.ok(dynamic.length <= 320, `a typical order's code has ${dynamic.length} characters`);
});

test('the longest guid, key id and order token still fit the 99-character templates', () => {
  const guid = 'com.example.payments.qr.code.v01';
  assert.equal(guid.length, 32);
  const longSigner = { keyId: 'ABCDEFGH', sign: signer.sign };
  const payload = buildDynamicQRCode(
    { ...order, guid, orderToken: 'x'.repeat(24), amountMinor: 999_999_999_999 },
    longSigner,
  );
  const result = verifyQRCode(payload, [{ ...key, keyId: 'ABCDEFGH' }], now, verifyEd25519, {
    guid,
  });
  assert.ok(result.ok);
  assert.equal(result.value.amountMinor, 999_999_999_999);
});

test('a changed amount, merchant, token, expiry or name fails the signature', () => {
  const changes: [string, string][] = [
    ['54', '3.85'],
    ['26.01', 'mer_01JD3ZK5Q8N4X7B2C9D6E1F0GJ'],
    ['62.05', 'AbCdEfGhIjKlMnOq'],
    ['26.03', String((now + 9_000_000) / 1000)],
    ['53', '840'],
    ['59', 'Starbucks'],
    ['60', 'Beijing'],
    ['52', '5999'],
  ];
  for (const [path, value] of changes) {
    const result = check(altered(dynamic, path, value));
    assert.equal(result.ok ? 'ok' : result.code, 'qr_code_signature_invalid', path);
  }
});

test('a key id swapped for another listed key fails; an unlisted one is unknown', () => {
  const other = generateEd25519KeyPair();
  const otherKey = { ...key, keyId: other.keyId, publicKey: other.publicKey };
  const swapped = check(altered(dynamic, '26.02', other.keyId), [key, otherKey]);
  assert.equal(swapped.ok ? 'ok' : swapped.code, 'qr_code_signature_invalid');
  const unlisted = check(altered(dynamic, '26.02', 'zzzzzzzz'));
  assert.equal(unlisted.ok ? 'ok' : unlisted.code, 'qr_code_key_unknown');
});

test('a signature moved from another code does not verify', () => {
  const other = buildDynamicQRCode({ ...order, amountMinor: 1 }, signer);
  const decodedOther = decodeMPM(other);
  assert.ok(decodedOther.ok);
  const otherJson = mpmToJson(decodedOther.value);
  let forged = altered(dynamic, '27.08', (otherJson['27'] as Record<string, string>)['08']!);
  forged = altered(forged, '28.09', (otherJson['28'] as Record<string, string>)['09']!);
  const result = check(forged);
  assert.equal(result.ok ? 'ok' : result.code, 'qr_code_signature_invalid');
});

test('a code is refused with qr_code_expired from its expiry on, not before', () => {
  assert.ok(check(dynamic, [key], now + 899_999).ok);
  const result = check(dynamic, [key], now + 900_000);
  assert.equal(result.ok ? 'ok' : result.code, 'qr_code_expired');
});

test('expiry is carried in whole seconds, rounded down so a code never outlives its order', () => {
  const payload = buildDynamicQRCode({ ...order, expiresAtMs: now + 1_999 }, signer);
  const result = check(payload);
  assert.ok(result.ok);
  assert.equal(result.value.expiresAtMs, now + 1_000);
});

test('an unknown key, or a key outside its window, gives qr_code_key_unknown', () => {
  const cases: [string, QRPublicKey[]][] = [
    ['no keys', []],
    ['retired', [{ ...key, notAfterMs: now }]],
    ['not yet valid', [{ ...key, notBeforeMs: now + 1 }]],
  ];
  for (const [name, keys] of cases) {
    const result = check(dynamic, keys);
    assert.equal(result.ok ? 'ok' : result.code, 'qr_code_key_unknown', name);
  }
});

test('a code that expires before its key became valid was not signed in the window', () => {
  const keys = [{ ...key, notBeforeMs: now - 1000 }];
  const early = buildDynamicQRCode({ ...order, expiresAtMs: now - 1000 }, signer);
  const result = check(early, keys, now);
  assert.equal(result.ok ? 'ok' : result.code, 'qr_code_key_unknown');
});

test('after a rotation old codes verify while their key is valid; new ones use the new key', () => {
  const next = generateEd25519KeyPair();
  const nextKey = { ...key, keyId: next.keyId, publicKey: next.publicKey, notBeforeMs: now };
  const retiring = { ...key, notAfterMs: now + 86_400_000 };
  const fresh = buildDynamicQRCode(order, signerFromPem(next.privateKeyPem));
  const keys = [retiring, nextKey];
  const oldResult = check(dynamic, keys);
  const newResult = check(fresh, keys);
  assert.ok(oldResult.ok && newResult.ok);
  assert.equal(newResult.value.keyId, next.keyId);
  const sticker = buildStaticQRCode({ guid: 'io.qrpay', merchant, currency: cny }, signer);
  const late = check(sticker, keys, now + 86_400_000);
  assert.equal(late.ok ? 'ok' : late.code, 'qr_code_key_unknown');
});

test('a static code verifies with no amount, token or expiry', () => {
  const sticker = buildStaticQRCode({ guid: 'io.qrpay', merchant, currency: jpy }, signer);
  const result = check(sticker, [key], now + 10 * 365 * 86_400_000);
  assert.ok(result.ok);
  assert.equal(result.value.kind, 'static');
  assert.equal(result.value.currency, 'JPY');
  assert.equal(result.value.amountMinor, null);
  assert.equal(result.value.orderToken, null);
  assert.equal(result.value.expiresAtMs, null);
});

test('a Chinese name goes to template 64 in UTF-8 and the CRC covers its bytes', () => {
  const local = { ...merchant, name: '老王牛肉面', city: '上海' };
  const sticker = buildStaticQRCode({ guid: 'io.qrpay', merchant: local, currency: cny }, signer);
  const decoded = decodeMPM(sticker);
  assert.ok(decoded.ok);
  const json = mpmToJson(decoded.value);
  assert.deepEqual(json['64'], { '00': 'ZH', '01': '老王牛肉面', '02': '上海' });
  assert.equal(json['59'], 'NA');
  const result = check(sticker);
  assert.equal(result.ok && result.value.merchantName, '老王牛肉面');
});

test('accented Latin names are folded to ASCII in 59 and long names are cut to 25', () => {
  const name = 'Café Zürich Süßwaren und Feinkost';
  const sticker = buildStaticQRCode(
    { guid: 'io.qrpay', merchant: { ...merchant, name }, currency: cny },
    signer,
  );
  const decoded = decodeMPM(sticker);
  assert.ok(decoded.ok);
  assert.equal(mpmToJson(decoded.value)['59'], 'Cafe Zurich Susswaren und');
  assert.equal(mpmToJson(decoded.value)['64'], undefined);
});

// Real published payloads; each CRC was checked with crc16ccittFalse before it was put here.
const pix =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
  '5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const promptPay =
  '00020101021129370016A000000677010111011300660000000005802TH530376463048956';

test('PIX and PromptPay codes are foreign (qr_code_not_qrpay), naming the scheme', () => {
  const cases: [string, string][] = [
    [pix, 'br.gov.bcb.pix'],
    [promptPay, 'A000000677010111'],
  ];
  for (const [payload, scheme] of cases) {
    const result = check(payload);
    assert.equal(result.ok ? 'ok' : result.code, 'qr_code_not_qrpay');
    assert.match(result.ok ? '' : result.message, new RegExp(scheme));
  }
});

test('a qrpay code of another deployment guid is foreign to this one', () => {
  const result = verifyQRCode(dynamic, [key], now, verifyEd25519, { guid: 'com.example' });
  assert.equal(result.ok ? 'ok' : result.code, 'qr_code_not_qrpay');
});

test('a code that claims to be qrpay but carries no signature is refused as invalid', () => {
  const decoded = decodeMPM(dynamic);
  assert.ok(decoded.ok);
  const json = mpmToJson(decoded.value) as Record<string, unknown>;
  delete json['27'];
  delete json['28'];
  const fields = mpmFromJson(json);
  assert.ok(fields.ok);
  const unsigned = encodeMPM(fields.value);
  assert.ok(unsigned.ok);
  const result = check(unsigned.value);
  assert.equal(result.ok ? 'ok' : result.code, 'qr_code_signature_invalid');
});

test('payloads that are not valid EMV get the codec codes', () => {
  const misread = `${dynamic.slice(0, 100)}X${dynamic.slice(101)}`;
  const crc = check(misread);
  assert.equal(crc.ok ? 'ok' : crc.code, 'emv_crc_mismatch');
  const url = check('https://qr.alipay.com/bax01234');
  assert.ok(!url.ok && url.code.startsWith('emv_'));
});

test('qrCodeErrorCodes lists the four qr_code_ codes', () => {
  assert.deepEqual([...qrCodeErrorCodes].sort(), [
    'qr_code_expired',
    'qr_code_key_unknown',
    'qr_code_not_qrpay',
    'qr_code_signature_invalid',
  ]);
});

test('the keys document survives JSON and verifies the codes its keys signed', () => {
  const text = JSON.stringify(keysDocument([key]));
  const parsed = parseKeysDocument(JSON.parse(text));
  assert.ok(parsed.ok);
  assert.ok(check(dynamic, parsed.value).ok);
  assert.match(text, /"kty":"OKP","crv":"Ed25519"/);
  assert.doesNotMatch(text, /PRIVATE/);
});

test('a malformed keys document is refused with qr_keys_invalid', () => {
  const bad = [null, {}, { keys: 'x' }, { keys: [{ kid: 'a', crv: 'Ed25519', x: 'AAAA' }] }];
  for (const doc of bad) {
    const parsed = parseKeysDocument(doc);
    assert.equal(parsed.ok ? 'ok' : parsed.code, 'qr_keys_invalid');
  }
});
