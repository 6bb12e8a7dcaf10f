// The terminal's recent output kept for a page opened again, and the output budget that
// slows a learner flooding their terminal. The budget's clock is the test's own.
import { describe, expect, it } from 'vitest';
import { OutputBudget, OutputBuffer } from '../../src/serve/output-buffer.js';

const bytes = (n: number, from = 0) => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) % 256));

describe('OutputBuffer', () => {
  it('keeps everything under its max, in order', () => {
    const b = new OutputBuffer(100);
    b.push(Buffer.from('ab'));
    b.push(Buffer.from('cd'));
    expect(b.contents().toString()).toBe('abcd');
  });

  it('keeps the newest max bytes of one chunk larger than max', () => {
    const b = new OutputBuffer(10);
    b.push(Buffer.from('old'));
    b.push(Buffer.from('0123456789abcdef'));
    expect(b.contents().toString()).toBe('6789abcdef');
    // The oldest chunk goes whole (it is never cut but when it is the only one).
    b.push(Buffer.from('!'));
    expect(b.contents().toString()).toBe('!');
  });

  it('keeps the newest bytes within its max after many small chunks', () => {
    const b = new OutputBuffer(1000);
    const all: Buffer[] = [];
    for (let i = 0; i < 500; i++) {
      const c = bytes(7, i * 7);
      all.push(c);
      b.push(c);
      expect(b.contents().length).toBeLessThanOrEqual(1000);
    }
    const kept = b.contents();
    // Whole chunks go first: at least max - one chunk is kept, and it is the end of the stream.
    expect(kept.length).toBeGreaterThan(1000 - 7);
    expect(kept.equals(Buffer.concat(all).subarray(-kept.length))).toBe(true);
  });

  it('is empty after clear', () => {
    const b = new OutputBuffer(10);
    b.push(Buffer.from('abc'));
    b.clear();
    expect(b.contents().length).toBe(0);
    b.push(Buffer.from('0123456789xyz'));
    expect(b.contents().toString()).toBe('3456789xyz');
  });
});

describe('OutputBudget', () => {
  const clock = () => {
    const c = { t: 1_000_000, now: () => c.t };
    return c;
  };

  it('asks no pause while the output stays within a second\'s budget', () => {
    const c = clock();
    const b = new OutputBudget(1000, c.now);
    expect(b.spend(400)).toBe(0);
    expect(b.spend(600)).toBe(0);
  });

  it('asks a pause as long as the budget needs to refill the overdraft', () => {
    const c = clock();
    const b = new OutputBudget(1000, c.now);
    expect(b.spend(1000)).toBe(0);
    expect(b.spend(500)).toBe(500);
    expect(b.spend(1)).toBe(501);
  });

  it('refills over time, never beyond one second\'s worth', () => {
    const c = clock();
    const b = new OutputBudget(1000, c.now);
    expect(b.spend(1500)).toBe(500);
    c.t += 500;
    expect(b.spend(0)).toBe(0);
    c.t += 250;
    expect(b.spend(250)).toBe(0);
    expect(b.spend(1)).toBe(1);
    c.t += 60_000;
    expect(b.spend(1000)).toBe(0);
    expect(b.spend(100)).toBe(100);
  });

  it('runs on the real clock by default', () => {
    const b = new OutputBudget(1000);
    expect(b.spend(10)).toBe(0);
    expect(b.spend(100_000)).toBeGreaterThan(0);
  });
});
