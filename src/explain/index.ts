// The explain module's public face: which explainer fits a command or a text, the
// explanation as annotated lines, error explanations, and terminal rendering.
// Nothing here throws: anything not understood is passed through, marked as such.
import { currentLang } from '../i18n/lang.js';
import { EXPLAINERS, EXPLAINER_IDS, isExplainerId } from './registry.js';
import { recognize } from './recognize.js';
import { splitLines } from './text.js';
import type { AnnotatedLine, ExplainOptions, ExplainerId, Note } from './types.js';

export type { AnnotatedLine, ExplainOptions, ExplainerId } from './types.js';
export { recognize } from './recognize.js';
export { detect } from './detect.js';
export { explainError } from './error-messages.js';
export { renderAnnotated } from './render.js';
export { EXPLAINER_IDS } from './registry.js';

/** Notes kept in a compact explanation: the few that matter most. */
export const COMPACT_NOTES = 4;

export function explain(id: ExplainerId, output: string, opts: ExplainOptions): AnnotatedLine[] {
  let lines: string[] = [];
  try {
    lines = splitLines(String(output));
    const explainer = EXPLAINERS[id];
    if (!explainer) return lines.map((text) => ({ text, notes: [], understood: false }));
    const value = explainer.parse(lines);
    const ann = explainer.annotate(value, { state: opts.state, ns: opts.ns ?? 'host', lang: opts.lang ?? currentLang() });
    const keep = opts.detail === 'compact' ? compactSelection(ann.notes) : undefined;
    return lines.map((text, i) => {
      const notes = (ann.notes.get(i) ?? []).filter((n) => !keep || keep.has(n)).map((n) => n.text);
      return { text, notes, understood: ann.understood.has(i) };
    });
  } catch {
    return lines.map((text) => ({ text, notes: [], understood: false }));
  }
}

/** The COMPACT_NOTES weightiest notes (weight ≥ 1), without repeats, in output order. */
function compactSelection(notes: Map<number, Note[]>): Set<Note> {
  const all: { note: Note; order: number }[] = [];
  let order = 0;
  for (const line of [...notes.keys()].sort((a, b) => a - b)) for (const note of notes.get(line)!) all.push({ note, order: order++ });
  const seen = new Set<string>();
  const chosen = all
    .filter((x) => x.note.weight > 0)
    .sort((a, b) => b.note.weight - a.note.weight || a.order - b.order)
    .filter((x) => (seen.has(x.note.text) ? false : (seen.add(x.note.text), true)))
    .slice(0, COMPACT_NOTES);
  return new Set(chosen.map((x) => x.note));
}

/** The typed value a parser makes of the output (for --json); undefined if it fails. */
export function parse(id: ExplainerId, output: string): unknown {
  try {
    const explainer = EXPLAINERS[id];
    return explainer ? explainer.parse(splitLines(String(output))) : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves a name given to `--as` ("route -n", "ip a", "ip-route") to an explainer. */
export function explainerForName(name: string): ExplainerId | undefined {
  const n = name.trim().replace(/\s+/g, ' ');
  if (isExplainerId(n)) return n;
  for (const id of EXPLAINER_IDS) if (EXPLAINERS[id].names.includes(n)) return id;
  return recognize(n);
}

/** Every name `--as` accepts, for help and error messages. */
export function acceptedNames(): string[] {
  return EXPLAINER_IDS.flatMap((id) => EXPLAINERS[id].names);
}
