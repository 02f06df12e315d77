/**
 * `qrpay bench` runs end to end from this checkout (real server, separate load-generator
 * process, HTTP baseline) and prints the machine-readable figures issue 8 asks for. A short form:
 * it checks that the benchmark works and that no payment failed, not how fast anything is (speed is
 * measured by `npm run bench`, never in tests).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;

test('qrpay bench --json completes payments and reports every figure', { timeout: 120_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath,
    [join(root, 'bin/qrpay.mjs'), 'bench', '--duration', '2', '--concurrency', '4', '--json'],
    { cwd: root, timeout: 110_000, maxBuffer: 4 * 1024 * 1024 });
  const result = JSON.parse(stdout) as Record<string, any>;
  assert.equal(result['store'], 'sqlite');
  assert.ok(result['completed'] > 0, 'payments completed');
  assert.equal(result['failed'], 0, JSON.stringify(result['errors']));
  for (const key of ['paymentsPerSecond', 'p99Ms', 'durationS']) assert.equal(typeof result[key], 'number', key);
  for (const step of ['create', 'scan', 'pay', 'scanToPaidOnStream', 'total']) {
    assert.equal(result['steps'][step].count, result['completed'], step);
  }
  assert.ok(result['baseline']['httpRequestsPerSecond'] > 0, 'the HTTP ceiling was measured');
  assert.equal(typeof result['server']['cpuMsPerPayment'], 'number');
});
