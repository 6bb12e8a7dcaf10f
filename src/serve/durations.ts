// Durations on the command line: `90s`, `10m`, `2h`, `1h30m`, or plain seconds; `0` or
// `off` for none. Pure.

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

/** 5400000 → "1h30m"; 300 → "300ms"; 0 → "none". */
export function formatDuration(ms: number): string {
  if (ms <= 0) return 'none';
  let s = Math.round(ms / 1000);
  if (s === 0) return `${ms}ms`;
  let out = '';
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= size) {
      out += `${Math.floor(s / size)}${unit}`;
      s %= size;
    }
  }
  return out;
}
