// `nslab progress [--reset [lesson]]`: a table of lessons with steps done and last visit,
// or clear progress.
import Table from 'cli-table3';
import { findLesson, loadLessons, type Lesson } from '../lesson/index.js';
import { ProgressStore, summarizeProgress, type LessonSummary } from '../progress/index.js';
import { UserError } from '../errors.js';
import { lessonProgressJson, type LessonProgressJson } from './list.js';

export async function progressCommand(opts: { reset?: string | boolean; json?: boolean }): Promise<void> {
  const store = new ProgressStore();
  const which = opts.reset === undefined || opts.reset === false ? undefined : opts.reset;
  const resetting = which !== undefined;
  if (resetting && opts.json) throw new UserError('--json prints your progress; it does not go with --reset. Run `nslab progress --reset …` alone, then `nslab progress --json`.', 2);
  const { lessons } = await loadLessons();
  if (which !== undefined) return reset(store, lessons, which);
  const { data, warnings } = await store.read();
  const rows = summarizeProgress(lessons, data);
  if (opts.json) {
    // Warnings go in the JSON too: a script reading stdout alone still learns of them.
    process.stdout.write(JSON.stringify(progressJson(rows, store.path, warnings), null, 2) + '\n');
    return;
  }
  warnings.forEach((w) => process.stderr.write(`nslab: ${w}\n`));
  process.stdout.write(progressTable(rows) + '\n');
}

/** `nslab progress --json` (documented in README.md): the progress file's path, every lesson
 * with progress or in lessons/ (those gone from lessons/ have `steps: null`), warnings. */
export function progressJson(rows: LessonSummary[], file: string, warnings: string[]): { file: string; lessons: LessonProgressJson[]; warnings: string[] } {
  return { file, lessons: rows.map(lessonProgressJson), warnings };
}

async function reset(store: ProgressStore, lessons: Lesson[], which: string | true): Promise<void> {
  let id: string | undefined;
  if (which !== true) {
    const { data } = await store.read();
    // A lesson that is gone from lessons/ can still be cleared by its exact id.
    id = which in data.lessons && !lessons.some((l) => l.meta.id === which) ? which : findLesson(lessons, which).meta.id;
  }
  const r = await store.reset(id);
  r.warnings.forEach((w) => process.stderr.write(`nslab: ${w}\n`));
  if (!r.saved) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(id ? `Cleared your progress in ${id}.\n` : `Cleared your progress in every lesson (${store.path}).\n`);
}

export function progressTable(rows: LessonSummary[], now = new Date()): string {
  const table = new Table({ head: ['Lesson', 'Title', 'Steps done', 'Last visited'], style: { head: [], border: [] } });
  for (const r of rows) {
    const steps = r.total === undefined ? `${r.done} (lesson not found)` : `${r.done}/${r.total}${r.completed ? ' ✔' : ''}`;
    table.push([r.id, r.title ?? '', steps, r.lastVisited ? formatWhen(new Date(r.lastVisited), now) : 'never']);
  }
  return rows.length ? table.toString() : 'No lessons found.';
}

function formatWhen(when: Date, now: Date): string {
  if (Number.isNaN(when.getTime())) return 'unknown';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  return day === today ? `today ${time}` : `${day} ${time}`;
}
