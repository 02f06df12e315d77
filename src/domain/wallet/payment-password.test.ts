import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterWrongPassword, checkNotLocked, isPaymentPasswordFormat, passwordLockMs, passwordStateCleared } from './payment-password.ts';

test('five wrong passwords in a row lock for three hours, then the count starts again', () => {
  let state = passwordStateCleared;
  const tries: number[] = [];
  for (let i = 0; i < 5; i++) {
    const next = afterWrongPassword(state, 1_000);
    state = next.state;
    tries.push(next.triesRemaining);
  }
  assert.deepEqual(tries, [4, 3, 2, 1, 0]);
  assert.equal(state.lockedUntilMs, 1_000 + passwordLockMs);
  assert.equal(checkNotLocked(state, 1_000 + passwordLockMs - 1).ok, false);
  assert.equal(checkNotLocked(state, 1_000 + passwordLockMs).ok, true);
  const afterLock = afterWrongPassword(state, 1_000 + passwordLockMs);
  assert.equal(afterLock.triesRemaining, 4);
});

test('payment passwords are exactly six ASCII digits', () => {
  for (const ok of ['000000', '123456']) assert.ok(isPaymentPasswordFormat(ok));
  for (const bad of ['12345', '1234567', '12345a', '１２３４５６', 123456, null, ' 123456']) {
    assert.equal(isPaymentPasswordFormat(bad), false, String(bad));
  }
});
