import { describe, expect, it } from 'vitest';
import { progressTable } from '../../src/commands/progress.js';
import type { Lesson, Step } from '../../src/lesson/index.js';
import { summarizeProgress, type ProgressData } from '../../src/progress/index.js';

function step(number: number, title: string): Step {
  return { number, title, slug: title, line: number, body: '', prose: '', commands: ['true'], commandLines: [], checks: [], hints: ['h'] };
}
function lesson(id: string, titles: string[]): Lesson {
  return { file: `${id}.md`, intro: '', meta: { id, title: `Lesson ${id}`, summary: 's', source: ['x'], preset: 'bare', setup: [] }, steps: titles.map((t, i) => step(i + 1, t)) };
}

describe('summarizeProgress', () => {
  const data: ProgressData = {
    version: 1,
    lessons: {
      '01-a': { done: [{ number: 1, title: 'Look' }, { number: 2, title: 'Old name' }], current: 3, lastVisited: '2025-01-01T10:00:00.000Z', completed: false },
      '09-gone': { done: [{ number: 1, title: 'x' }], current: 2, completed: false },
    },
  };

  it('matches steps by title, and by number when a step was renamed', () => {
    // A step inserted first: the done steps moved down, found by title.
    const moved = summarizeProgress([lesson('01-a', ['New first', 'Look', 'Old name'])], data);
    expect(moved[0]).toMatchObject({ id: '01-a', done: 2, total: 3, doneSteps: [2, 3], completed: false, current: 3 });
    // Step 2 renamed: its title matches nothing, so its number counts.
    const renamed = summarizeProgress([lesson('01-a', ['Look', 'New name', 'Wire'])], data);
    expect(renamed[0]).toMatchObject({ done: 2, doneSteps: [1, 2] });
  });

  it('a completed lesson, a lesson never started, a lesson gone from lessons/', () => {
    const rows = summarizeProgress([lesson('01-a', ['Look', 'Old name']), lesson('02-b', ['x'])], data);
    expect(rows.map((r) => [r.id, r.done, r.total, r.completed])).toEqual([
      ['01-a', 2, 2, true],
      ['02-b', 0, 1, false],
      ['09-gone', 1, undefined, false],
    ]);
  });

  it('prints a table', () => {
    const rows = summarizeProgress([lesson('01-a', ['Look', 'Old name']), lesson('02-b', ['x'])], data);
    const t = progressTable(rows, new Date(2025, 5, 1)).split('\n');
    expect(t[1]).toMatch(/│ Lesson\s+│ Title\s+│ Steps done\s+│ Last visited\s+│/);
    expect(t[3]).toMatch(/│ 01-a\s+│ Lesson 01-a\s+│ 2\/2 ✔\s+│ 2025-01-01 \d\d:00\s+│/);
    expect(t[5]).toMatch(/│ 02-b\s+│ Lesson 02-b\s+│ 0\/1\s+│ never\s+│/);
    expect(t[7]).toMatch(/│ 09-gone\s+│\s+│ 1 \(lesson not found\)\s+│ never\s+│/);
  });
});
