// Word-wrapping for the terminal that knows colour codes take no room, that wide
// characters (CJK) take two columns, and that indents a wrapped line under the text it
// continues (a note's "  » ", a list item's "  * "). Lines break at spaces, and also
// between two characters where one is Chinese or Japanese (written without spaces), never
// before a closing mark such as "，" or "）" nor after an opening one. A colour still on
// at a break is ended at the line's end and started again after the next line's indent,
// so that no line's colour hangs on the one after it (or on its indent).
// Two marks, set by reflow.ts, say what must not break: a line ending in NO_WRAP is never
// wrapped (a code block's line), and NO_BREAK_SPACE joins the words of an inline code
// span. Both are gone from the result.
import { SGR, charColumns, displayWidth, isWideChar } from './display-width.js';

/** Private-use characters: no lesson or command output has them. */
export const NO_WRAP = '\uE000';
export const NO_BREAK_SPACE = '\uE001';

export { displayWidth as visibleLength };

/** No line may start with these: closing punctuation, CJK and Latin. */
const NO_BREAK_BEFORE = new Set([...'，。、；：？！）」』】》〉〕］｝”’・…‥ー々〜ゝゞ!),.:;?]}%']);
/** No line may end with these: opening punctuation. */
const NO_BREAK_AFTER = new Set([...'（「『【《〈〔［｛“‘([{']);

/** Whether a line may break between two characters that touch (no space between them). */
function breakBetween(before: string, after: string): boolean {
  if (!isWideChar(before) && !isWideChar(after)) return false;
  if (charColumns(after) === 0 || after === NO_BREAK_SPACE || before === NO_BREAK_SPACE) return false;
  return !NO_BREAK_BEFORE.has(after) && !NO_BREAK_AFTER.has(before);
}

/** The pieces a word may be split into at the touching breaks above; colour codes stay
 * with the piece they follow, so none is ever cut in two. */
function splitTouching(word: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let last = '';
  for (const part of word.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith('\x1b[')) { piece += part; continue; }
    for (const ch of part) {
      if (last && breakBetween(last, ch)) { pieces.push(piece); piece = ''; }
      piece += ch;
      last = ch;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The colour and style codes in force after `text`, given those in force before it. */
function activeStyles(before: string[], text: string): string[] {
  let active = [...before];
  for (const [code] of text.matchAll(SGR)) {
    const first = Number(code.slice(2, -1).split(';')[0] || 0);
    const family = styleFamily(first);
    if (first === 0) active = [];
    else if (CLOSES[first] !== undefined) active = active.filter((c) => styleFamily(Number(c.slice(2, -1).split(';')[0])) !== CLOSES[first]);
    else if (family !== undefined) active = [...active.filter((c) => c !== code), code];
  }
  return active;
}

/** Which attribute a code sets: bold and dim share their end (22), as do the colours (39, 49). */
function styleFamily(n: number): number | undefined {
  if (n === 1 || n === 2) return 22;
  if (n >= 3 && n <= 9) return n + 20;
  if ((n >= 30 && n <= 38) || (n >= 90 && n <= 97)) return 39;
  if ((n >= 40 && n <= 48) || (n >= 100 && n <= 107)) return 49;
  return undefined;
}
const CLOSES: Record<number, number> = { 22: 22, 23: 23, 24: 24, 25: 25, 27: 27, 28: 28, 29: 29, 39: 39, 49: 49 };

interface Piece { text: string; width: number; spaced: boolean }

/** One line as the pieces it may break between: at single spaces (leading blanks stay with
 * the first word), and where CJK characters touch. A code span too long for a line of its
 * own (after `indent`) breaks at its spaces after all. */
function pieces(line: string, width: number, indent: string): Piece[] {
  return line.split(/(?<=\S) (?=\S)/)
    .flatMap((w) => (displayWidth(indent + w) > width ? w.split(NO_BREAK_SPACE) : [w]))
    .flatMap((w) => splitTouching(w).map((text, i) => ({ text, width: displayWidth(text), spaced: i === 0 })));
}

/** Fills one line to `width` columns, the lines after the first starting with `indent`;
 * a piece wider than that stays whole. */
export function fillLine(line: string, width: number, indent = ''): string[] {
  if (displayWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  let used = 0;
  let styles: string[] = [];
  for (const piece of pieces(line, width, indent)) {
    const sep = current && piece.spaced ? ' ' : '';
    if (current && used + sep.length + piece.width > width) {
      out.push(styles.length ? current + '\x1b[0m' : current);
      current = indent + styles.join('') + piece.text;
      used = displayWidth(indent) + piece.width;
    } else {
      current += sep + piece.text;
      used += sep.length + piece.width;
    }
    styles = activeStyles(styles, piece.text);
  }
  if (current) out.push(current);
  return out;
}

/** The indent of continuation lines: the leading blanks plus a bullet, if any. */
function hangingIndent(line: string): string {
  const plain = line.replace(SGR, '');
  const m = /^(\s*(?:[»*•\-↳]\s+|\d+\.\s+)?)/.exec(plain);
  return ' '.repeat(m ? displayWidth(m[1]) : 0);
}

/** Wraps every line of `text` to `width` columns (a word longer than that stays whole),
 * except those marked NO_WRAP; removes the marks. */
export function wrapText(text: string, width: number): string {
  const wrapped = !Number.isFinite(width) || width < 20
    ? text
    : text.split('\n').flatMap((l) => (l.includes(NO_WRAP) ? [l] : fillLine(l, width, hangingIndent(l)))).join('\n');
  return unmark(wrapped);
}

export function unmark(text: string): string {
  return text.replaceAll(NO_WRAP, '').replaceAll(NO_BREAK_SPACE, ' ');
}
