// Every lesson in lessons/ lints clean and proves itself on the real kernel: each step's
// checks fail before its reference commands and pass after (`nslab solve`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT, runProcess } from './helpers/lab.js';
import type { LessonProof } from '../src/solve/prove-lesson.js';

const lessonFiles = readdirSync(join(ROOT, 'lessons')).filter((f) => /^\d.*\.md$/.test(f)).sort();

describe('lessons', () => {
  it('lint clean', async () => {
    const r = await runProcess([NSLAB, 'lint']);
    expect(r.stderr + r.stdout).not.toMatch(/:\d+: /);
    expect(r.exitCode).toBe(0);
  });

  it.each(lessonFiles)('%s proves itself on a fresh lab', async (file) => {
    const r = await runProcess([NSLAB, 'solve', file.replace(/\.md$/, ''), '--json']);
    let proofs: LessonProof[];
    try {
      proofs = JSON.parse(r.stdout) as LessonProof[];
    } catch {
      throw new Error(`nslab solve printed no JSON (exit ${r.exitCode}): ${r.stderr || r.stdout}`);
    }
    const problems = proofs.flatMap((p) => [
      ...(p.error ? [p.error] : []),
      ...p.steps.filter((s) => !s.ok).map((s) => `step ${s.step} (${s.title}): ${JSON.stringify({ passedBefore: s.passedBefore, failedAfter: s.failedAfter, question: s.questionProblem })}`),
    ]);
    expect(problems).toEqual([]);
    expect(proofs[0].steps.length).toBeGreaterThan(0);
  });
});
