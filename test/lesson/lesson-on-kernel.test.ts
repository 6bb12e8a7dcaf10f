// The demo lesson proves the engine on the real kernel: in a fresh lab, each step's checks
// (read from real snapshots, pings through the real prober) each fail before its commands and
// pass after, and its question has an answer.
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';

interface StepRun { step: number; before: boolean[]; after: boolean[]; failedAfter: string[]; answer?: string }

describe('lessons/00-first-steps.md on the real kernel', () => {
  it('every step fails before its commands and passes after', async () => {
    const r = await runInLab('cd "$NSLAB_ROOT" && node test/lesson/prove-lesson.mjs lessons/00-first-steps.md', { preset: 'bare' });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const steps = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as StepRun);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(steps[0].answer).toBe('192.168.0.11/24');
    for (const s of steps) {
      expect(s.failedAfter).toEqual([]);
      expect(s.after.every(Boolean)).toBe(true);
      expect(s.before.some(Boolean), `a check of step ${s.step} passes before its commands`).toBe(false);
    }
  });
});
