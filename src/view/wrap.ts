// Word-wrapping for the terminal that knows colour codes take no room, and that indents a
// wrapped line under the text it continues (a note's "  » ", a list item's "  * ").
// marked-terminal's own reflow moves punctuation after inline code onto a line of its own.

const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** The indent of continuation lines: the leading blanks plus a bullet, if any. */
function hangingIndent(line: string): string {
  const plain = line.replace(ANSI, '');
  const m = /^(\s*(?:[»*•\-↳]\s+|\d+\.\s+)?)/.exec(plain);
  return ' '.repeat(m ? [...m[1]].length : 0);
}

function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = hangingIndent(line);
  const words = line.split(/(?<=\S) (?=\S)/); // keep runs of leading blanks with the first word
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

/** Wraps every line of `text` to `width` columns (a word longer than that stays whole). */
export function wrapText(text: string, width: number): string {
  if (!Number.isFinite(width) || width < 20) return text;
  return text.split('\n').flatMap((l) => wrapLine(l, width)).join('\n');
}
