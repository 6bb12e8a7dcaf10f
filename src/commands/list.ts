// `nslab list` and the shell's .lessons: the lessons with the learner's progress.
import Table from 'cli-table3';
import { cliText } from '../i18n/cli-text.js';
import { shellText } from '../i18n/shell-text.js';
import { loadLessons } from '../lesson/load.js';
import { formatLintError, type Lesson } from '../lesson/types.js';
import { ProgressStore } from '../progress/store.js';
import { summarizeProgress, type LessonSummary } from '../progress/summary.js';
import { colorEnabled, tableLook } from '../view/color.js';

export function lessonNumber(id: string): string {
  return String(Number(id.match(/^\d+/)?.[0] ?? NaN)).replace('NaN', '-');
}

/** One lesson's progress as `nslab list --json` and `nslab progress --json` print it
 * (documented in README.md): every key always present, null where nothing is known. */
export interface LessonProgressJson {
  id: string;
  /** What `nslab start` takes: the id's leading number. */
  number: number | null;
  title: string | null;
  /** Steps the lesson has now; null for progress kept for a lesson no longer in lessons/. */
  steps: number | null;
  stepsDone: number;
  doneSteps: number[];
  /** The step the learner was on when they left. */
  currentStep: number | null;
  completed: boolean;
  /** ISO 8601, as saved. */
  lastVisited: string | null;
}

export function lessonProgressJson(s: LessonSummary): LessonProgressJson {
  const n = Number(lessonNumber(s.id));
  return {
    id: s.id,
    number: Number.isInteger(n) ? n : null,
    title: s.title ?? null,
    steps: s.total ?? null,
    stepsDone: s.done,
    doneSteps: s.doneSteps,
    currentStep: s.current ?? null,
    completed: s.completed,
    lastVisited: s.lastVisited ?? null,
  };
}

interface LessonList {
  lessons: Lesson[];
  rows: LessonSummary[];
  warnings: string[];
  problems: string[];
}

async function readLessonList(store = new ProgressStore()): Promise<LessonList> {
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

/** `nslab list --json`: `{ lessons: [LessonProgressJson + summary], problems, warnings }`. */
export async function lessonListJson(): Promise<string> {
  const { lessons, rows, warnings, problems } = await readLessonList();
  const summaryOf = new Map(lessons.map((l) => [l.meta.id, l.meta.summary]));
  const out = {
    lessons: rows.map((r) => ({ ...lessonProgressJson(r), summary: summaryOf.get(r.id) ?? null })),
    problems,
    warnings,
  };
  return JSON.stringify(out, null, 2);
}

export async function listCommand(opts: { json?: boolean } = {}): Promise<void> {
  const text = opts.json ? await lessonListJson() : await lessonTable({ color: colorEnabled() });
  process.stdout.write(text + '\n');
}
