import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from './io.ts';
import { run } from './emv-command.ts';

const pix =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000' +
  '5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const promptPay = '00020101021129370016A000000677010111011300660000000005802TH530376463048956';

function capture(stdin = ''): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    readStdin: async () => stdin,
  };
}

test('emv decode prints the payload as JSON, templates as objects, and exits 0', async () => {
  const io = capture();
  assert.equal(await run(['decode', pix], io), 0);
  const text = io.stdout.join('');
  assert.match(text, /^\{"00":"01","26":\{"00":"br\.gov\.bcb\.pix",/);
  const json = JSON.parse(text);
  assert.equal(json['59'], 'Fulano de Tal');
  assert.deepEqual(json['62'], { '05': '***' });
  assert.equal(json['63'], '1D3D');
});

test('emv decode exits 1 with a coded, positioned error for a tampered payload', async () => {
  const io = capture();
  assert.equal(await run(['decode', pix.replace('Fulano', 'Fulana')], io), 1);
  const { error } = JSON.parse(io.stdout.join(''));
  assert.equal(error.code, 'emv_crc_mismatch');
  assert.equal(error.position, pix.length - 4);
  assert.equal(typeof error.message, 'string');
});

test('emv decode --lenient accepts a PromptPay transfer code and lists warnings', async () => {
  const strict = capture();
  assert.equal(await run(['decode', promptPay], strict), 1);
  const io = capture();
  assert.equal(await run(['decode', promptPay, '--lenient'], io), 0);
  const json = JSON.parse(io.stdout.join(''));
  assert.equal(json['29']['00'], 'A000000677010111');
  assert.ok(json.warnings.length >= 3);
  assert.equal(json.warnings[0].code, 'emv_mandatory_missing');
});

test('emv encode reads the decode JSON on stdin and prints the same payload', async () => {
  const decoded = capture();
  await run(['decode', pix], decoded);
  const io = capture(decoded.stdout.join(''));
  assert.equal(await run(['encode'], io), 0);
  assert.equal(io.stdout.join(''), pix);
});

test('emv encode rejects JSON that is not an object of IDs with an emv_ code', async () => {
  const io = capture('{"00":"01","5x":"1"}');
  assert.equal(await run(['encode'], io), 1);
  assert.deepEqual(JSON.parse(io.stdout.join('')).error.code, 'emv_id_invalid');
  assert.equal(JSON.parse(io.stdout.join('')).error.param, '5x');
  const notJson = capture('not json');
  assert.equal(await run(['encode'], notJson), 1);
  assert.equal(JSON.parse(notJson.stdout.join('')).error.code, 'emv_payload_invalid');
});

test('emv decode --cpm prints the BER-TLV tree of a consumer-presented code', async () => {
  const io = capture();
  const payload = Buffer.from('85054350563031610b4f07a0000000031010', 'hex');
  // 61 declares 11 bytes but holds 9: the tree must not be printed
  assert.equal(await run(['decode', '--cpm', payload.toString('base64')], io), 1);
  const good = Buffer.from('8505435056303161094f07a0000000031010', 'hex').toString('base64');
  const ok = capture();
  assert.equal(await run(['decode', '--cpm', good], ok), 0);
  const tree = JSON.parse(ok.stdout.join(''));
  assert.deepEqual(tree[1], { tag: '61', children: [{ tag: '4F', value: 'A0000000031010' }] });
});

test('emv encode --cpm turns the printed tree back into the same Base64', async () => {
  const good = Buffer.from('8505435056303161094f07a0000000031010', 'hex').toString('base64');
  const decoded = capture();
  assert.equal(await run(['decode', '--cpm', good], decoded), 0);
  const io = capture(decoded.stdout.join(''));
  assert.equal(await run(['encode', '--cpm'], io), 0);
  assert.equal(io.stdout.join(''), good);
});

test('emv with an unknown flag or verb exits 2 with usage on stderr', async () => {
  const io = capture();
  assert.equal(await run(['decode', pix, '--strict'], io), 2);
  assert.match(io.stderr.join(''), /Usage/);
  assert.equal(await run(['frobnicate'], capture()), 2);
});

test('the real qrpay binary decodes a payload and exits 1 on a rejected one', () => {
  const bin = fileURLToPath(new URL('../../bin/qrpay.mjs', import.meta.url));
  const accepted = spawnSync(process.execPath, [bin, 'emv', 'decode', pix], { encoding: 'utf8' });
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.equal(JSON.parse(accepted.stdout)['60'], 'BRASILIA');
  const rejected = spawnSync(process.execPath, [bin, 'emv', 'decode', `${pix}00`], {
    encoding: 'utf8',
  });
  assert.equal(rejected.status, 1);
  assert.equal(JSON.parse(rejected.stdout).error.code, 'emv_data_after_crc');
});
