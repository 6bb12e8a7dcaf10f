// Every lesson in lessons/ lints clean and proves itself on the real kernel: each step's
// checks fail before its reference commands and pass after (`nslab solve`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT, runProcess } from './helpers/lab.js';
import type { LessonProof } from '../src/solve/prove-lesson.js';

const lessonFiles = readdirSync(join(ROOT, 'lessons')).filter((f) => /^\d.*\.md$/.test(f)).sort();
// The Simplified Chinese ones, which lint holds to the English (same commands and checks):
// proved as a learner in Chinese meets them (their questions are their own words).
const chineseFiles = readdirSync(join(ROOT, 'lessons', 'zh-CN')).filter((f) => /^\d.*\.md$/.test(f)).sort();

describe('lessons', () => {
  it('lint clean', async () => {
    const r = await runProcess([NSLAB, 'lint']);
    expect(r.stderr + r.stdout).not.toMatch(/:\d+: /);
    expect(r.exitCode).toBe(0);
  });

  it('every lesson has its Chinese translation', () => {
    expect(chineseFiles).toEqual(lessonFiles);
  });

  it.each([...lessonFiles.map((f) => ({ file: f, lang: 'en' })), ...chineseFiles.map((f) => ({ file: f, lang: 'zh-CN' }))])('$file ($lang) proves itself on a fresh lab', async ({ file, lang }) => {
    const r = await runProcess([NSLAB, 'solve', file.replace(/\.md$/, ''), '--json'], { env: { NSLAB_LANG: lang } });
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
    expect(proofs[0].file).toBe(join(ROOT, 'lessons', ...(lang === 'en' ? [] : [lang]), file));
  });
});
