// The language a learner's page and lab speak: what their browser asked for when they
// joined (Accept-Language), or what they chose on the page since. Kept in a file of the
// learner's folder, so a restarted server (and a restarted lab) keeps it.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { langOf, type Lang } from '../i18n/lang.js';
import { writeAtomically } from './atomic-file.js';

const FILE = 'lang';

/** The first language of an Accept-Language header that nslab speaks; English else. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return 'en';
}

export function readLearnerLang(dir: string): Lang {
  try {
    return langOf(readFileSync(join(dir, FILE), 'utf8')) ?? 'en';
  } catch {
    return 'en';
  }
}

export function writeLearnerLang(dir: string, lang: Lang): void {
  // The folder as the learner's lab first makes it (src/serve/learner.ts), if it is not there yet.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeAtomically(join(dir, FILE), lang, 0o644);
}
