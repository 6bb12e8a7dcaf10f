// A learner's way through one lesson, with no terminal in it: which step they are on, the
// hints taken, the steps passed, the question waiting for its answer, when a step counts
// as done (the settle policy included) and the saving of progress. It is told the lines
// that ran and reads the lab through `snapshot`; what happens comes out as events, which a
// front end renders (the terminal shell) or only checks (`nslab solve`). One engine, so
// that what solve proves is what learners meet. In a workshop the instructor may hold the
// class at a step (src/serve/hold.ts): the session then goes no further until released.
import { progressTitle } from './translation.js';
import type { KernelState } from '../kernel/types.js';
import type { CheckReport, Prober } from './check-eval.js';
import type { Check } from './check-syntax.js';
import { mayFinishLater, settle } from './settle.js';
import type { Lesson, Step } from './types.js';

export type SessionEvent =
  | { kind: 'intro'; lesson: Lesson }
  | { kind: 'step'; step: Step; total: number }
  | { kind: 'warning'; text: string }
  | { kind: 'question'; step: Step }
  | { kind: 'answer'; step: Step; ok: boolean; text: string }
  | { kind: 'step-passed'; step: Step }
  | { kind: 'lesson-done'; lesson: Lesson }
  | { kind: 'lesson-unfinished'; unfinished: Step[] }
  | { kind: 'hint'; step: Step; number: number; of: number; hint: string }
  /** The instructor holds the class at this step: passed (or skipped to), the session
   * stays on it until released. */
  | { kind: 'held'; step: Step; message?: string }
  | { kind: 'checks'; step: Step; reports: CheckReport<Step['checks'][number]>[] };

export interface ProgressPort {
  visit(lessonId: string, step: { number: number; title: string }): Promise<{ warnings: string[] }>;
  /** Step `step` passed; `next`, when given, is where the session goes on to, saved in the
   * same write: a lab killed right after a pass resumes past it, not on it. */
  markDone(lessonId: string, step: { number: number; title: string }, total: number, next?: { number: number; title: string }): Promise<{ warnings: string[] }>;
}

/** The instructor's hold: no learner of `lessonId` goes past step `step` while it lasts. */
export interface Hold {
  lessonId: string;
  step: number;
  message?: string;
}

export interface SessionDeps {
  lesson: Lesson;
  /** The lab now; undefined when it cannot be read just now. */
  snapshot: () => Promise<KernelState | undefined>;
  prober: Prober;
  /** Progress saving; failures come back as warnings, never exceptions. */
  progress?: ProgressPort;
  emit: (event: SessionEvent) => void;
  /** The instructor's hold now, if any (a workshop's shell reads the file the server writes).
   * Read whenever the session would move on, and after each line while it waits. */
  hold?: () => Promise<Hold | undefined>;
}

/** How long a step whose failing checks asynchronous teardown can explain is looked at
 * again (src/lesson/settle.ts). */
export const SETTLE = { tries: 5, delayMs: 100 };
/** A ping that failed right after a change of the path (the others all holding) is tried
 * once more, a second later: the next hop's neighbour entry may still be settling from
 * when the path was broken (lesson 5 step 13, right after `brctl delif`). */
export const SETTLE_PING = { tries: 1, delayMs: 1000 };

/** Whether, and how, to look again at a step whose `failing` checks failed. */
export function settleFor(failing: readonly Check[]): { tries: number; delayMs: number } | undefined {
  if (failing.every(mayFinishLater)) return SETTLE;
  if (failing.every((c) => c.kind === 'ping' || mayFinishLater(c))) return SETTLE_PING;
  return undefined;
}

export class LessonSession {
  private index = 0;
  private hintIndex = 0;
  private lines: string[] = [];
  private waiting = false;
  private done = false;
  /** The current step is passed, and the instructor's hold keeps the session on it. */
  private heldHere = false;
  readonly passed = new Set<number>();

  constructor(private readonly deps: SessionDeps) {}

