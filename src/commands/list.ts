// `nslab list` and the shell's .lessons: the lessons with the learner's progress.
import Table from 'cli-table3';
import { loadLessons } from '../lesson/load.js';
import { ProgressStore } from '../progress/store.js';
import { doneStepNumbers } from '../progress/summary.js';

export function lessonNumber(id: string): string {
  return String(Number(id.match(/^\d+/)?.[0] ?? NaN)).replace('NaN', '-');
}

export async function lessonTable(opts: { color: boolean }): Promise<string> {
  const { lessons, errors } = await loadLessons();
  const { data, warnings } = await new ProgressStore().read();
  const table = new Table({
    head: ['#', 'lesson', 'steps done', 'last visited'],
    style: opts.color ? undefined : { head: [], border: [] },
  });
  lessons.forEach((l) => {
    const p = data.lessons[l.meta.id];
    const done = doneStepNumbers(l, p).length;
    const status = p?.completed ? `${l.steps.length}/${l.steps.length} ✔` : `${done}/${l.steps.length}`;
    // The number a learner types to `nslab start` is the id's leading number.
    table.push([lessonNumber(l.meta.id), `${l.meta.id}\n${l.meta.title}`, status, p?.lastVisited ? p.lastVisited.replace('T', ' ').slice(0, 16) : '-']);
  });
  const notes = [...warnings.map((w) => `note: ${w}`), ...(errors.length ? [`${errors.length} lesson file(s) have errors: run \`nslab lint\`.`] : [])];
  return [table.toString(), ...notes, 'Start one with `nslab start <number or id>`.'].join('\n');
}

export async function listCommand(): Promise<void> {
  process.stdout.write((await lessonTable({ color: Boolean(process.stdout.isTTY) })) + '\n');
}
