// The bench's percentiles (bench/lib/timing.mjs): nearest rank, so every p50 and p99 the
// serve section prints is a time one learner or one key really measured.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without type declarations
import { percentile } from '../../bench/lib/timing.mjs';

describe('percentile', () => {
  const fifty = Array.from({ length: 50 }, (_, i) => 50 - i); // 50 … 1, unsorted on purpose

  it('gives the slowest of 50 as their p99, and the 25th as their p50', () => {
    expect(percentile(fifty, 99)).toBe(50);
    expect(percentile(fifty, 50)).toBe(25);
  });

  it('gives the 99th of 100 as their p99', () => {
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
  });

  it('keeps to the measured values at the ends, and gives nothing for no values', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([3, 9], 100)).toBe(9);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('leaves its input in the order given', () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
});
