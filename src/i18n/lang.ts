// Which language nslab speaks: `--lang` (which the CLI puts in NSLAB_LANG, so that the
// lab's own processes hear it too), then NSLAB_LANG, then the locale as POSIX orders it
// (LC_ALL, LC_MESSAGES, LANG); English when none says otherwise.
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

/** The language of this process. An NSLAB_LANG nslab does not speak is an error for the
 * caller to report (`langProblem`); a locale it does not speak means English. */
export function currentLang(env: NodeJS.ProcessEnv = process.env): Lang {
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
