// What a learner's lab reports of its session (protocol.ts, LabEvent), kept as the pages
// show it: the step (rendered from the lesson file, not from the lab), its checks, the
// lab's picture, hints, the last error, a hold; and what the instructor's table reads from
// it (time on the step, the same check failing line after line, the last lines). Each
// event is logged in the class's log before the page is told of it.
import type { Lesson } from '../lesson/types.js';
import type { ClassEvent, EventKind } from './class-results.js';
import type { CheckState, LabEvent, ServerMessage } from './protocol.js';
import { markdownHtml, stepView, type StepView } from './step-view.js';
import { topologySvg } from './topo-svg.js';

export interface RecentLine {
  at: number;
  line: string;
  passed: number;
  of: number;
  failing: string[];
}

export interface LabReportDeps {
  lesson: (id: string) => Lesson | undefined;
  /** The lesson the learner's lab was started on (or has moved to). */
  lessonId: () => string;
  /** The lab's shell reports another lesson than the one it was started on. */
  lessonChanged: (lessonId: string) => void;
  log: (kind: EventKind, data: object) => void;
  send: (msg: ServerMessage) => void;
  /** The learner's lesson list (with progress) should be sent again. */
  lessons: () => void;
}

export class LabReport {
  step: StepView | undefined;
  checks: CheckState[] = [];
  svg: string | undefined;
  idle = false;
  hints = 0;
  lastError: { line: string; explanation: string } | undefined;
  /** The step at which the learner's shell said it is held by the instructor. */
  held: number | undefined;
  /** When the current step was shown (ms since the epoch), for the time on a step. */
  stepSince = Date.now();
  /** The most lines in a row after which one same check still failed (for 'stuck'). */
  failingLines = 0;
  /** The checks after each of the last lines of this step, newest last. */
  recentChecks: RecentLine[] = [];
  /** Events that could not be used (a picture that would not draw). */
  rejected = 0;
  /** For each check of this step, the lines in a row after which it still failed. */
  private failStreaks = new Map<string, number>();
  /** The line the learner's shell is running (or ran last). */
  private lastLine = '';

  constructor(private readonly deps: LabReportDeps) {}

  /** A new lab: nothing reported yet (what the instructor's table counts stays). */
  newLab(): void {
    this.step = undefined;
    this.checks = [];
    this.svg = undefined;
    this.idle = false;
  }

  /** Where the class's log last saw this learner (a restarted server's table shows what
   * it showed before, until the learner's lab reports again). */
  restore(events: readonly ClassEvent[], lessonId: string): void {
    const findLast = (list: readonly ClassEvent[], pred: (e: ClassEvent) => boolean) => [...list].reverse().find(pred);
    const started = findLast(events, (e) => e.kind === 'step-started' && e.data.lessonId === lessonId);
    if (!started) return;
    const lesson = this.deps.lesson(lessonId);
    const view = lesson && stepView(lesson, Number(started.data.number));
    if (!view) return;
    this.step = view;
    this.stepSince = started.at;
    const since = events.filter((e) => e.id > started.id);
    this.hints = since.filter((e) => e.kind === 'hint').length;
    const lastCheck = findLast(since, (e) => e.kind === 'check-failed');
    const failing = Array.isArray(lastCheck?.data.failing) ? (lastCheck!.data.failing as string[]) : undefined;
    if (failing) this.checks = view.checks.map((c) => ({ ok: !failing.includes(c), expected: '', found: '' }));
    const error = findLast(events, (e) => e.kind === 'error-seen');
    if (error) this.lastError = { line: String(error.data.line ?? ''), explanation: String(error.data.explanation ?? '') };
  }
  /** One event from the lab, already checked for shape (lab-events.ts). */
  apply(e: LabEvent): void {
    switch (e.kind) {
      case 'step': {
        const lesson = this.deps.lesson(e.lessonId);
        const view = lesson && stepView(lesson, e.number);
        if (!view) return;
        if (e.lessonId !== this.deps.lessonId()) this.deps.lessonChanged(e.lessonId);
        this.held = undefined;
        if (this.step?.number !== view.number || this.step?.lessonId !== view.lessonId) {
          this.deps.log('step-started', { lessonId: view.lessonId, number: view.number });
          this.stepSince = Date.now();
          this.failingLines = 0;
          this.failStreaks.clear();
          this.recentChecks = [];
          this.hints = 0;
        }
        this.step = view;
        this.checks = [];
        this.deps.send({ t: 'step', ...view });
        // The shell shows the next step once the last one is saved as done: the lesson
        // list read now has it (read at step-passed, it might not yet).
        this.deps.lessons();
        return;
      }
      case 'checks':
        if (this.step?.number !== e.number || e.lessonId !== this.deps.lessonId()) return;
        this.checks = e.checks.slice(0, this.step.checks.length);
        {
          const failing = this.step.checks.filter((_, i) => !this.checks[i]?.ok);
          // The same check failing line after line is what marks a learner stuck: a
          // learner working through a step's checks one by one is not.
          for (const c of this.step.checks) this.failStreaks.set(c, failing.includes(c) ? (this.failStreaks.get(c) ?? 0) + 1 : 0);
          this.failingLines = Math.max(0, ...this.failStreaks.values());
          if (failing.length) this.deps.log('check-failed', { lessonId: e.lessonId, number: e.number, failing });
          this.recentChecks = [...this.recentChecks, { at: Date.now(), line: this.lastLine, passed: this.checks.filter((c) => c.ok).length, of: this.step.checks.length, failing }].slice(-8);
        }
        this.deps.send({ t: 'checks', number: e.number, checks: this.checks });
        return;
      case 'step-passed':
        if (e.lessonId !== this.deps.lessonId()) return;
        this.deps.log('step-passed', { lessonId: e.lessonId, number: e.number });
        this.deps.send({ t: 'step-passed', number: e.number });
        return;
      case 'lesson-done':
        if (e.lessonId !== this.deps.lessonId()) return;
        this.deps.log('lesson-done', { lessonId: e.lessonId });
        this.deps.send({ t: 'lesson-done', lessonId: e.lessonId });
        this.deps.lessons();
        return;
      case 'hint': {
        // The hint's text from the lesson file, not from the lab.
        const hint = this.deps.lesson(e.lessonId)?.steps.find((s) => s.number === e.number)?.hints[e.at - 1];
        if (hint === undefined) return;
        this.hints++;
        this.deps.log('hint', { lessonId: e.lessonId, number: e.number, at: e.at });
        this.deps.send({ t: 'hint', number: e.number, at: e.at, of: e.of, html: markdownHtml(hint) });
        return;
      }
      case 'topology':
        try {
          this.svg = topologySvg(e.model);
        } catch {
          this.rejected++;
          return;
        }
        this.deps.send({ t: 'topology', svg: this.svg });
        return;
      case 'prompt':
        if (!e.idle && e.line !== undefined) this.lastLine = e.line;
        this.idle = e.idle;
        this.deps.send({ t: 'prompt', idle: e.idle });
        return;
      case 'held':
        if (e.lessonId !== this.deps.lessonId()) return;
        this.held = e.step;
        this.deps.send({ t: 'held', number: e.step, message: e.message });
        return;
      case 'error-seen':
        this.lastError = { line: e.line.slice(0, 300), explanation: e.explanation.slice(0, 600) };
        this.deps.log('error-seen', this.lastError);
        return;
    }
  }

}
