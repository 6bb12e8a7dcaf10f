// Lesson markdown made ready to wrap to the terminal: a lesson's source lines are broken
// at about 90 columns, so printing them as they are gives a long line and a short one
// wherever the terminal is narrower. Here a paragraph's or list item's soft line breaks
// are joined (the wrapper then fills the width), and what must never be broken is marked:
// each line inside a code block (copying it must give the command as typed) and the spaces
// inside a short inline code span. wrap.ts honours the marks and removes them.
import { NO_BREAK_SPACE, NO_WRAP } from './wrap.js';

const FENCE = /^\s*(`{3,}|~{3,})/;
/** Lines that start a block of their own, which a paragraph's line break cannot continue. */
const BLOCK_START = /^\s*(#{1,6}(\s|$)|>|[-*+]\s|\d{1,9}[.)]\s|\||<|`{3,}|~{3,})/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
/** CJK text is written without spaces: a line break between two such characters joins
 * with nothing (as a browser renders Chinese), not with a space. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

function continuesProse(prev: string, line: string): boolean {
  if (prev.trim() === '' || line.trim() === '') return false;
  if (BLOCK_START.test(line) || THEMATIC_BREAK.test(line)) return false;
  if (/^\s*(#{1,6}(\s|$)|\||<|`{3,}|~{3,})/.test(prev) || THEMATIC_BREAK.test(prev)) return false;
  // A hard line break (two trailing spaces, or a backslash) stays a break.
  return !/( {2}|\\)$/.test(prev);
}

function join(prev: string, line: string): string {
  const head = prev.trimEnd();
  const tail = line.trimStart().replace(/^>\s?/, ''); // a blockquote's own continuation
  const sep = CJK.test(head.slice(-1)) && CJK.test(tail[0] ?? '') ? '' : ' ';
  return head + sep + tail;
}

/** A short inline code span keeps its spaces unbreakable (`` `ip -br a` ``, `` `-c 1` `` stay
 * one piece); a longer one breaks like prose, or it would leave a short line before it. */
const UNBROKEN_SPAN_MAX = 24;

function protectCodeSpans(line: string): string {
  return line.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (span, ticks: string) =>
    span.length - 2 * ticks.length <= UNBROKEN_SPAN_MAX ? span.replace(/ /g, NO_BREAK_SPACE) : span);
}

export function prepareForWrapping(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    if (fence) {
      const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length) {
        fence = undefined;
        out.push(line);
      } else {
        out.push(line + NO_WRAP);
      }
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      // The fence lines themselves stay unmarked: a mark would end up in the language name.
      fence = opening[1];
      out.push(line);
      continue;
    }
    const prev = out[out.length - 1];
    const prevIsOpenProse = prev !== undefined && !prev.endsWith(NO_WRAP);
    const quoted = /^\s{0,3}>/.test(line) && prev !== undefined && /^\s{0,3}>\s*\S/.test(prev) && /^\s{0,3}>\s*\S/.test(line) && !BLOCK_START.test(line.replace(/^\s{0,3}>\s?/, ''));
    if (prevIsOpenProse && (quoted || continuesProse(prev, line))) out[out.length - 1] = join(prev, line);
    else out.push(line);
  }
  return out.map((l) => (l.endsWith(NO_WRAP) || FENCE.test(l) ? l : protectCodeSpans(l))).join('\n');
}
