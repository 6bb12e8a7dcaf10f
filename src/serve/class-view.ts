// What the instructor's page shows of the class: a row a learner, a count of learners per
// step of each lesson, and who looks stuck. Pure: from the learners' state to plain data
// (the page puts every value in as text).
import type { Lesson } from '../lesson/types.js';
import { socketText, type SocketText } from '../i18n/socket-text.js';

export interface LearnerState {
  seat: number;
  name: string;
  online: boolean;
  lab: string;
  lessonId: string;
  step: { number: number; total: number; title: string; checks: string[] } | undefined;
  checksPassed: number;
  stepSince: number;
  failingLines: number;
  hints: number;
  lastError: { line: string; explanation: string } | undefined;
}

export interface ClassRow {
  seat: number;
  name: string;
  online: boolean;
  lab: string;
  lesson: string;
  lessonTitle: string;
  step: number | null;
  steps: number | null;
  stepTitle: string | null;
  checksPassed: number;
  checks: number;
  /** ms on the current step. */
  onStep: number;
  hints: number;
  lastError: { line: string; explanation: string } | null;
  stuck: string | null;
}

export interface StuckRule {
  /** On one step longer than this (ms). */
  afterMs: number;
  /** Or this many lines in a row after which the same check still failed. */
  failingLines: number;
}

export const DEFAULT_STUCK: StuckRule = { afterMs: 10 * 60_000, failingLines: 8 };

/** Why a learner looks stuck, in a few words, or null. Offline learners are not stuck. */
export function stuckReason(s: LearnerState, now: number, rule: StuckRule = DEFAULT_STUCK, t: SocketText = socketText('en')): string | null {
  if (!s.online || !s.step || s.lab !== 'running') return null;
  if (s.failingLines >= rule.failingLines) return t.stuckLines(s.failingLines);
  if (now - s.stepSince >= rule.afterMs) return t.stuckMinutes(Math.floor((now - s.stepSince) / 60_000));
  return null;
}

/** The rows, in the words of `t` (the lessons given in the instructor's language: a
 * learner's step title comes from their lab, in theirs, and is looked up again here). */
export function classRows(states: LearnerState[], lessons: Map<string, Lesson>, now: number, rule?: StuckRule, t?: SocketText): ClassRow[] {
  return states.map((s) => ({
    seat: s.seat,
    name: s.name,
    online: s.online,
    lab: s.lab,
    lesson: s.lessonId,
    lessonTitle: lessons.get(s.lessonId)?.meta.title ?? s.lessonId,
    step: s.step?.number ?? null,
    steps: s.step?.total ?? null,
    stepTitle: s.step ? (lessons.get(s.lessonId)?.steps[s.step.number - 1]?.title ?? s.step.title) : null,
    checksPassed: s.checksPassed,
    checks: s.step?.checks.length ?? 0,
    onStep: s.step ? Math.max(0, now - s.stepSince) : 0,
    hints: s.hints,
    lastError: s.lastError ?? null,
    stuck: stuckReason(s, now, rule, t),
  }));
}

export interface LessonBars {
  lessonId: string;
  title: string;
  /** learners on each step, index 0 = step 1. */
  onStep: number[];
}

/** For each lesson someone is in, how many learners are on each of its steps. */
export function stepBars(rows: ClassRow[], lessons: Map<string, Lesson>): LessonBars[] {
  const bars = new Map<string, LessonBars>();
  for (const r of rows) {
    const lesson = lessons.get(r.lesson);
    if (!lesson || r.step === null) continue;
    let b = bars.get(r.lesson);
    if (!b) {
      b = { lessonId: r.lesson, title: lesson.meta.title, onStep: lesson.steps.map(() => 0) };
      bars.set(r.lesson, b);
    }
    if (r.step >= 1 && r.step <= b.onStep.length) b.onStep[r.step - 1]++;
  }
  return [...bars.values()].sort((a, b) => a.lessonId.localeCompare(b.lessonId));
}
