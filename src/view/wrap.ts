// Word-wrapping for the terminal that knows colour codes take no room, that wide
// characters (CJK) take two columns, and that indents a wrapped line under the text it
// continues (a note's "  » ", a list item's "  * "). Two marks, set by reflow.ts, say what
// must not break: a line ending in NO_WRAP is never wrapped (a code block's line), and
// NO_BREAK_SPACE joins the words of an inline code span. Both are gone from the result.
// marked-terminal's own reflow moves punctuation after inline code onto a line of its own.

const ANSI = /\x1b\[[0-9;]*m/g;
/** Private-use characters: no lesson or command output has them. */
export const NO_WRAP = '\uE000';
export const NO_BREAK_SPACE = '\uE001';

/** Columns a character takes: two for East Asian wide and fullwidth ones, none for
 * combining marks and the wrap marks, one otherwise. */
function charColumns(cp: number): number {
  if (cp === 0xe000 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf)
    || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff)
    || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
    || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)) return 2;
  return 1;
}

export function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s.replace(ANSI, '')) n += charColumns(ch.codePointAt(0)!);
  return n;
}

/** The indent of continuation lines: the leading blanks plus a bullet, if any. */
function hangingIndent(line: string): string {
  const plain = line.replace(ANSI, '');
  const m = /^(\s*(?:[»*•\-↳]\s+|\d+\.\s+)?)/.exec(plain);
  return ' '.repeat(m ? visibleLength(m[1]) : 0);
}

function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = hangingIndent(line);
  // Keep runs of leading blanks with the first word; a code span too long for a line of
  // its own breaks at its spaces after all.
  const words = line.split(/(?<=\S) (?=\S)/).flatMap((w) => (visibleLength(indent + w) > width ? w.split(NO_BREAK_SPACE) : [w]));
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && visibleLength(candidate) > width) {
      out.push(current);
      current = indent + word;
    } else {
      current = candidate;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Wraps every line of `text` to `width` columns (a word longer than that stays whole),
 * except those marked NO_WRAP; removes the marks. */
export function wrapText(text: string, width: number): string {
  const wrapped = !Number.isFinite(width) || width < 20
    ? text
    : text.split('\n').flatMap((l) => (l.includes(NO_WRAP) ? [l] : wrapLine(l, width))).join('\n');
  return unmark(wrapped);
}

export function unmark(text: string): string {
  return text.replaceAll(NO_WRAP, '').replaceAll(NO_BREAK_SPACE, ' ');
}
