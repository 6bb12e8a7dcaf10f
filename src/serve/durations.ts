// Durations on the command line: `90s`, `10m`, `2h`, `1h30m`, or plain seconds; `0` or
// `off` for none. Pure.
import type { Lang } from '../i18n/lang.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Milliseconds, or 0 for "no limit". Throws an Error that says what is accepted. */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '0' || t === 'off' || t === 'none') return 0;
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+)([smhd])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) {
    throw new Error(`"${text}" is not a duration: write it as 90s, 10m, 2h, 1h30m (or 0 for none)`);
  }
  return parts.reduce((ms, [, n, unit]) => ms + Number(n) * UNIT_SECONDS[unit] * 1000, 0);
}

/** How a duration is written in each language: English as the command line takes it. */
const WORDS: Record<Lang, { none: string; ms: string; units: readonly [string, number][]; join: string }> = {
  en: { none: 'none', ms: 'ms', units: [['h', 3600], ['m', 60], ['s', 1]], join: '' },
  'zh-CN': { none: '无', ms: ' 毫秒', units: [[' 小时', 3600], [' 分钟', 60], [' 秒', 1]], join: ' ' },
};

/** 5400000 → "1h30m"; 300 → "300ms"; 0 → "none". In Chinese (for a learner's page):
 * "1 小时 30 分钟". English unless asked: the command line reads back what it writes. */
export function formatDuration(ms: number, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  if (ms <= 0) return w.none;
  let s = Math.round(ms / 1000);
  if (s === 0) return `${ms}${w.ms}`;
  const out: string[] = [];
  for (const [unit, size] of w.units) {
    if (s >= size) {
      out.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return out.join(w.join);
}
