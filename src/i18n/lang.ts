// Which language nslab speaks: `--lang` (which the CLI puts in NSLAB_LANG, so that the
// lab's own processes hear it too), then NSLAB_LANG, then the locale as POSIX orders it
// (LC_ALL, LC_MESSAGES, LANG); English when none says otherwise.
import { AsyncLocalStorage } from 'node:async_hooks';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** A language tag or a locale (`zh`, `zh_CN.UTF-8`, `zh-Hans`, `en_US`, `C`) as one of
 * ours; undefined for one nslab does not speak. */
export function langOf(value: string): Lang | undefined {
  const v = value.trim().replace(/[.@].*$/, '').replace('_', '-').toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans' || v === 'zh-sg' || v.startsWith('zh-hans-')) return 'zh-CN';
  if (v === 'en' || v.startsWith('en-') || v === 'c' || v === 'posix') return 'en';
  return undefined;
}

/** What NSLAB_LANG may hold, for the error that names a wrong one. */
export const LANG_CHOICES = 'en or zh-CN';

// One process may speak to several people: `nslab serve` is to run every learner's shell in
// its one Node, each in the learner's language. Work done in withLang's scope (and all it
// awaits) speaks that language; elsewhere, the process's own.
const scope = new AsyncLocalStorage<Lang>();

/** Runs `fn` (and everything it awaits) in `lang`. */
export function withLang<T>(lang: Lang, fn: () => T): T {
  return scope.run(lang, fn);
}

/** The language of the current work: withLang's, else this process's. An NSLAB_LANG nslab
 * does not speak is an error for the caller to report (`langProblem`); a locale it does not
 * speak means English. An `env` given is read as it is. */
export function currentLang(given?: NodeJS.ProcessEnv): Lang {
  const scoped = given ? undefined : scope.getStore();
  if (scoped) return scoped;
  const env = given ?? process.env;
  if (env.NSLAB_LANG) return langOf(env.NSLAB_LANG) ?? 'en';
  // The first locale variable that is set decides, as in POSIX: LC_ALL=C means C.
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return langOf(v) ?? 'en';
  }
  return 'en';
}

/** Why NSLAB_LANG (or --lang) cannot be used, or undefined. */
export function langProblem(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || langOf(value)) return undefined;
  return `nslab speaks ${LANG_CHOICES}, not "${value}": use --lang en or --lang zh-CN (or NSLAB_LANG)`;
}

/** A catalogue's getter: its words in this process's language, or in the one asked for.
 * (Every catalogue of src/i18n has one object per language, typed alike.) */
export function inLanguages<T>(texts: Record<Lang, T>): (lang?: Lang) => T {
  return (lang = currentLang()) => texts[lang];
}
