import { describe, expect, it } from 'vitest';
import { currentLang, langOf, langProblem, withLang } from '../../src/i18n/lang.js';
import { shellText } from '../../src/i18n/shell-text.js';

describe('which language nslab speaks', () => {
  it('reads tags and locales as one of its two languages', () => {
    expect(['zh', 'zh-CN', 'zh_CN.UTF-8', 'zh_CN.utf8@pinyin', 'zh-Hans', 'zh_SG'].map(langOf)).toEqual(Array(6).fill('zh-CN'));
    expect(['en', 'en_US.UTF-8', 'en-GB', 'C', 'C.UTF-8', 'POSIX'].map(langOf)).toEqual(Array(6).fill('en'));
    expect(['fr_FR.UTF-8', 'zh_TW.UTF-8', 'de', ''].map(langOf)).toEqual(Array(4).fill(undefined));
  });

  it('takes NSLAB_LANG first, then LC_ALL, LC_MESSAGES, LANG; English by default', () => {
    expect(currentLang({})).toBe('en');
    expect(currentLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(currentLang({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(currentLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('zh-CN');
    // LC_ALL=C means C, whatever LANG says: the first one set decides.
    expect(currentLang({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(currentLang({ LC_ALL: 'C', NSLAB_LANG: 'zh-CN' })).toBe('zh-CN');
    expect(currentLang({ LANG: 'fr_FR.UTF-8' })).toBe('en');
  });

  it('names a language it does not speak, and says what to use', () => {
    expect(langProblem('zh-CN')).toBeUndefined();
    expect(langProblem(undefined)).toBeUndefined();
    expect(langProblem('fr')).toBe('nslab speaks en or zh-CN, not "fr": use --lang en or --lang zh-CN (or NSLAB_LANG)');
  });
});

describe('withLang', () => {
  it('gives each piece of concurrent work its own language, across awaits, and leaves the process its own', async () => {
    const pause = () => new Promise((r) => setTimeout(r, 5));
    const say = async () => { await pause(); const a = shellText().tryAgain('x'); await pause(); return [a, shellText().tryAgain('x')]; };
    const [zh, en] = await Promise.all([withLang('zh-CN', say), withLang('en', say)]);
    expect(zh[0]).toBe(shellText('zh-CN').tryAgain('x'));
    expect(zh[1]).toBe(zh[0]);
    expect(en).toEqual([shellText('en').tryAgain('x'), shellText('en').tryAgain('x')]);
    expect(zh[0]).not.toBe(en[0]);
    // An environment given is read as it is, even in a scope.
    expect(withLang('zh-CN', () => currentLang({ LANG: 'en_US.UTF-8' }))).toBe('en');
  });
});
