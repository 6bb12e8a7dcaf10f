import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { explain } from '../../src/explain/index.js';
import type { ExplainOptions, ExplainerId } from '../../src/explain/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'explain');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function allFixtures(): { id: ExplainerId; file: string; text: string }[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .flatMap((d) => readdirSync(join(FIXTURES, d.name)).map((f) => ({ id: d.name as ExplainerId, file: `${d.name}/${f}`, text: fixture(`${d.name}/${f}`) })));
}

/** All notes of an explanation joined, for "the explanation says X" assertions. */
export function notesOf(id: ExplainerId, text: string, opts: Partial<ExplainOptions> = {}): string {
  return explain(id, text, { detail: 'full', ...opts }).flatMap((l) => l.notes).join('\n');
}

/** Notes attached to the first line containing `needle`. */
export function notesAt(id: ExplainerId, text: string, needle: string, opts: Partial<ExplainOptions> = {}): string {
  // Blog copies use non-breaking spaces where the terminal printed spaces.
  const line = explain(id, text, { detail: 'full', ...opts }).find((l) => l.text.replace(/\u00a0/g, ' ').includes(needle));
  if (!line) throw new Error(`no line contains ${needle}`);
  return line.notes.join('\n');
}
