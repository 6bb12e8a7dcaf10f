// Progress as a learner reads it: per lesson, how many of its current steps are done.
// Steps are matched by title first, so editing a lesson (a step inserted, one renamed)
// keeps the progress that still makes sense.
import { progressTitle } from '../lesson/translation.js';
import type { Lesson } from '../lesson/types.js';
import type { LessonProgress, ProgressData } from './schema.js';

export interface LessonSummary {
  id: string;
  title?: string;
  done: number;
  /** undefined when the lesson is not among the loaded lessons. */
  total?: number;
  current?: number;
  lastVisited?: string;
  completed: boolean;
  /** Step numbers (of the lesson as it is now) that are done. */
  doneSteps: number[];
}

export function doneStepNumbers(lesson: Lesson, p: LessonProgress | undefined): number[] {
  if (!p) return [];
  const titles = new Set(lesson.steps.map((s) => progressTitle(s)));
  return lesson.steps
    .filter((s) => p.done.some((d) => d.title === progressTitle(s) || (d.number === s.number && !titles.has(d.title))))
    .map((s) => s.number);
}

export function summarizeProgress(lessons: Lesson[], data: ProgressData): LessonSummary[] {
  const rows: LessonSummary[] = lessons.map((l) => {
    const p = data.lessons[l.meta.id];
    const doneSteps = doneStepNumbers(l, p);
    return {
      id: l.meta.id,
      title: l.meta.title,
      done: doneSteps.length,
      total: l.steps.length,
      current: p?.current,
      lastVisited: p?.lastVisited,
      completed: (p?.completed ?? false) || (l.steps.length > 0 && doneSteps.length === l.steps.length),
      doneSteps,
    };
  });
  const known = new Set(lessons.map((l) => l.meta.id));
  for (const [id, p] of Object.entries(data.lessons)) {
    if (known.has(id)) continue;
    rows.push({ id, done: p.done.length, current: p.current, lastVisited: p.lastVisited, completed: p.completed, doneSteps: p.done.map((d) => d.number) });
  }
  return rows;
}
