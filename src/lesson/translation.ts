// A lesson in another language (lessons/zh-CN/FILE beside lessons/FILE) is the same
// lesson in other words: the same steps in the same order, the same commands, checks and
// answers, as many hints, and the same front matter but for its title and summary. These
// rules are checked here, for lint and for the loader, which uses a translation only when
// it holds to them. Progress is kept by the English step titles, so that a learner who
// switches language mid-lesson keeps their place.
import type { Lang } from '../i18n/lang.js';
import type { Lesson, LintError, Step } from './types.js';
import { lintText } from '../i18n/lint-text.js';

/** Where the translations of a lessons directory are, by language. */
export const TRANSLATION_DIRS: Record<string, string> = { 'zh-CN': 'zh-CN' };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every way `tr` is not a faithful translation of `en`; empty when it is. */
export function translationProblems(en: Lesson, tr: Lesson): LintError[] {
  const errors: LintError[] = [];
  const err = (line: number, message: string) => errors.push({ file: tr.file, line, message });
  const say = lintText();
  const m = en.meta;
  const t = tr.meta;
  for (const key of ['id', 'preset', 'next'] as const) {
    if (m[key] !== t[key]) err(2, say.frontMatterKeyDiffers(key, t[key] ?? '', m[key] ?? '', en.file));
  }
  if (!same(m.source, t.source)) err(2, say.sourceDiffers(en.file));
  if (!same(m.setup.map((s) => s.text), t.setup.map((s) => s.text))) err(2, say.setupDiffers(en.file));
  if (en.steps.length !== tr.steps.length) {
    err(tr.steps[0]?.line ?? 1, say.stepCount(tr.steps.length, en.steps.length, en.file));
    return errors;
  }
  en.steps.forEach((e, i) => {
    const s = tr.steps[i];
    const where = say.stepWhere(i + 1, s.title, e.title);
    if (!same(e.commands, s.commands)) err(s.line, say.commandsDiffer(where));
    if (!same(e.checks.map((c) => c.text), s.checks.map((c) => c.text))) err(s.line, say.checksDiffer(where));
    if (!!e.question !== !!s.question) err(s.line, e.question ? say.englishAsks(where) : say.translationAsks(where));
    else if (e.question && s.question && !same(e.question.answer, s.question.answer)) err(s.question.line, say.answerDiffers(where));
    if (e.hints.length !== s.hints.length) err(s.line, say.hintCount(where, s.hints.length, e.hints.length));
    if (!!e.recap !== !!s.recap) err(s.line, e.recap ? say.englishHasRecap(where) : say.englishNoRecap(where));
  });
  return errors;
}

/** The translated lesson, its steps keyed by their English titles (for progress). */
export function asTranslation(en: Lesson, tr: Lesson, lang: Lang): Lesson {
  return { ...tr, lang, steps: tr.steps.map((s, i) => ({ ...s, key: en.steps[i].title })) };
}

/** The name progress keeps a step by: its English title, in every language. */
export function progressTitle(step: Pick<Step, 'title' | 'key'>): string {
  return step.key ?? step.title;
}
