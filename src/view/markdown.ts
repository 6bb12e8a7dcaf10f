// Markdown for the terminal: lesson intros and steps. On a terminal with colour it is drawn
// by terminal-markdown.ts from marked's tokens; without colour (NO_COLOR, or before marked
// has loaded) the markdown is printed as written, which reads well as it is. Either way,
// given a width, prose is filled to it counting display columns (a Chinese character
// takes two) and code blocks are never wrapped (reflow.ts, wrap.ts); with no width (a
// pipe, `nslab start < file`) the text is left exactly as written, which keeps transcripts
// diffable.
import { prepareForWrapping } from './reflow.js';
import { unmark, wrapText } from './wrap.js';

let draw: ((md: string, width: number) => string) | undefined;

/** Loads marked's lexer and the renderer (some 30 ms and 4 MB here): only a terminal with
 * colour needs them, so they load on demand, and a caller can start this early to overlap
 * other work. */
export async function loadTerminalMarkdown(): Promise<void> {
  if (draw) return;
  const [{ Lexer }, { renderTokens }, { colors }] = await Promise.all([import('marked'), import('./terminal-markdown.js'), import('./color.js')]);
  const c = colors(true);
  draw = (md, width) => renderTokens(Lexer.lex(md), c, width);
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
  if (!opts.color || !draw) return wrapText(prepared, fill) + '\n';
  try {
    // Too narrow to fill (wrapText's limit too): the lines are left as they come.
    const rendered = draw(prepared, fill < 20 ? Infinity : fill);
    // The blank line after the text is the one marked-terminal left, which the shells'
    // spacing was made for.
    return unmark(rendered) + '\n\n';
  } catch {
    return text + '\n';
  }
}
