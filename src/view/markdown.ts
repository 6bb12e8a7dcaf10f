// Markdown for the terminal: lesson intros and steps. marked-terminal renders it with
// colour on a terminal; elsewhere (a pipe, CI, `nslab start < file`) the markdown is
// printed plain, which reads well as it is and keeps transcripts diffable.
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

let renderer: Marked | undefined;

export function renderMarkdown(md: string, opts: { color: boolean; width?: number }): string {
  const text = md.trim();
  if (!text) return '';
  if (!opts.color) return text + '\n';
  try {
    renderer ??= new Marked(markedTerminal({ reflowText: true, width: Math.min(opts.width ?? 88, 100), tab: 2 }));
    return String(renderer.parse(text)).replace(/\n{3,}/g, '\n\n');
  } catch {
    return text + '\n';
  }
}
