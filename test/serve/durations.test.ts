// Durations as the instructor types them on `nslab serve` (--time-limit, --idle, --grace).
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/serve/durations.js';

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and their sums, in milliseconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration(' 2H ')).toBe(7_200_000);
  });

  it('reads plain digits as seconds', () => {
    expect(parseDuration('45')).toBe(45_000);
  });

  it('reads 0, off and none as no limit', () => {
    for (const t of ['0', 'off', 'OFF', 'none']) expect(parseDuration(t)).toBe(0);
  });

  it('refuses what is not a duration, saying how to write one', () => {
    for (const bad of ['', '1x', '10 m', '-5', 'h', '1.5h', 'm10', '10mm', '1h 30m']) {
      expect(() => parseDuration(bad), bad).toThrow(`"${bad}" is not a duration: write it as 90s, 10m, 2h, 1h30m (or 0 for none)`);
    }
  });
});

describe('formatDuration', () => {
  it('writes hours, minutes and seconds', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(3_661_000)).toBe('1h1m1s');
    expect(formatDuration(86_400_000)).toBe('24h');
  });

  it('writes none for no limit and milliseconds under half a second', () => {
    expect(formatDuration(0)).toBe('none');
    expect(formatDuration(-1)).toBe('none');
    expect(formatDuration(300)).toBe('300ms');
  });

  it('writes them in Chinese for a Chinese learner', () => {
    expect(formatDuration(600_000, 'zh-CN')).toBe('10 分钟');
    expect(formatDuration(5_400_000, 'zh-CN')).toBe('1 小时 30 分钟');
    expect(formatDuration(3_661_000, 'zh-CN')).toBe('1 小时 1 分钟 1 秒');
    expect(formatDuration(300, 'zh-CN')).toBe('300 毫秒');
    expect(formatDuration(0, 'zh-CN')).toBe('无');
    expect(formatDuration(5_400_000, 'en')).toBe('1h30m');
  });

  it('gives back what parseDuration reads, for whole seconds', () => {
    for (const ms of [1000, 59_000, 60_000, 61_000, 3_599_000, 3_600_000, 5_400_000, 86_400_000, 90_061_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
    for (const text of ['90s', '10m', '2h', '1h30m']) expect(parseDuration(formatDuration(parseDuration(text)))).toBe(parseDuration(text));
  });
});
