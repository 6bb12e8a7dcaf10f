// Proves one lesson on the lab this process runs in (a fresh one): for every step, its
// checks must fail before its reference commands, and the lesson's session (the very
// engine learners meet, src/lesson/session.ts) must pass the step after them, its question
// answered from the kernel. rustlings' `verify`, for networks.
import type { Lesson, Step } from '../lesson/types.js';
import type { KernelState } from '../kernel/types.js';
import type { Prober } from '../lesson/check-eval.js';
import { BashSession, runQuietly } from '../place/bash-session.js';
import { LessonSession, type SessionEvent } from '../lesson/session.js';
import { lintText } from '../i18n/lint-text.js';

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

/** Proves the session's current step: its checks fail before the reference commands run,
 * and the session, told of those lines exactly as of a learner's, passes the step after
 * them (its settle policy included); its question is answered from the kernel. */
async function proveStep(session: LessonSession, events: SessionEvent[], shell: BashSession, deps: ProveDeps): Promise<StepProof> {
  const step = session.step!;
  const { evaluateAll } = await import('../lesson/check-eval.js');
  // Before the commands, a ping is tried only when every other check already holds: a
  // ping that gets no answer leaves its namespace's neighbour entry waiting for one for
  // a few seconds, which would make the step's own ping fail afterwards, as no learner's
  // lines ever do (the shell pings only once a step's other checks hold).
  const stateBefore = await deps.snapshot();
  const others = step.checks.filter((c) => c.check.kind !== 'ping');
  let before = await evaluateAll(others, stateBefore, deps.prober, { commands: [] });
  if (before.every((r) => r.result.ok)) before = await evaluateAll(step.checks, stateBefore, deps.prober, { commands: [] });
  const failedCommands: StepProof['failedCommands'] = [];
  for (const line of step.commands) {
    const f = (await runQuietly(shell, [line]))[0];
    if (f) failedCommands.push({ command: f.line, exitCode: f.exitCode, stderr: f.error });
    session.noteLine(line);
  }
  events.length = 0;
  const state = await deps.snapshot();
  await session.afterLine(state);
  let questionProblem: string | undefined;
  if (step.question) {
    const asked = events.some((e) => e.kind === 'question');
    if (asked) {
      const { computeAnswer } = await import('../lesson/question.js');
      const v = computeAnswer(step.question.answer, (await deps.snapshot()) ?? state);
      if (v.ok) await session.answer(v.accepted[0] ?? v.shown);
      else questionProblem = v.found;
    }
  }
  const passed = events.some((e) => e.kind === 'step-passed' && e.step.number === step.number);
  const passedBefore = before.filter((r) => r.result.ok).map((r) => r.item.text);
  // Where the session did not pass the step, say which checks failed, as .check would.
  const failedAfter = passed ? [] : (await evaluateAll(step.checks, (await deps.snapshot()) ?? state, deps.prober, session.evalContext()))
    .filter((r) => !r.result.ok).map((r) => ({ check: r.item.text, found: r.result.found }));
  if (!passed && !failedAfter.length && !questionProblem) {
    if (step.question) questionProblem = lintText().rightAnswerRejected;
    else failedAfter.push({ check: step.checks.map((c) => c.text).join('; '), found: lintText().heldOnlyLater });
  }
  const observation = step.checks.length === 0;
  // A step the session did not pass stays current: move on, as a learner would with .next.
  if (!passed) await session.goTo(session.stepIndex + 1);
  return {
    step: step.number,
    title: step.title,
    passedBefore,
    failedAfter,
    failedCommands,
    ...(questionProblem ? { questionProblem } : {}),
    ok: passed && passedBefore.length === 0 && failedAfter.length === 0 && !questionProblem && (!observation || Boolean(step.question)),
  };
}

/** Runs a lesson's setup lines; says which one failed, as `file:line: …`, if one did. */
export async function setupProblem(lesson: Lesson, run: (lines: string[]) => Promise<{ line: string; error: string }[]>): Promise<string | undefined> {
  const failed = await run(lesson.meta.setup.map((l) => l.text));
  if (!failed.length) return undefined;
  const at = lesson.meta.setup.find((l) => l.text === failed[0].line);
  return lintText().setupFailed(`${lesson.file}:${at?.line ?? 1}`, failed[0].line, failed[0].error);
}

/** Runs the whole lesson: setup lines, then each step in order, in one shell (so that a
 * variable set by one step's command is there for the next, as for a learner). */
export async function proveLesson(lesson: Lesson, deps: ProveDeps): Promise<LessonProof> {
  const shell = new BashSession({ stdinIsTerminal: false, out: () => {}, err: () => {} });
  const events: SessionEvent[] = [];
  const session = new LessonSession({ lesson, snapshot: deps.snapshot, prober: deps.prober, emit: (e) => events.push(e) });
  const steps: StepProof[] = [];
  try {
    const setupFailed = await setupProblem(lesson, (lines) => runQuietly(shell, lines));
    if (setupFailed) return { lesson: lesson.meta.id, file: lesson.file, steps, ok: false, error: setupFailed };
    await session.begin(false);
    for (let i = 0; i < lesson.steps.length; i++) steps.push(await proveStep(session, events, shell, deps));
    return { lesson: lesson.meta.id, file: lesson.file, steps, ok: steps.every((s) => s.ok) && session.completed };
  } catch (err) {
    return { lesson: lesson.meta.id, file: lesson.file, steps, ok: false, error: (err as Error).message };
  } finally {
    shell.close();
  }
}
