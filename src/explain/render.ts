// Annotated lines as terminal text. Full: every line followed by its notes. Compact: only
// the notes, short, for the shell to print under output the learner has already seen.
import type { AnnotatedLine } from './types.js';

const DIM = '\x1b[2m';
const CYAN = '\x1b[36m';
const RESET = '\x1b[0m';

export function renderAnnotated(lines: readonly AnnotatedLine[], opts: { color: boolean; compact: boolean }): string {
  const paint = (s: string, code: string) => (opts.color ? code + s + RESET : s);
  const out: string[] = [];
  if (opts.compact) {
    for (const l of lines) for (const n of l.notes) out.push(paint(`  » ${n}`, CYAN));
  } else {
    for (const l of lines) {
      out.push(l.understood || l.notes.length > 0 ? l.text : paint(l.text, DIM));
      for (const n of l.notes) out.push(paint(`      ↳ ${n}`, CYAN));
    }
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}
