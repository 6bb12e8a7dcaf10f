// `nslab progress [--reset [lesson]]`: a table of lessons with steps done and last visit,
// or clear progress.
import Table from 'cli-table3';
import { findLesson, loadLessons, type Lesson } from '../lesson/index.js';
import { ProgressStore, summarizeProgress, type LessonSummary } from '../progress/index.js';
import { UserError } from '../errors.js';
import { cliText, type CliText } from '../i18n/cli-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { lessonProgressJson, type LessonProgressJson } from './list.js';

export async function progressCommand(opts: { reset?: string | boolean; json?: boolean }): Promise<void> {
  const store = new ProgressStore();
  const which = opts.reset === undefined || opts.reset === false ? undefined : opts.reset;
  const resetting = which !== undefined;
  if (resetting && opts.json) throw new UserError(cliText().jsonWithReset, 2);
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
  process.stdout.write(`${id ? cliText().clearedOne(id) : cliText().clearedAll(store.path)}\n`);
}

export function progressTable(rows: LessonSummary[], now = new Date(), lang: Lang = currentLang()): string {
  const t = cliText(lang);
  const table = new Table({ head: t.progressHead, style: { head: [], border: [] } });
  for (const r of rows) {
    const steps = r.total === undefined ? t.lessonNotFound(r.done) : `${r.done}/${r.total}${r.completed ? ' ✔' : ''}`;
    table.push([r.id, r.title ?? '', steps, r.lastVisited ? formatWhen(new Date(r.lastVisited), now, t) : t.never]);
  }
  return rows.length ? table.toString() : t.noLessons;
}

function formatWhen(when: Date, now: Date, t: CliText): string {
  if (Number.isNaN(when.getTime())) return t.unknownWhen;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  return day === today ? t.today(time) : `${day} ${time}`;
}
