// A class's results, for the instructor's export: from each learner's event log, how far
// they got in each lesson, how long each step took and how many hints it cost. Pure: the
// store (class-store.ts) hands in the rows; CSV and JSON are made from the results.

/** The events a lab's session yields, as the class store keeps them. */
export const EVENT_KINDS = ['joined', 'step-started', 'step-passed', 'hint', 'check-failed', 'error-seen', 'lesson-done', 'lab-started', 'lab-ended'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ClassEvent {
  id: number;
  learnerId: string;
  kind: EventKind;
  /** Step events carry { lessonId, number } (the step's number, as LabEvent has it). */
  data: Record<string, unknown>;
  /** ms since the epoch. */
  at: number;
}

export interface StepResult {
  number: number;
  /** From the step's first start to its pass; null while it is not passed. */
  ms: number | null;
  hints: number;
}

export interface LessonResult {
  lessonId: string;
  /** The highest step started or passed. */
  stepReached: number;
  steps: StepResult[];
}

export interface LearnerResult {
  id: string;
  name: string;
  /** The lesson the learner is in now. */
  lessonId: string;
  lessons: LessonResult[];
}

interface StepTally { started?: number; passed?: number; hints: number }

function stepOf(e: ClassEvent): { lessonId: string; number: number } | undefined {
  const { lessonId, number } = e.data;
  return typeof lessonId === 'string' && Number.isInteger(number) ? { lessonId, number: number as number } : undefined;
}

/** One learner's results; `events` in the order they happened (by id). */
export function learnerResult(learner: { id: string; name: string; lessonId: string }, events: readonly ClassEvent[]): LearnerResult {
  const lessons = new Map<string, Map<number, StepTally>>();
  for (const e of events) {
    if (e.kind !== 'step-started' && e.kind !== 'step-passed' && e.kind !== 'hint') continue;
    const step = stepOf(e);
    if (!step) continue;
    let steps = lessons.get(step.lessonId);
    if (!steps) lessons.set(step.lessonId, (steps = new Map()));
    let t = steps.get(step.number);
    if (!t) steps.set(step.number, (t = { hints: 0 }));
    if (e.kind === 'hint') t.hints++;
    else if (e.kind === 'step-started') t.started ??= e.at;
    // A pass counts once: the first after the step was started (a lab restarted on a
    // passed step passes it again at once).
    else if (t.started !== undefined) t.passed ??= e.at;
  }
  return {
    id: learner.id,
    name: learner.name,
    lessonId: learner.lessonId,
    lessons: [...lessons].map(([lessonId, steps]) => {
      const numbers = [...steps.keys()].sort((a, b) => a - b);
      return {
        lessonId,
        stepReached: numbers[numbers.length - 1],
        steps: numbers.map((number) => {
          const t = steps.get(number)!;
          return { number, ms: t.started !== undefined && t.passed !== undefined ? t.passed - t.started : null, hints: t.hints };
        }),
      };
    }),
  };
}

export const CSV_COLUMNS = ['learner_id', 'name', 'current_lesson', 'lesson', 'step_reached', 'step', 'ms', 'hints'] as const;

/** A text cell: quoted when it holds a separator, a quote or a line break; and one a
 * spreadsheet would run as a formula (= + - @, or a tab or CR before one) begins with a
 * quote mark so it stays text. */
function textCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const cell = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(v) : textCell(v));

/** One row a learner's step (one row for a learner with none), RFC 4180 (CRLF). */
export function exportCsv(results: readonly LearnerResult[]): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const r of results) {
    const head = [r.id, r.name, r.lessonId];
    if (!r.lessons.length) rows.push([...head, null, null, null, null, null]);
    for (const l of r.lessons) for (const s of l.steps) rows.push([...head, l.lessonId, l.stepReached, s.number, s.ms, s.hints]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function exportJson(results: readonly LearnerResult[]): string {
  return JSON.stringify({ format: 'nslab-class-results', version: 1, learners: results }, null, 2) + '\n';
}
