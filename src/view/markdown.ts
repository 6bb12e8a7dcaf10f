// Markdown for the terminal: lesson intros and steps. marked-terminal renders it with
// colour on a terminal; elsewhere (a pipe, CI, `nslab start < file`) the markdown is
// printed plain, which reads well as it is and keeps transcripts diffable.
import type { Marked } from 'marked';
import type { markedTerminal } from 'marked-terminal';
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

/** Colour needs loadTerminalMarkdown() to have finished; before that, the text is plain. */
export function renderMarkdown(md: string, opts: { color: boolean; width?: number }): string {
  const text = md.trim();
  if (!text) return '';
  if (!opts.color || !modules) return text + '\n';
  try {
    // marked-terminal's reflow moves punctuation after inline code onto a line of its own:
    // paragraphs keep the lesson's own line breaks, and lines wider than the terminal wrap here.
    renderer ??= new modules.Marked(modules.markedTerminal({ reflowText: false, tab: 2 }));
    const rendered = String(renderer.parse(text)).replace(/\n{3,}/g, '\n\n');
    return wrapText(rendered, Math.min(opts.width ?? 100, 120) - 1);
  } catch {
    return text + '\n';
  }
}
