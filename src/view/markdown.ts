// Markdown for the terminal: lesson intros and steps. marked-terminal renders it with
// colour on a terminal; without colour (NO_COLOR, or before the renderer has loaded) the
// markdown is printed as written, which reads well as it is. Either way, given a width,
// prose is filled to it and code blocks are never wrapped (reflow.ts, wrap.ts); with no
// width (a pipe, `nslab start < file`) the text is left exactly as written, which keeps
// transcripts diffable.
import type { Marked } from 'marked';
import type { markedTerminal } from 'marked-terminal';
import { prepareForWrapping } from './reflow.js';
import { wrapText } from './wrap.js';

let modules: { Marked: typeof Marked; markedTerminal: typeof markedTerminal } | undefined;
let renderer: Marked | undefined;

/** Loads marked and marked-terminal, which cost about 200 ms of start-up here (most of it
 * the highlight.js that marked-terminal pulls in; see bench/): only a terminal needs them,
 * so they load on demand, and a caller can start this early to overlap other work. */
export async function loadTerminalMarkdown(): Promise<void> {
  if (modules) return;
  const [m, t] = await Promise.all([import('marked'), import('marked-terminal')]);
  modules = { Marked: m.Marked, markedTerminal: t.markedTerminal };
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
  if (!opts.color || !modules) return wrapText(prepared, fillWidth(width)) + '\n';
  try {
    // marked-terminal's reflow moves punctuation after inline code onto a line of its own:
    // it keeps the (already joined) lines, and they are wrapped here.
    renderer ??= new modules.Marked(modules.markedTerminal({ reflowText: false, tab: 2 }));
    const rendered = String(renderer.parse(prepared)).replace(/\n{3,}/g, '\n\n');
    return wrapText(rendered, fillWidth(width));
  } catch {
    return text + '\n';
  }
}