  get lesson(): Lesson { return this.deps.lesson; }
  get stepIndex(): number { return this.index; }
  get step(): Step | undefined { return this.lesson.steps[this.index]; }
  get completed(): boolean { return this.done; }
  /** A question waits for its answer. */
  get awaitingAnswer(): boolean { return this.waiting; }
  /** The current step is passed and the class is held at it. */
  get held(): boolean { return this.heldHere; }

  /** Picks up where a learner left off: earlier steps passed, this one current. */
  resume(stepNumber: number, passedBefore: Iterable<number>): void {
    for (const n of passedBefore) if (n < stepNumber) this.passed.add(n);
    this.index = Math.min(Math.max(0, stepNumber - 1), this.lesson.steps.length - 1);
  }

  async begin(showIntro: boolean): Promise<void> {
    if (showIntro) this.deps.emit({ kind: 'intro', lesson: this.lesson });
    await this.showStep();
  }

  /** `saved`: the progress file already says this step is current (completeStep wrote it). */
  private async showStep(saved = false): Promise<void> {
    const step = this.step;
    if (!step) return;
    this.hintIndex = 0;
    this.lines = [];
    this.waiting = false;
    // Saved before it is shown: whoever sees the step (a page, a test) may rely on a
    // restarted lab coming back to it.
    if (!saved) this.warn((await this.deps.progress?.visit(this.lesson.meta.id, { number: step.number, title: progressTitle(step) }))?.warnings);
    this.deps.emit({ kind: 'step', step, total: this.lesson.steps.length });
  }

  private warn(warnings: string[] | undefined): void {
    for (const text of warnings ?? []) this.deps.emit({ kind: 'warning', text });
  }

  /** A line ran in the lab (what `ran` checks read). */
  noteLine(line: string): void {
    this.lines.push(line);
  }

  /** What `ran` checks read: the lines run in this step, and the step's own commands. */
  evalContext(): { commands: readonly string[]; examples: readonly string[] } {
    return { commands: this.lines, examples: this.step?.commands ?? [] };
  }

  /** Whether the current step still waits for its checks (or, with none, for a line). */
  checksPending(): boolean {
    return Boolean(this.step) && !this.done && !this.waiting && !this.heldHere;
  }

  /** Every check of the current step against `state`, with what was expected and found. */
  async evaluate(state: KernelState): Promise<CheckReport<Step['checks'][number]>[]> {
    const { evaluateAll } = await import('./check-eval.js');
    const reports = await evaluateAll(this.step?.checks ?? [], state, this.deps.prober, this.evalContext());
    if (this.step) this.deps.emit({ kind: 'checks', step: this.step, reports });
    return reports;
  }

  /** After a line: when the step's checks pass, ask its question or complete it.
   * `knownToPass`: the caller has just evaluated them all, so they are not run again. */
  async afterLine(state: KernelState | undefined, knownToPass = false): Promise<void> {
    if (this.heldHere) return this.goOnIfReleased();
    const step = this.step;
    if (!step || !state || !this.checksPending()) return;
    if (step.checks.length && !knownToPass && !(await this.checksHold(step, state))) return;
    if (step.question) {
      this.waiting = true;
      this.deps.emit({ kind: 'question', step });
      return;
    }
    await this.completeStep();
  }

  /** Whether the step's checks hold. A namespace being torn down by the kernel may still
   * show what was deleted: when only such checks fail, look again, briefly. What was
   * found comes out as a 'checks' event (the workshop page shows it after every line). */
  private async checksHold(step: Step, state: KernelState): Promise<boolean> {
    const { stepPasses } = await import('./check-eval.js');
    const ctx = this.evalContext();
    let verdict = await stepPasses(step.checks, state, this.deps.prober, ctx);
    const policy = verdict.passes ? undefined : settleFor(verdict.failing);
    if (policy) {
      verdict = await settle(verdict, async () => {
        const fresh = await this.deps.snapshot();
        return fresh ? stepPasses(step.checks, fresh, this.deps.prober, ctx) : verdict;
      }, (v) => v.passes, policy.tries, policy.delayMs);
    }
    this.deps.emit({ kind: 'checks', step, reports: verdict.reports });
    return verdict.passes;
  }

