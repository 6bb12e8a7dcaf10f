// Markdown for the terminal: lesson intros and steps. On a terminal with colour it is drawn
// by terminal-markdown.ts from marked's tokens; without colour (NO_COLOR, or before marked
// has loaded) the markdown is printed as written, which reads well as it is. Either way,
// given a width, prose is filled to it counting display columns (a Chinese character
// takes two) and code blocks are never wrapped (reflow.ts, wrap.ts); with no width (a
// pipe, `nslab start < file`) the text is left exactly as written, which keeps transcripts
// diffable.
import type { Lexer } from 'marked';
import { colors } from './color.js';
import { prepareForWrapping } from './reflow.js';
import { renderTokens } from './terminal-markdown.js';
import { unmark, wrapText } from './wrap.js';

let lexer: typeof Lexer | undefined;

/** Loads marked's lexer (some 20 ms and 2 MB here): only a terminal with colour needs it,
 * so it loads on demand, and a caller can start this early to overlap other work. */
export async function loadTerminalMarkdown(): Promise<void> {
  lexer ??= (await import('marked')).Lexer;
}

/** The columns text is filled to: one short of the terminal (a full line would make some
 * terminals wrap on their own), and at most 119, to keep lines readable. */
function fillWidth(width: number): number {
  return Math.min(width, 120) - 1;
}

/** Colour needs loadTerminalMarkdown() to have finished; before that, the text is plain. */
export function renderMarkdown(md: string, opts: { color: boolean; width?: number }): string {
  const text = md.trim();
  if (!text) return '';
  const width = opts.width ?? (opts.color ? 100 : undefined);
  if (width === undefined) return text + '\n';
  const prepared = prepareForWrapping(text);
  const fill = fillWidth(width);
  if (!opts.color || !lexer) return wrapText(prepared, fill) + '\n';
  try {
    // Too narrow to fill (wrapText's limit too): the lines are left as they come.
    const rendered = renderTokens(lexer.lex(prepared), colors(true), fill < 20 ? Infinity : fill);
    // The blank line after the text is the one marked-terminal left, which the shells'
    // spacing was made for.
    return unmark(rendered) + '\n\n';
  } catch {
    return text + '\n';
  }
}
