// Turning pasted text into lines that parsers can trust: no CR, no terminal escapes,
// and never so long that a regular expression could take noticeable time.

/** Longest line a parser looks at; longer lines are kept for display but not parsed. */
export const MAX_PARSED_LINE = 4096;

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** The line as parsers see it: colours removed, empty when too long to be real output. */
export function clean(line: string): string {
  if (line.length > MAX_PARSED_LINE) return '';
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/** Whitespace-separated words of a cleaned line. */
export function words(line: string): string[] {
  const t = clean(line).trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Value following `key` in a word list, e.g. after('mtu') in `… mtu 1500 …`. */
export function after(ws: readonly string[], key: string): string | undefined {
  const i = ws.indexOf(key);
  return i >= 0 && i + 1 < ws.length ? ws[i + 1] : undefined;
}

export function toInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,15}$/.test(s)) return undefined;
  return Number(s);
}