  /** The learner's answer to the waiting question. */
  async answer(given: string): Promise<void> {
    const step = this.step;
    if (!step?.question || !this.waiting) return;
    const state = await this.deps.snapshot();
    if (!state) return;
    const { checkAnswer } = await import('./question.js');
    const r = checkAnswer(step.question.answer, given, state);
    this.deps.emit({ kind: 'answer', step, ok: r.ok, text: r.ok ? r.expected : r.found });
    if (!r.ok) return;
    this.waiting = false;
    await this.completeStep();
  }

  private async completeStep(): Promise<void> {
    const step = this.step!;
    this.passed.add(step.number);
    this.deps.emit({ kind: 'step-passed', step });
    const hold = await this.holdBefore(this.index + 1);
    const next = hold ? undefined : this.lesson.steps[this.index + 1];
    const ref = (s: Step) => ({ number: s.number, title: progressTitle(s) });
    this.warn((await this.deps.progress?.markDone(this.lesson.meta.id, ref(step), this.lesson.steps.length, next && ref(next)))?.warnings);
    if (hold) {
      this.heldHere = true;
      this.deps.emit({ kind: 'held', step, message: hold.message });
      return;
    }
    await this.moveTo(this.index + 1, next !== undefined);
  }

  /** Held at a passed step: on to the next one once the instructor has released the class
   * (or moved the hold further on). */
  private async goOnIfReleased(): Promise<void> {
    if (await this.holdBefore(this.index + 1)) return;
    await this.moveTo(this.index + 1);
  }

  /** The hold that keeps the session from the step at `index`, if one does. A hold that
   * cannot be read holds nobody: a learner is never stuck on a broken side channel. */
  private async holdBefore(index: number): Promise<Hold | undefined> {
    let hold: Hold | undefined;
    try {
      hold = await this.deps.hold?.();
    } catch {
      return undefined;
    }
    return hold && hold.lessonId === this.lesson.meta.id && index + 1 > hold.step ? hold : undefined;
  }

  /** The learner's own move (.next, .back): forward only as far as the instructor's hold
   * allows; a move it stops is answered with 'held', each time, since the learner asked. */
  async goTo(index: number): Promise<void> {
    if (index > this.index && !this.done) {
      const hold = await this.holdBefore(index);
      if (hold && this.step) {
        this.deps.emit({ kind: 'held', step: this.step, message: hold.message });
        return;
      }
    }
    await this.moveTo(index);
  }

  private async moveTo(index: number, saved = false): Promise<void> {
    const steps = this.lesson.steps;
    this.heldHere = false;
    if (index >= steps.length) {
      this.done = steps.every((s) => this.passed.has(s.number));
      this.index = steps.length - 1;
      const unfinished = this.unfinishedSteps();
      this.deps.emit(unfinished.length ? { kind: 'lesson-unfinished', unfinished } : { kind: 'lesson-done', lesson: this.lesson });
      return;
    }
    // Going back over a finished lesson makes its steps live again: their checks run.
    this.done = false;
    this.index = Math.max(0, index);
    await this.showStep(saved);
  }

  unfinishedSteps(): Step[] {
    return this.lesson.steps.filter((s) => !this.passed.has(s.number));
  }

  /** The next hint of this step (each gives away a little more; the last one repeats). */
  nextHint(): { number: number; of: number; hint: string } | undefined {
    const step = this.step;
    const hints = step?.hints ?? [];
    if (!step || !hints.length) return undefined;
    const at = Math.min(this.hintIndex, hints.length - 1);
    this.hintIndex++;
    const shown = { number: at + 1, of: hints.length, hint: hints[at] };
    this.deps.emit({ kind: 'hint', step, ...shown });
    return shown;
  }
}
