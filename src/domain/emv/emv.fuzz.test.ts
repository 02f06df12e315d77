import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Prng, createPrng, fuzzSettings } from '../../lib/prng.ts';
import { base64Encode } from './base64.ts';
import { type CPMNode, decodeCPM, encodeCPM } from './cpm.ts';
import { crc16ccittFalse } from './crc.ts';
import { decodeMPM } from './decode-mpm.ts';
import { type MPMField, encodeMPM } from './encode-mpm.ts';
import { emvErrorCodes } from './errors.ts';
import { mpmFromJson, mpmJsonText, mpmToJson } from './mpm-json.ts';

const { seed, runs } = fuzzSettings(20_000);
const codes = new Set<string>(emvErrorCodes);
const names = ['Noodle House', '最佳运输', 'Café Ñandú', 'ร้านกาแฟ', 'Phở Hà Nội', '김밥천국', 'A😀B'];
const cities = ['Beijing', '北京', 'São Paulo', 'Hà Nội', 'Bangkok'];

function withSeed(what: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    throw new Error(`${what} failed; repeat with QRPAY_FUZZ_SEED=${seed}: ${String(error)}`);
  }
}

function pickText(rng: Prng, pool: readonly string[], max: number): string {
  return Array.from(rng.pick(pool)).slice(0, max).join('');
}

/** A random payload that strict decoding must accept, as fields in ascending ID order. */
function validFields(rng: Prng): MPMField[] {
  const fields: MPMField[] = [{ id: '00', value: '01' }];
  if (rng.bool()) fields.push({ id: '01', value: rng.pick(['11', '12']) });
  const account = [{ id: '00', value: rng.pick(['com.example', 'br.gov.bcb.pix', 'SG.PAYNOW']) }];
  account.push({ id: '01', value: `mer_${rng.int(0, 1e9)}` });
  fields.push({ id: String(rng.int(26, 51)), children: account });
  fields.push({ id: '52', value: String(rng.int(1000, 9999)) });
  fields.push({ id: '53', value: rng.pick(['156', '986', '764', '702']) });
  if (rng.bool()) fields.push({ id: '54', value: `${rng.int(1, 99999)}.${rng.int(10, 99)}` });
  fields.push({ id: '58', value: rng.pick(['CN', 'BR', 'TH', 'SG']) });
  fields.push({ id: '59', value: pickText(rng, names, 25) });
  fields.push({ id: '60', value: pickText(rng, cities, 15) });
  if (rng.bool()) {
    fields.push({ id: '62', children: [{ id: '05', value: `ref${rng.int(0, 1e6)}` }] });
  }
  if (rng.bool()) {
    const local = [
      { id: '00', value: rng.pick(['ZH', 'TH', 'pt']) },
      { id: '01', value: pickText(rng, names, 25) },
    ];
    fields.push({ id: '64', children: local });
  }
  return fields;
}

const alphabets = ['0123456789', '0123456789ABCDEF', 'abcXYZ .*-', '最佳运输北京', '😀', '\uD800'];

function randomString(rng: Prng): string {
  let out = '';
  const length = rng.int(0, rng.bool(0.1) ? 600 : 120);
  for (let i = 0; i < length; i += 1) out += rng.pick(Array.from(rng.pick(alphabets)));
  return out;
}

function mutate(rng: Prng, payload: string): string {
  const chars = Array.from(payload);
  const times = rng.int(1, 3);
  for (let k = 0; k < times; k += 1) {
    const at = rng.int(0, chars.length);
    const op = rng.int(0, 4);
    const ch = rng.pick(Array.from(rng.pick(alphabets)));
    if (op === 0) chars[at] = ch;
    else if (op === 1) chars.splice(at, 0, ch);
    else if (op === 2) chars.splice(at, 1);
    else if (op === 3) chars.length = Math.min(chars.length, at);
    else chars.splice(at, 0, ...chars.slice(rng.int(0, chars.length)));
  }
  const text = chars.join('');
  if (!rng.bool() || !text.includes('6304')) return text;
  const body = text.slice(0, text.lastIndexOf('6304') + 4);
  return body + crc16ccittFalse(body); // re-sign the CRC so the deeper rules are exercised
}

function assertTyped(payload: string): void {
  for (const lenient of [false, true]) {
    const decoded = decodeMPM(payload, { lenient });
    if (decoded.ok) continue;
    assert.ok(codes.has(decoded.code), `untyped code ${decoded.code}`);
    const position = decoded.position ?? -1;
    assert.ok(Number.isInteger(position) && position >= 0, `position ${position}`);
    assert.ok(position <= Array.from(payload).length, `position ${position} past the end`);
  }
}

test(`decodeMPM returns only typed failures for ${runs} random and mutated payloads`, () => {
  const rng = createPrng(seed);
  withSeed('decodeMPM fuzz', () => {
    for (let i = 0; i < runs; i += 1) {
      const encoded = encodeMPM(validFields(rng));
      assert.ok(encoded.ok, JSON.stringify(encoded));
      assertTyped(rng.bool(0.3) ? randomString(rng) : mutate(rng, encoded.value));
    }
  });
});

test(`encode → decode → JSON → encode round-trips ${runs} generated payloads`, () => {
  const rng = createPrng(seed ^ 0x5bd1e995);
  withSeed('MPM round trip', () => {
    for (let i = 0; i < runs; i += 1) {
      const fields = validFields(rng);
      const encoded = encodeMPM(fields);
      assert.ok(encoded.ok, JSON.stringify(encoded));
      const decoded = decodeMPM(encoded.value);
      assert.ok(decoded.ok, JSON.stringify(decoded));
      const json = mpmToJson(decoded.value);
      for (const f of fields) {
        const expected =
          'children' in f ? Object.fromEntries(f.children.map((c) => [c.id, c.value])) : f.value;
        assert.deepEqual(json[f.id], expected);
      }
      const again = mpmFromJson(JSON.parse(mpmJsonText(decoded.value)));
      assert.ok(again.ok);
      assert.deepEqual(encodeMPM(again.value), encoded);
    }
  });
});

function randomCPM(rng: Prng): CPMNode[] {
  const app: CPMNode[] = [{ tag: '4F', value: 'A0000000031010' }];
  if (rng.bool()) app.push({ tag: '5A', value: '4761739001010010' });
  if (rng.bool()) app.push({ tag: '63', children: [{ tag: '9F26', value: '0102030405060708' }] });
  return [{ tag: '85', value: '4350563031' }, { tag: '61', children: app }];
}

test(`decodeCPM returns only typed failures for ${runs} random and mutated payloads`, () => {
  const rng = createPrng(seed ^ 0x27d4eb2d);
  withSeed('decodeCPM fuzz', () => {
    for (let i = 0; i < runs; i += 1) {
      const encoded = encodeCPM(randomCPM(rng));
      assert.ok(encoded.ok);
      let input: string;
      if (rng.bool(0.5)) {
        const bytes = Uint8Array.from({ length: rng.int(0, 80) }, () => rng.int(0, 255));
        input = rng.bool(0.8) ? base64Encode(bytes) : randomString(rng);
      } else {
        input = mutate(rng, encoded.value);
      }
      const decoded = decodeCPM(input);
      if (!decoded.ok) assert.ok(codes.has(decoded.code), `untyped code ${decoded.code}`);
    }
  });
});
