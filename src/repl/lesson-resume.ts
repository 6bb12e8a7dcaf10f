// Where a lesson starts and how its shell gets there, for every front end that opens one
// (`nslab start` in a terminal, a workshop's server for each learner): the step it resumes
// at, then the lesson's setup and the earlier steps' commands replayed in the learner's own
// host shell (what they set, `pid=$(docker inspect …)`, is there for the lines that follow),
// then the current step shown.
import { cliText } from '../i18n/cli-text.js';
import { UserError } from '../errors.js';
import type { Lesson } from '../lesson/types.js';
import type { LessonProgress } from '../progress/schema.js';
import { doneStepNumbers } from '../progress/summary.js';
import type { LessonShell } from './lesson-shell.js';

/** The step to open: `asked` (a `.reset`, `--step`), else the one the learner was on,
 * else the first. An asked step outside the lesson is a UserError; a saved one, step 1. */
export function resumeStep(lesson: Lesson, saved: LessonProgress | undefined, asked?: number): number {
  const total = lesson.steps.length;
  const at = asked ?? (saved && !saved.completed ? saved.current ?? 1 : 1);
  if (Number.isInteger(at) && at >= 1 && at <= total) return at;
  if (asked !== undefined) throw new UserError(cliText().stepOutOfRange(asked, lesson.meta.id, total));
  return 1;
}

/** Brings `shell` (on a fresh lab, its preset built) to step `startAt` and shows it.
 * `warn` styles a line about a replayed command that failed. */
export async function openLessonAt(shell: LessonShell, startAt: number, saved: LessonProgress | undefined, warn: (text: string) => string): Promise<void> {
  const lesson = shell.lesson!;
  const { setupProblem } = await import('../solve/prove-lesson.js');
  const setupFailed = await setupProblem(lesson, (lines) => shell.runQuietly(lines));
  if (setupFailed) throw new UserError(setupFailed);
  if (startAt > 1) {
    shell.print(`${cliText().rebuilding(startAt)}\n`);
    for (const step of lesson.steps.slice(0, startAt - 1)) {
      for (const f of await shell.runQuietly(step.commands)) shell.print(warn(`${cliText().replayFailed(step.number, f.line, f.error.split('\n').pop() ?? '')}\n`));
    }
  }
  shell.session!.resume(startAt, doneStepNumbers(lesson, saved));
  await shell.snapshotQuietly();
  await shell.begin(startAt === 1);
}
