import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdGenerator } from './ids.ts';

test('ids sort by time, stay increasing within a millisecond, and never repeat across pool refills', () => {
  let ms = 1_700_000_000_000;
  const step = createIdGenerator(() => (ms += 1));
  const fresh = Array.from({ length: 2_000 }, () => step('ord')); // 2,000 × 16 bytes: 7 refills
  assert.equal(new Set(fresh).size, fresh.length);
  assert.equal(new Set(fresh.map((id) => id.slice(-16))).size, fresh.length, 'random parts differ');
  assert.deepEqual([...fresh].sort(), fresh);
  for (const id of fresh) assert.match(id, /^ord_[0-9A-HJKMNP-TV-Z]{26}$/);

  const same = createIdGenerator(() => 1_700_000_000_000);
  const burst = Array.from({ length: 100 }, () => same('tfr'));
  assert.deepEqual([...burst].sort(), burst, 'increasing within one millisecond');
  assert.equal(new Set(burst).size, burst.length);
});
