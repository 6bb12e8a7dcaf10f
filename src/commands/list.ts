// `nslab list` and the shell's .lessons: the lessons with the learner's progress.
import type { LessonSummary } from '../progress/summary.js';
import { lessonNumber, lessonTable, readLessonList } from '../repl/lesson-table.js';
import { colorEnabled } from '../view/color.js';

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
