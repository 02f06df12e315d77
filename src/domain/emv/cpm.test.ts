import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Encode, hexToBytes } from './base64.ts';
import { type CPMNode, cpmFromJson, decodeCPM, encodeCPM } from './cpm.ts';

/** 85 "CPV01"; 61 { 4F Visa AID, 57 track 2, 5F20 "CARD HOLDER", 63 { 9F26 cryptogram } }. */
const sampleHex =
  '8505435056303161' +
  '37' +
  '4F07A0000000031010' +
  '5711476173900101001000D25122010000000F' +
  '5F200B4341524420484F4C444552' +
  '630B9F2608123456789ABCDEF0';

function sample(): string {
  const bytes = hexToBytes(sampleHex);
  assert.ok(bytes);
  return base64Encode(bytes);
}

test('decodeCPM returns the BER-TLV tree of a consumer-presented payload', () => {
  const decoded = decodeCPM(sample());
  assert.ok(decoded.ok, JSON.stringify(decoded));
  assert.deepEqual(decoded.value[0], { tag: '85', value: '4350563031', text: 'CPV01' });
  const app = decoded.value[1];
  assert.ok(app && 'children' in app);
  assert.equal(app.tag, '61');
  assert.deepEqual(app.children.map((c) => c.tag), ['4F', '57', '5F20', '63']);
  const holder = { tag: '5F20', value: '4341524420484F4C444552', text: 'CARD HOLDER' };
  assert.deepEqual(app.children[2], holder);
  const transparent = app.children[3];
  assert.ok(transparent && 'children' in transparent);
  assert.deepEqual(transparent.children[0], { tag: '9F26', value: '123456789ABCDEF0' });
});

test('encodeCPM round-trips what decodeCPM returns', () => {
  const decoded = decodeCPM(sample());
  assert.ok(decoded.ok);
  const encoded = encodeCPM(decoded.value);
  assert.deepEqual(encoded, { ok: true, value: sample() });
});

const rejections: [string, string, string][] = [
  ['text that is not Base64', 'hQVD*FYwMQ', 'emv_cpm_base64_invalid'],
  ['an empty payload', '', 'emv_cpm_base64_invalid'],
  ['a length past the end', base64Encode(Uint8Array.of(0x85, 0x09, 0x43)), 'emv_cpm_tlv_invalid'],
  ['an indefinite length', base64Encode(Uint8Array.of(0x61, 0x80, 0, 0)), 'emv_cpm_tlv_invalid'],
  ['a cut-off two-byte tag', base64Encode(Uint8Array.of(0x9f)), 'emv_cpm_tlv_invalid'],
  ['a missing CPV01', base64Encode(Uint8Array.of(0x61, 0x00)), 'emv_cpm_format_indicator_invalid'],
  [
    'no application template',
    base64Encode(Uint8Array.of(0x85, 0x05, 0x43, 0x50, 0x56, 0x30, 0x31)),
    'emv_cpm_application_missing',
  ],
];

for (const [what, payload, code] of rejections) {
  test(`decodeCPM rejects ${what} with ${code}`, () => {
    const decoded = decodeCPM(payload);
    assert.equal(decoded.ok ? 'accepted' : decoded.code, code);
  });
}

test('encodeCPM refuses a primitive tag given children and a value that is not hex', () => {
  const wrongKind: CPMNode[] = [{ tag: '85', children: [] }];
  assert.equal(!encodeCPM(wrongKind).ok && 'rejected', 'rejected');
  const notHex: CPMNode[] = [{ tag: '85', value: 'CPV01' }];
  const result = encodeCPM(notHex);
  assert.equal(result.ok ? 'accepted' : result.code, 'emv_cpm_tlv_invalid');
});

test('cpmFromJson accepts what decodeCPM returns and refuses other shapes', () => {
  const decoded = decodeCPM(sample());
  assert.ok(decoded.ok);
  const nodes = cpmFromJson(JSON.parse(JSON.stringify(decoded.value)));
  assert.ok(nodes.ok);
  assert.deepEqual(encodeCPM(nodes.value), { ok: true, value: sample() });
  for (const bad of [{}, [{ tag: '85' }], [{ tag: '61', children: {} }], [{ tag: 1, value: '' }]]) {
    const result = cpmFromJson(bad);
    assert.equal(result.ok ? 'accepted' : result.code, 'emv_cpm_tlv_invalid');
  }
});
