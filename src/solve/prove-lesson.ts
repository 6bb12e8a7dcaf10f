// Proves one lesson on the lab this process runs in (a fresh one): for every step, its
// checks must fail before its reference commands and pass after them, and its question
// must be answerable from the kernel afterwards. rustlings' `verify`, for networks.
import type { Lesson, Step } from '../lesson/types.js';
import type { KernelState } from '../kernel/types.js';
import type { Prober } from '../lesson/check-eval.js';
import { BashSession, runQuietly } from '../place/bash-session.js';
import { settle } from '../lesson/settle.js';

export interface StepProof {
  step: number;
  title: string;
  /** Checks that already passed before the step's commands ran (each is a violation). */
  passedBefore: string[];
  /** Checks that still failed after the commands, with what was found. */
  failedAfter: { check: string; found: string }[];
  /** Commands that exited non-zero (not a violation by itself: a lesson may show an error). */
  failedCommands: { command: string; exitCode: number; stderr: string }[];
  /** Why the question could not be answered from the kernel, if it could not. */
  questionProblem?: string;
  ok: boolean;
}

export interface LessonProof {
  lesson: string;
  file: string;
  steps: StepProof[];
  ok: boolean;
  /** Set when the lesson could not be proven at all (setup failed, …). */
  error?: string;
}

export interface ProveDeps {
  snapshot: () => Promise<KernelState>;
  prober: Prober;
}

async function proveStep(step: Step, session: BashSession, deps: ProveDeps): Promise<StepProof> {
  const { evaluateAll } = await import('../lesson/check-eval.js');
  const before = await evaluateAll(step.checks, await deps.snapshot(), deps.prober, { commands: [] });
  const failedCommands: StepProof['failedCommands'] = (await runQuietly(session, step.commands))
    .map((f) => ({ command: f.line, exitCode: f.exitCode, stderr: f.error }));
  // Some teardown is asynchronous in the kernel (src/lesson/settle.ts): a failing "after"
  // is looked at again, briefly, before it counts.
  const attempt = async () => {
    const state = await deps.snapshot();
    return { state, after: await evaluateAll(step.checks, state, deps.prober, { commands: step.commands }) };
  };
  const { state, after } = await settle(await attempt(), attempt, (r) => r.after.every((x) => x.result.ok));
  let questionProblem: string | undefined;
  if (step.question) {
    const { computeAnswer } = await import('../lesson/question.js');
    const v = computeAnswer(step.question.answer, state);
    if (!v.ok) questionProblem = v.found;
  }
  const passedBefore = before.filter((r) => r.result.ok).map((r) => r.item.text);
  const failedAfter = after.filter((r) => !r.result.ok).map((r) => ({ check: r.item.text, found: r.result.found }));
  const observation = step.checks.length === 0;
  return {
    step: step.number,
    title: step.title,
    passedBefore,
    failedAfter,
    failedCommands,
    ...(questionProblem ? { questionProblem } : {}),
    ok: passedBefore.length === 0 && failedAfter.length === 0 && !questionProblem && (!observation || Boolean(step.question)),
  };
}

/** Runs a lesson's setup lines; says which one failed, as `file:line: …`, if one did. */
export async function setupProblem(lesson: Lesson, run: (lines: string[]) => Promise<{ line: string; error: string }[]>): Promise<string | undefined> {
  const failed = await run(lesson.meta.setup.map((l) => l.text));
  if (!failed.length) return undefined;
  const at = lesson.meta.setup.find((l) => l.text === failed[0].line);
  return `${lesson.file}:${at?.line ?? 1}: the lesson's setup line \`${failed[0].line}\` failed: ${failed[0].error}`;
}

/** Runs the whole lesson: setup lines, then each step in order, in one shell (so that a
 * variable set by one step's command is there for the next, as for a learner). */
export async function proveLesson(lesson: Lesson, deps: ProveDeps): Promise<LessonProof> {
  const session = new BashSession({ stdinIsTerminal: false, out: () => {}, err: () => {} });
  const steps: StepProof[] = [];
  try {
    const setupFailed = await setupProblem(lesson, (lines) => runQuietly(session, lines));
    if (setupFailed) return { lesson: lesson.meta.id, file: lesson.file, steps, ok: false, error: setupFailed };
    for (const step of lesson.steps) steps.push(await proveStep(step, session, deps));
    return { lesson: lesson.meta.id, file: lesson.file, steps, ok: steps.every((s) => s.ok) };
  } catch (err) {
    return { lesson: lesson.meta.id, file: lesson.file, steps, ok: false, error: (err as Error).message };
  } finally {
    session.close();
  }
}
