import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng, fuzzSettings } from '../../lib/prng.ts';
import { feeFor, feeRefundFor } from './fees.ts';

test('feeFor rounds amount × rate half up to the minor unit', () => {
  const rows: [amount: number, rateBp: number, fee: number][] = [
    [3850, 38, 15], // 14.63
    [10_000, 38, 38],
    [1, 38, 0], // 0.0038
    [132, 38, 1], // 0.5016 → 1
    [131, 38, 0], // 0.4978 → 0
    [1250, 40, 5], // exactly 5.0
    [125, 40, 1], // 0.5 → 1 (half up)
    [999_999_999_999, 38, 3_800_000_000],
    [5000, 0, 0],
    [5000, 10_000, 5000],
  ];
  for (const [amount, rate, fee] of rows) assert.equal(feeFor(amount, rate), fee, `${amount} @ ${rate}`);
});

test('fee refunds add up to exactly the fee after any sequence of partial refunds', () => {
  const { seed, runs } = fuzzSettings(2_000);
  const prng = createPrng(seed);
  for (let run = 0; run < runs; run++) {
    const amountMinor = prng.int(1, 1_000_000);
    const feeMinor = feeFor(amountMinor, prng.int(0, 600));
    let refundedMinor = 0;
    let refundedFeeMinor = 0;
    while (refundedMinor < amountMinor) {
      const part = prng.bool(0.3) ? amountMinor - refundedMinor : prng.int(1, amountMinor - refundedMinor);
      const feePart = feeRefundFor({ amountMinor, feeMinor, refundedMinor, refundedFeeMinor }, part);
      assert.ok(feePart >= 0 && feePart <= part, `seed ${seed}: fee part within refund`);
      refundedMinor += part;
      refundedFeeMinor += feePart;
      assert.ok(refundedFeeMinor <= feeMinor, `seed ${seed}: never more fee than was taken`);
    }
    assert.equal(refundedFeeMinor, feeMinor, `seed ${seed}: the whole fee is returned at the end`);
  }
});
