// The instructor's table as data: who looks stuck and why, learners per step, and the
// instructor's messages, read as strictly as the learners' are.
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lesson/load.js';
import { classRows, stepBars, stuckReason, type LearnerState } from '../../src/serve/class-view.js';
import { parseInstructorMessage } from '../../src/serve/instructor-socket.js';

const NOW = 1_000_000_000;
const base: LearnerState = {
  seat: 1, name: 'Ada', online: true, lab: 'running', lessonId: '00-first-steps',
  step: { number: 2, total: 5, title: 'Create', checks: ['a', 'b', 'c'] }, checksPassed: 1,
  stepSince: NOW - 60_000, failingLines: 0, hints: 0, lastError: undefined,
};

describe('stuckReason', () => {
  it('is null for a learner moving along, and says why otherwise', () => {
    expect(stuckReason(base, NOW)).toBeNull();
    expect(stuckReason({ ...base, failingLines: 8 }, NOW)).toBe('8 lines, the same check still failing');
    expect(stuckReason({ ...base, stepSince: NOW - 11 * 60_000 }, NOW)).toBe('11 min on this step');
    expect(stuckReason({ ...base, stepSince: NOW - 3 * 60_000 }, NOW, { afterMs: 2 * 60_000, failingLines: 99 })).toBe('3 min on this step');
  });

  it('never marks someone away, or without a lab', () => {
    expect(stuckReason({ ...base, online: false, failingLines: 50 }, NOW)).toBeNull();
    expect(stuckReason({ ...base, lab: 'ended', failingLines: 50 }, NOW)).toBeNull();
    expect(stuckReason({ ...base, step: undefined, failingLines: 50 }, NOW)).toBeNull();
  });
});

describe('classRows and stepBars', () => {
  it('count the learners on each step of each lesson', async () => {
    const { lessons } = await loadLessons();
    const byId = new Map(lessons.map((l) => [l.meta.id, l]));
    const rows = classRows([
      base,
      { ...base, seat: 2, name: 'Bo', step: { ...base.step!, number: 1 } },
      { ...base, seat: 3, name: 'Cy' },
      { ...base, seat: 4, name: 'Di', step: undefined },
      { ...base, seat: 5, name: 'Ed', lessonId: '01-docker0', step: { number: 3, total: 16, title: 't', checks: [] } },
    ], byId, NOW);
    expect(rows.map((r) => [r.name, r.step, r.onStep])).toEqual([['Ada', 2, 60_000], ['Bo', 1, 60_000], ['Cy', 2, 60_000], ['Di', null, 0], ['Ed', 3, 60_000]]);
    expect(rows[0].lessonTitle).toBe(byId.get('00-first-steps')!.meta.title);
    const bars = stepBars(rows, byId);
    expect(bars.map((b) => b.lessonId)).toEqual(['00-first-steps', '01-docker0']);
    expect(bars[0].onStep).toEqual([1, 2, 0, 0, 0]);
    expect(bars[1].onStep[2]).toBe(1);
    expect(bars[1].onStep.length).toBe(16);
  });
});

describe('parseInstructorMessage', () => {
  it('takes the few messages the instructor\'s page sends', () => {
    expect(parseInstructorMessage('{"t":"shadow","seat":3}')).toEqual({ t: 'shadow', seat: 3 });
    expect(parseInstructorMessage('{"t":"broadcast","text":"  hi  "}')).toEqual({ t: 'broadcast', text: 'hi' });
    expect(parseInstructorMessage('{"t":"hold","lessonId":"01-docker0","step":4}')).toEqual({ t: 'hold', lessonId: '01-docker0', step: 4, message: '' });
    expect(parseInstructorMessage('{"t":"release"}')).toEqual({ t: 'release' });
  });

  it('refuses anything else with a reason, the learner\'s typing above all', () => {
    for (const bad of ['{"t":"in","data":"x"}', '{"t":"resize","cols":80,"rows":24}', '{"t":"shadow","seat":0}', '{"t":"shadow","seat":"1"}',
      '{"t":"broadcast","text":"   "}', `{"t":"broadcast","text":"${'x'.repeat(501)}"}`, '{"t":"hold","lessonId":"a","step":0}', '[]', 'null', '{']) {
      expect(typeof parseInstructorMessage(bad), bad).toBe('string');
    }
  });
});
