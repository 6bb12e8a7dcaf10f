// `nslab start <lesson>` (and `nslab` alone on a terminal: a picker first). Runs inside the
// lab: builds the lesson's preset and setup, resumes at the step the learner was on by
// replaying the earlier steps' reference commands, then opens the shell.
import { cliText } from '../i18n/cli-text.js';
import { shellText } from '../i18n/shell-text.js';
import { UserError } from '../errors.js';
import { defaultLessonsDir, findLesson, loadLessonFileIn, loadLessons } from '../lesson/load.js';
import { lessonMeant } from '../lesson/meant.js';
import { formatLintError, type Lesson } from '../lesson/types.js';
import { ProgressStore } from '../progress/store.js';
import { labBroker } from '../progress/state-broker.js';
import { doneStepNumbers } from '../progress/summary.js';
import { openLessonAt, resumeStep } from '../repl/lesson-resume.js';
import { openLab } from '../lab-setup/open.js';
import { BashSession } from '../place/bash-session.js';
import { LessonShell } from '../repl/lesson-shell.js';
import { takeLabSnapshot } from '../lab-setup/lab-snapshot.js';
import { colorEnabled, colors } from '../view/color.js';

/** Exit status that asks bin/lab-launch.pl for a fresh lab (`.reset`), with the arguments
 * written (through the lab's broker) to the launcher's relaunch file. */
export const RELAUNCH_EXIT = 75;

export interface StartOptions { step?: number }

async function pickLesson(lessons: Lesson[]): Promise<Lesson | undefined> {
  const { select } = await import('@inquirer/prompts');
  const { data } = await new ProgressStore().read();
  const { lessonNumber } = await import('../repl/lesson-table.js');
  const choices = lessons.map((l) => {
    const p = data.lessons[l.meta.id];
    const done = doneStepNumbers(l, p).length;
    return { name: `${lessonNumber(l.meta.id).padStart(2)}. ${l.meta.title}  ${colors(colorEnabled()).dim(p?.completed ? cliText().pickDone : `${done}/${l.steps.length}`)}`, value: l, description: l.meta.summary };
  });
  try {
    return await select({ message: shellText().whichLesson, choices, pageSize: 10 });
  } catch {
    return undefined; // Ctrl-C or Escape in the picker
  }
}

/** The lesson a query names, parsing that file alone when the front matter of the others
 * shows it can mean no other (lesson/meant.ts): the same lesson the full load would find,
 * without parsing every lesson. Undefined: load them all, to choose or to explain. */
async function quickLesson(query: string): Promise<Lesson | undefined> {
  const meant = await lessonMeant(defaultLessonsDir(), query);
  return meant ? (await loadLessonFileIn(meant.file)).lesson : undefined;
}

export async function startCommand(query: string | undefined, opts: StartOptions): Promise<void> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const quick = query === undefined ? undefined : await quickLesson(query);
  const lesson = quick ?? await chooseLesson(query, tty);
  if (!lesson) return;
  await runLesson(lesson, opts, tty);
}

/** Every lesson loaded, and the one the query names (or the learner picks). */
async function chooseLesson(query: string | undefined, tty: boolean): Promise<Lesson | undefined> {
  const { lessons, errors } = await loadLessons();
  // A broken lesson file is named with file:line, as `nslab lint` would, not just counted:
  // whoever runs start with a bad lesson directory can then fix it without a second tool.
  const problems = errors.length ? `\n${errors.map(formatLintError).join('\n')}` : '';
  if (!lessons.length) throw new UserError(cliText().noLessonsLoaded(errors.length, problems));
  if (query === undefined) {
    if (!tty) throw new UserError(cliText().whichLesson);
    return pickLesson(lessons);
  }
  try {
    return findLesson(lessons, query);
  } catch (e) {
    if (e instanceof UserError && problems) throw new UserError(cliText().notLoaded(e.message, problems));
    throw e;
  }
}

async function runLesson(lesson: Lesson, opts: StartOptions, tty: boolean): Promise<void> {
  const store = new ProgressStore();
  const { data, warnings } = await store.read();
  const saved = data.lessons[lesson.meta.id];
  const startAt = resumeStep(lesson, saved, opts.step);

  const print = (s: string) => { process.stdout.write(s); };
  // Colour only on a terminal (a transcript through a pipe stays plain), and never when
  // NO_COLOR or --no-color says so.
  const color = tty && colorEnabled();
  const pc = colors(color);
  for (const w of warnings) print(pc.yellow(`${shellText().note(w)}\n`));
  // On a terminal the markdown renderer's import (marked's lexer) overlaps the lab's build.
  // If it fails to load, the steps print as plain text.
  const terminalMarkdown = tty ? import('../view/markdown.js').then((m) => m.loadTerminalMarkdown()).catch(() => {}) : undefined;
  await openLab({ preset: lesson.meta.preset });

  const [{ renderMarkdown }, { pingProber }] = await Promise.all([import('../view/markdown.js'), import('../lesson/ping-prober.js'), terminalMarkdown]);
  let relaunchWith: string[] | undefined;
  // A `.reset` is a new lab, started by the launcher when this one ends: only a lab the
  // launcher started (with its broker) can ask for one.
  const broker = labBroker();
  const shell = new LessonShell({
    lesson,
    print,
    markdown: (md) => renderMarkdown(md, { color, width: process.stdout.columns }),
    snapshot: takeLabSnapshot,
    prober: pingProber({ snapshot: takeLabSnapshot }),
    progress: store,
    lessonTable: async () => (await import('../repl/lesson-table.js')).lessonTable({ color }),
    newSession: (place, env) => new BashSession({ wrap: place.wrap, stdinIsTerminal: tty, env }),
    color,
    width: tty ? process.stdout.columns : undefined,
    // A reset starts a new lab process; without a terminal, input this one has already
    // read ahead would be lost on the way, so scripts restart with --step instead.
    requestReset: broker && tty
      ? (step) => { relaunchWith = ['start', lesson!.meta.id, '--step', String(step)]; }
      : undefined,
  });
  await openLessonAt(shell, startAt, saved, pc.yellow);

  if (tty) {
    const [{ runTtyShell }, { historyFile }] = await Promise.all([import('../repl/tty.js'), import('../progress/history.js')]);
    await runTtyShell(shell, historyFile(store.location));
  } else {
    const { runPipeShell } = await import('../repl/pipe.js');
    await runPipeShell(shell);
  }
  shell.close();

  if (relaunchWith && broker) {
    // The launcher's file is out of the lab's reach: its broker writes it for us.
    try {
      await broker.request('relaunch', '', '', relaunchWith.join('\0'));
    } catch (e) {
      throw new UserError(cliText().resetFailed((e as Error).message, relaunchWith.slice(1).join(' ')));
    }
    process.exit(RELAUNCH_EXIT);
  }
  if (!shell.completed) {
    const unfinished = shell.session!.unfinishedSteps();
    print(`\n${shell.wrap(shell.text.notFinished(lesson.meta.id, unfinished.map((s) => `${s.number} (${s.title})`).join(', ')))}\n`);
    if (!tty) process.exitCode = 1;
  }
}
