// Loading the lessons of a directory for the shell, `nslab list` and lint, and finding one
// by what a learner types: "1", "01", "01-docker0" or "docker0".
import { lintText } from '../i18n/lint-text.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { cliText } from '../i18n/cli-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { asTranslation, TRANSLATION_DIRS, translationProblems } from './translation.js';
import { parseLesson } from './parse.js';
import { readLessonText } from './read-file.js';
import { defaultLessonsDir, lessonFiles, matchLessons } from './find.js';
import type { Lesson, LintError } from './types.js';

export { defaultLessonsDir, lessonFiles, matchLessons };

export async function loadLessonFile(file: string): Promise<{ lesson?: Lesson; errors: LintError[] }> {
  const read = await readLessonText(file);
  if ('error' in read) return { errors: [read.error] };
  return parseLesson(read.text, file);
}

/** Every lesson of `dir` that parses and follows the rules; the others' problems in
 * `errors`. A missing directory is an error, not an empty list. */
export async function loadLessons(dir: string = defaultLessonsDir(), lang: Lang = currentLang()): Promise<{ lessons: Lesson[]; errors: LintError[] }> {
  let files: string[];
  try {
    files = await lessonFiles(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { lessons: [], errors: [{ file: dir, line: 1, message: code === 'ENOENT' ? lintText().noSuchLessonsDir : lintText().cannotListLessons((e as Error).message) }] };
  }
  const results = await Promise.all(files.map(loadLessonFile));
  const english = results.flatMap((r) => (r.lesson ? [r.lesson] : []));
  const errors = [...results.flatMap((r) => r.errors), ...lessonSetRules(english)];
  const lessons = lang === 'en' ? english : await Promise.all(english.map((l) => translated(l, lang)));
  return { lessons: lessons.sort((a, b) => a.meta.id.localeCompare(b.meta.id)), errors };
}

/** One lesson file, in the language asked for where it has a faithful translation. */
export async function loadLessonFileIn(file: string, lang: Lang = currentLang()): Promise<{ lesson?: Lesson; errors: LintError[] }> {
  const r = await loadLessonFile(file);
  if (!r.lesson || lang === 'en') return r;
  return { ...r, lesson: await translated(r.lesson, lang) };
}

/** The lesson in the translation folder's words where it has a faithful translation
 * (src/lesson/translation.ts); the English one where not (lint names what is wrong). */
async function translated(en: Lesson, lang: Exclude<Lang, 'en'>): Promise<Lesson> {
  const file = join(dirname(en.file), TRANSLATION_DIRS[lang], basename(en.file));
  if (!existsSync(file)) return en;
  const tr = await loadLessonFile(file);
  if (!tr.lesson || translationProblems(en, tr.lesson).length) return en;
  return asTranslation(en, tr.lesson, lang);
}

/** Rules across lessons: ids unique, `next` names a lesson that exists. `known` adds ids
 * of lessons not in `lessons` (when linting a few files of a directory). */
export function lessonSetRules(lessons: Lesson[], known: Iterable<string> = []): LintError[] {
  const errors: LintError[] = [];
  const ids = new Map<string, Lesson>();
  for (const l of lessons) {
    const other = ids.get(l.meta.id);
    if (other) errors.push({ file: l.file, line: 2, message: lintText().duplicateId(l.meta.id, other.file) });
    else ids.set(l.meta.id, l);
  }
  const all = new Set([...ids.keys(), ...known]);
  for (const l of lessons) {
    if (l.meta.next && !all.has(l.meta.next)) errors.push({ file: l.file, line: 2, message: lintText().noNextLesson(l.meta.next, [...all].sort().join(', ')) });
  }
  return errors;
}

/** The one lesson `query` names; a UserError listing the choices when none or several do. */
export function findLesson(lessons: Lesson[], query: string): Lesson {
  const found = matchLessons(lessons, query);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new UserError(cliText().noSuchLesson(query, lessons.map((l) => l.meta.id)));
  throw new UserError(cliText().ambiguousLesson(query, found.map((l) => l.meta.id)));
}
