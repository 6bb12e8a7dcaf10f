// `nslab lint` as a function: every problem in a set of lesson files, and a one-line
// summary of each good lesson. The command module only prints this.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { TRANSLATION_DIRS, translationProblems } from './translation.js';
import { defaultLessonsDir, lessonFiles, lessonSetRules, loadLessonFile, loadLessons } from './load.js';
import type { Lesson, LintError } from './types.js';
import { lintText } from '../i18n/lint-text.js';

export interface LintReport {
  file: string;
  lesson?: Lesson;
  errors: LintError[];
}

export async function lintFiles(files?: string[]): Promise<{ reports: LintReport[]; errors: LintError[] }> {
  let paths = files;
  if (!paths || paths.length === 0) {
    const dir = defaultLessonsDir();
    try {
      paths = await lessonFiles(dir);
    } catch {
      return { reports: [], errors: [{ file: displayPath(dir), line: 1, message: lintText().noLessonsDir }] };
    }
    // The translations too, each held to its English lesson.
    for (const sub of Object.values(TRANSLATION_DIRS)) paths.push(...(await lessonFiles(join(dir, sub)).catch(() => [])));
  }
  const reports: LintReport[] = [];
  const translations: LintReport[] = [];
  for (const p of paths) {
    const shown = displayPath(p);
    const r = await loadLessonFile(p);
    const errors = r.errors.map((e) => ({ ...e, file: shown }));
    const report: LintReport = { file: shown, lesson: r.lesson, errors };
    if (isTranslation(p)) {
      await holdToEnglish(p, report);
      translations.push(report);
    } else reports.push(report);
  }
  // Ids and `next` are checked against the linted lessons and their neighbours on disk.
  const lessons = reports.flatMap((r) => (r.lesson ? [r.lesson] : []));
  const neighbours = new Set<string>();
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    for (const l of (await loadLessons(dir)).lessons) neighbours.add(l.meta.id);
  }
  for (const e of lessonSetRules(lessons, neighbours)) {
    const report = reports.find((r) => r.lesson?.file === e.file);
    if (report) {
      report.errors.push({ ...e, file: report.file });
      report.lesson = undefined;
    }
  }
  const all = [...reports, ...translations];
  return { reports: all, errors: all.flatMap((r) => r.errors) };
}

/** A file in a translation folder (lessons/zh-CN/…). */
function isTranslation(path: string): boolean {
  return Object.values(TRANSLATION_DIRS).includes(basename(dirname(path)));
}

/** A translation's rules: an English lesson of the same file name, and the same steps,
 * commands, checks and answers (src/lesson/translation.ts). */
async function holdToEnglish(path: string, report: LintReport): Promise<void> {
  if (!report.lesson) return;
  const englishFile = join(dirname(dirname(path)), basename(path));
  const en = existsSync(englishFile) ? await loadLessonFile(englishFile) : undefined;
  const problems = en?.lesson
    ? translationProblems(en.lesson, report.lesson)
    : [{ file: path, line: 1, message: lintText().translationOf(displayPath(englishFile), !!en) }];
  if (problems.length) {
    report.errors.push(...problems.map((e) => ({ ...e, file: report.file })));
    report.lesson = undefined;
  }
}

export function summarizeLesson(l: Lesson): string {
  const checks = l.steps.reduce((n, s) => n + s.checks.length, 0);
  const questions = l.steps.filter((s) => s.question).length;
  return lintText().summary(l.meta.id, l.meta.title, l.steps.length, checks, questions, l.meta.preset);
}

function displayPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}
