import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { currencyByCode } from '../domain/money/currency.ts';
import { buildDynamicQRCode, keysDocument } from '../domain/qr-code/index.ts';
import { generateEd25519KeyPair, signerFromPem } from '../lib/ed25519.ts';
import type { CliIO } from './io.ts';
import { run } from './qr-command.ts';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    readStdin: async () => '',
  };
}

const dir = mkdtempSync(join(tmpdir(), 'qrpay-qr-'));
const now = Date.now();
const pair = generateEd25519KeyPair();
const keysFile = join(dir, 'keys.json');
const key = { keyId: pair.keyId, publicKey: pair.publicKey, notBeforeMs: 0, notAfterMs: null };
writeFileSync(keysFile, JSON.stringify(keysDocument([key])));
const payload = buildDynamicQRCode(
  {
    guid: 'io.qrpay',
    merchant: {
      id: 'mer_01JD3ZK5Q8N4X7B2C9D6E1F0GH',
      name: 'Lucky Noodle House',
      city: 'Shanghai',
      mcc: '5812',
      countryCode: 'CN',
      nameLocal: '幸运面馆',
    },
    amountMinor: 3850,
    currency: currencyByCode('CNY')!,
    orderToken: 'AbCdEfGhIjKlMnOp',
    expiresAtMs: now + 15 * 60_000,
  },
  signerFromPem(pair.privateKeyPem),
);

test('a signed code rendered to PNG reads back with jsqr and verifies', async () => {
  const png = join(dir, 'code.png');
  assert.equal(await run(['render', payload, '--png', png], capture()), 0);
  const read = capture();
  assert.equal(await run(['read', png], read), 0);
  assert.equal(read.stdout.join(''), payload);
  const verified = capture();
  assert.equal(await run(['verify', read.stdout.join(''), '--keys', keysFile], verified), 0);
  const facts = JSON.parse(verified.stdout.join(''));
  assert.equal(facts.amountMinor, 3850);
  assert.equal(facts.merchantName, '幸运面馆');
});

test('qr verify prints the typed error and exits 1 for an expired code', async () => {
  const io = capture();
  const later = String(now + 16 * 60_000);
  assert.equal(await run(['verify', payload, '--keys', keysFile, '--now', later], io), 1);
  assert.equal(JSON.parse(io.stdout.join('')).error.code, 'qr_code_expired');
});

test('qr verify reports a PIX code as foreign', async () => {
  const pix =
    '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
    '5913Fulano de Tal6008BRASILIA62070503***63041D3D';
  const io = capture();
  assert.equal(await run(['verify', pix, '--keys', keysFile], io), 1);
  const { error } = JSON.parse(io.stdout.join(''));
  assert.equal(error.code, 'qr_code_not_qrpay');
  assert.match(error.message, /PIX/);
});

test('qr verify refuses a keys file that is not a keys document', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"keys":[{"kid":"x"}]}');
  const io = capture();
  assert.equal(await run(['verify', payload, '--keys', bad], io), 1);
  assert.equal(JSON.parse(io.stdout.join('')).error.code, 'qr_keys_invalid');
});

test('qr render writes SVG and draws on the terminal', async () => {
  const svg = join(dir, 'code.svg');
  assert.equal(await run(['render', payload, '--svg', svg], capture()), 0);
  assert.match(readFileSync(svg, 'utf8'), /^<svg[^>]*viewBox/);
  const io = capture();
  assert.equal(await run(['render', payload, '--terminal'], io), 0);
  assert.ok(io.stdout.join('').split('\n').length > 20);
});

test('qr read names a file that is no PNG, and a PNG without a code', async () => {
  const notPng = join(dir, 'not.png');
  writeFileSync(notPng, 'hello');
  const first = capture();
  assert.equal(await run(['read', notPng], first), 1);
  assert.equal(JSON.parse(first.stdout.join('')).error.code, 'qr_image_invalid');
  const blank = new PNG({ width: 64, height: 64 });
  blank.data.fill(255);
  const blankFile = join(dir, 'blank.png');
  writeFileSync(blankFile, PNG.sync.write(blank));
  const second = capture();
  assert.equal(await run(['read', blankFile], second), 1);
  assert.equal(JSON.parse(second.stdout.join('')).error.code, 'qr_image_no_code');
});

test('bad usage exits 2 with the usage text', async () => {
  const io = capture();
  assert.equal(await run(['verify', payload], io), 2);
  assert.match(io.stderr.join(''), /Usage/);
});

test('the real binary verifies a code and exits 1 on a forged one', () => {
  const bin = new URL('../../bin/qrpay.mjs', import.meta.url).pathname;
  const good = spawnSync(process.execPath, [bin, 'qr', 'verify', payload, '--keys', keysFile], {
    encoding: 'utf8',
  });
  assert.equal(good.status, 0, good.stderr);
  assert.equal(JSON.parse(good.stdout).orderToken, 'AbCdEfGhIjKlMnOp');
  const other = generateEd25519KeyPair();
  const forgedKeys = join(dir, 'forged-keys.json');
  const forgedKey = { ...key, publicKey: other.publicKey };
  writeFileSync(forgedKeys, JSON.stringify(keysDocument([forgedKey])));
  const bad = spawnSync(process.execPath, [bin, 'qr', 'verify', payload, '--keys', forgedKeys], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 1);
  assert.equal(JSON.parse(bad.stdout).error.code, 'qr_code_signature_invalid');
});
