import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRetryPolicy, isRetryable, nextDeliveryState, retryDelayMs } from '../../src/app/webhooks.ts';
import { isForbiddenAddress } from '../../src/push/address-guard.ts';
import { signatureHeader } from '../../src/push/webhook-sender.ts';
import { createHmac } from 'node:crypto';
import type { WebhookAttempt, WebhookDelivery } from '../../src/app/modules/webhooks-ports.ts';

test('the address guard refuses loopback, private, link-local and mapped addresses', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1',
    '::ffff:10.0.0.1', '224.0.0.1', 'not-an-ip']) {
    assert.equal(isForbiddenAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '1.1.1.1', '203.0.114.1', '2606:4700:4700::1111']) {
    assert.equal(isForbiddenAddress(a), false, a);
  }
});

test('the signature is HMAC-SHA256 of "t.body" with the endpoint secret', () => {
  const body = '{"id":"evt_m_1"}';
  const header = signatureHeader('whsec_abc', 1700000000, body);
  const expected = createHmac('sha256', 'whsec_abc').update(`1700000000.${body}`).digest('hex');
  assert.equal(header, `t=1700000000,v1=${expected}`);
});

test('retries: timeouts, network errors, 408, 429 and 5xx only', () => {
  for (const s of [null, 408, 429, 500, 502, 503]) assert.equal(isRetryable(s), true, String(s));
  for (const s of [301, 400, 401, 404, 410, 422]) assert.equal(isRetryable(s), false, String(s));
});

test('the retry schedule makes 16 attempts over about 24 hours', () => {
  let totalMs = 0;
  for (let attempt = 1; attempt < defaultRetryPolicy.attemptsMax; attempt++) {
    totalMs += retryDelayMs(defaultRetryPolicy, attempt, 7);
  }
  const hours = totalMs / 3_600_000;
  assert.ok(defaultRetryPolicy.attemptsMax >= 15);
  assert.ok(hours > 22 && hours < 30, `schedule spans ${hours} h`);
});

test('a delivery fails for good after the last attempt or on a 4xx, and succeeds on 2xx', () => {
  const d = { id: 1, attempts: 3 } as WebhookDelivery;
  const at = (statusCode: number | null, error: string | null = null) =>
    ({ statusCode, error, createdAtMs: 1000 }) as WebhookAttempt;
  assert.equal(nextDeliveryState(defaultRetryPolicy, d, at(200)).state, 'succeeded');
  assert.equal(nextDeliveryState(defaultRetryPolicy, d, at(400)).state, 'failed');
  const retry = nextDeliveryState(defaultRetryPolicy, d, at(null, 'timeout'));
  assert.equal(retry.state, 'pending');
  assert.ok(retry.nextAttemptAtMs > 1000 + 4 * defaultRetryPolicy.retryBaseMs - 1);
  const last = { id: 1, attempts: defaultRetryPolicy.attemptsMax } as WebhookDelivery;
  assert.equal(nextDeliveryState(defaultRetryPolicy, last, at(503)).state, 'failed');
});
