// `nslab solve <lesson|--all>`: proves lessons, each on a fresh lab of its own (a child
// `nslab solve-in-lab FILE`, two at a time), and prints a table. Exit 1 on any violation.
import { join, resolve as resolvePath } from 'node:path';
import Table from 'cli-table3';
import { UserError } from '../errors.js';
import { findLesson, loadLessons } from '../lesson/load.js';
import type { Lesson } from '../lesson/types.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import { run } from '../sandbox/exec.js';
import { colorEnabled, colors, tableLook } from '../view/color.js';
import type { LessonProof } from '../solve/prove-lesson.js';
import { lintText } from '../i18n/lint-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';

async function proveInFreshLab(lesson: Lesson): Promise<LessonProof> {
  const r = await run([join(NSLAB_ROOT, 'bin', 'nslab'), 'solve-in-lab', resolvePath(lesson.file)]).catch((e: Error) => ({ exitCode: 127, stdout: '', stderr: e.message }));
  try {
    return JSON.parse(r.stdout) as LessonProof;
  } catch {
    return { lesson: lesson.meta.id, file: lesson.file, steps: [], ok: false, error: lintText().labEnded(r.exitCode, r.stderr.trim() || r.stdout.trim()) };
  }
}

async function inPool<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i]); }
  }));
  return results;
}

export function formatProofs(proofs: LessonProof[], color: boolean, lang: Lang = currentLang()): string {
  const say = lintText(lang);
  const { red, green } = colors(color);
  const table = new Table({ ...tableLook(say.proofHeads, color), wordWrap: true, colWidths: [22, 34, 8, 60] });
  for (const p of proofs) {
    if (p.error) table.push([p.lesson, '-', red(say.error), p.error]);
    for (const s of p.steps) {
      const details = [
        ...s.passedBefore.map((c) => say.passesBefore(c)),
        ...s.failedAfter.map((f) => say.failsAfter(f.check, f.found)),
        ...(s.questionProblem ? [say.questionUnanswerable(s.questionProblem)] : []),
        ...(s.ok ? [] : s.failedAfter.length || s.passedBefore.length || s.questionProblem ? [] : [say.noChecksNoQuestion]),
      ];
      table.push([p.lesson, `${s.step}. ${s.title}`, s.ok ? green(say.ok) : red(say.fail), details.join('\n')]);
    }
  }
  const bad = proofs.filter((p) => !p.ok).length;
  return `${table.toString()}\n${say.proven(proofs.length - bad, proofs.length, bad)}`;
}

export async function solveCommand(query: string | undefined, opts: { all?: boolean; json?: boolean }): Promise<void> {
  const { lessons, errors } = await loadLessons();
  const fixFirst = () => new UserError(lintText().fixFirst(errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n')));
  let chosen: Lesson[];
  if (opts.all) {
    if (errors.length) throw fixFirst();
    chosen = lessons;
  } else if (query) {
    // Another lesson's mistakes do not stop this one from being proven.
    try { chosen = [findLesson(lessons, query)]; } catch (err) { throw errors.length ? fixFirst() : err; }
  } else throw new UserError(lintText().whichLesson);
  const proofs = await inPool(chosen, 2, proveInFreshLab);
  process.stdout.write(opts.json ? JSON.stringify(proofs, null, 2) + '\n' : formatProofs(proofs, colorEnabled()) + '\n');
  if (proofs.some((p) => !p.ok)) process.exitCode = 1;
}

/** Inside a fresh lab: prove one lesson file and print the proof as JSON. */
export async function solveInLabCommand(file: string): Promise<void> {
  const [{ loadLessonFile }, { openLab }, { proveLesson }, { takeLabSnapshot }, { pingProber }] = await Promise.all([
    import('../lesson/load.js'), import('../lab-setup/open.js'), import('../solve/prove-lesson.js'), import('../lab-setup/lab-snapshot.js'), import('../lesson/ping-prober.js'),
  ]);
  const { lesson, errors } = await loadLessonFile(file);
  if (!lesson) throw new UserError(errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
  await openLab({ preset: lesson.meta.preset });
  const proof = await proveLesson(lesson, { snapshot: takeLabSnapshot, prober: pingProber({ snapshot: takeLabSnapshot }) });
  process.stdout.write(JSON.stringify(proof) + '\n');
}
