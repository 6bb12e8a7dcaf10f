// The lessons with the learner's progress, as `nslab list` and the shell's `.lessons` show
// them (the terminal's shell and a workshop's alike, each with its learner's store).
import Table from 'cli-table3';
import { cliText } from '../i18n/cli-text.js';
import { shellText } from '../i18n/shell-text.js';
import { loadLessons } from '../lesson/load.js';
import { formatLintError, type Lesson } from '../lesson/types.js';
import { ProgressStore } from '../progress/store.js';
import { summarizeProgress, type LessonSummary } from '../progress/summary.js';
import { tableLook } from '../view/color.js';

/** What `nslab start` takes for a lesson: its id's leading number. */
export function lessonNumber(id: string): string {
  return String(Number(id.match(/^\d+/)?.[0] ?? NaN)).replace('NaN', '-');
}

export interface LessonList {
  lessons: Lesson[];
  rows: LessonSummary[];
  warnings: string[];
  problems: string[];
}

export async function readLessonList(store = new ProgressStore()): Promise<LessonList> {
  const { lessons, errors } = await loadLessons();
  const { data, warnings } = await store.read();
  const known = new Set(lessons.map((l) => l.meta.id));
  // Progress of lessons no longer there is `nslab progress`'s to show, not the list's.
  const rows = summarizeProgress(lessons, data).filter((r) => known.has(r.id));
  return { lessons, rows, warnings, problems: errors.map(formatLintError) };
}

/** The lessons and the progress of `store` (default: this user's). */
export async function lessonTable(opts: { color: boolean; store?: ProgressStore }): Promise<string> {
  const { rows, warnings, problems } = await readLessonList(opts.store);
  const t = cliText();
  const table = new Table(tableLook(t.listHead, opts.color));
  for (const r of rows) {
    const status = r.completed ? `${r.total}/${r.total} ✔` : `${r.done}/${r.total}`;
    // The number a learner types to `nslab start` is the id's leading number.
    table.push([lessonNumber(r.id), `${r.id}\n${r.title}`, status, r.lastVisited ? r.lastVisited.replace('T', ' ').slice(0, 16) : '-']);
  }
  const notes = [...warnings.map((w) => shellText().note(w)), ...(problems.length ? [t.lessonFileErrors(problems.length)] : [])];
  return [table.toString(), ...notes, t.startOne].join('\n');
}

