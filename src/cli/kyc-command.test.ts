import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from './io.ts';
import { run } from './kyc-command.ts';

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

async function kyc(...args: string[]) {
  const io = capture();
  const code = await run(args, io);
  const text = io.stdout.length === 1 ? (io.stdout[0] ?? '') : '';
  const json = text.startsWith('{') ? JSON.parse(text) : undefined;
  return { code, json, io };
}

test('kyc check prints the normalized value and facts and exits 0 for a valid value', async () => {
  const uscc = await kyc('check', 'uscc', ' 91350100m000100y43 ');
  assert.equal(uscc.code, 0);
  assert.equal(uscc.json.valid, true);
  assert.equal(uscc.json.normalized, '91350100M000100Y43');
  assert.equal(uscc.json.province.code, '35');
  const rows: [kind: string, value: string, normalized: string][] = [
    ['resident-id', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['bank-card', '6200 0000 0000 0005', '6200000000000005'],
    ['phone', '+86 138 0013 8000', '13800138000'],
    ['email', 'Shop@Example.COM', 'Shop@example.com'],
  ];
  for (const [kind, value, normalized] of rows) {
    const { code, json } = await kyc('check', kind, value, '--today', '2025-06-15');
    assert.deepEqual([code, json.valid, json.normalized], [0, true, normalized], kind);
  }
});

test('kyc check prints the error code and message and exits 1 for an invalid value', async () => {
  const { code, json, io } = await kyc('check', 'uscc', '91350100M000100Y44');
  assert.equal(code, 1);
  assert.deepEqual(Object.keys(json), ['valid', 'error']);
  assert.equal(json.valid, false);
  assert.equal(json.error.code, 'uscc_check_digit_mismatch');
  assert.equal(typeof json.error.message, 'string');
  assert.deepEqual(io.stderr, []);
  const card = await kyc('check', 'bank-card', '4111111111111112');
  assert.deepEqual([card.code, card.json.error.code], [1, 'bank_card_luhn_mismatch']);
});

test('kyc check compares birth dates with --today', async () => {
  const id = '110105202506160027';
  const before = await kyc('check', 'resident-id', id, '--today', '2025-06-15');
  assert.deepEqual([before.code, before.json.error.code], [1, 'resident_id_birth_date_in_future']);
  const on = await kyc('check', 'resident-id', id, '--today=2025-06-16');
  assert.deepEqual([on.code, on.json.birthDate], [0, '2025-06-16']);
});

test('kyc exits 2 with usage on stderr for bad usage', async () => {
  const bad = [
    [],
    ['check'],
    ['check', 'uscc'],
    ['check', 'passport', 'E12345678'],
    ['verify', 'uscc', '91350100M000100Y43'],
    ['check', 'uscc', '91350100M000100Y43', 'extra'],
    ['check', 'uscc', '91350100M000100Y43', '--strict'],
    ['check', 'resident-id', '11010519491231002X', '--today', '2025-02-29'],
    ['check', 'resident-id', '11010519491231002X', '--today'],
  ];
  for (const args of bad) {
    const { code, io } = await kyc(...args);
    assert.equal(code, 2, args.join(' '));
    assert.deepEqual(io.stdout, [], args.join(' '));
    assert.match(io.stderr.join(''), /Usage: qrpay kyc check/);
  }
  const help = await kyc('--help');
  assert.equal(help.code, 0);
  assert.match(help.io.stdout.join(''), /resident-id/);
});

test('the qrpay binary checks a published USCC end to end', () => {
  const bin = fileURLToPath(new URL('../../bin/qrpay.mjs', import.meta.url));
  const valid = spawnSync(process.execPath, [bin, 'kyc', 'check', 'uscc', '91350100M000100Y43'], {
    encoding: 'utf8',
  });
  assert.equal(valid.status, 0, valid.stderr);
  const json = JSON.parse(valid.stdout);
  assert.deepEqual([json.valid, json.normalized], [true, '91350100M000100Y43']);
  const invalid = spawnSync(process.execPath, [bin, 'kyc', 'check', 'uscc', '91350100M000100Y4'], {
    encoding: 'utf8',
  });
  assert.equal(invalid.status, 1, invalid.stderr);
  assert.equal(JSON.parse(invalid.stdout).error.code, 'uscc_length_invalid');
});
