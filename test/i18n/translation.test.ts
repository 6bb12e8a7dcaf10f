// A translated lesson is held to its English one (src/lesson/translation.ts): lint names
// every way it strays, the loader uses it only when it does not, and progress is kept by
// the English step titles in both languages.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lesson/load.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { asTranslation, translationProblems } from '../../src/lesson/translation.js';
import { lintFiles } from '../../src/lesson/lint.js';
import { doneStepNumbers } from '../../src/progress/summary.js';
import type { Lesson } from '../../src/lesson/types.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'i18n', 'lessons');
const EN = readFileSync(join(DIR, '01-pair.md'), 'utf8');
const ZH = readFileSync(join(DIR, 'zh-CN', '01-pair.md'), 'utf8');
const parse = (text: string, file: string): Lesson => {
  const r = parseLesson(text, file);
  if (!r.lesson) throw new Error(JSON.stringify(r.errors));
  return r.lesson;
};
const problems = (zh: string) => translationProblems(parse(EN, 'en.md'), parse(zh, 'zh.md')).map((e) => e.message);

describe('a translation, held to its English lesson', () => {
  it('a faithful one has no problems', () => {
    expect(problems(ZH)).toEqual([]);
  });

  it('names a changed command, check, answer, hint count, recap, step count or front matter', () => {
    expect(problems(ZH.replace('ip link set veth1 netns net1\n```', 'ip link set veth1 netns net2\n```'))).toEqual([expect.stringMatching(/^step 1 \("创建 veth 对", "Make the pair" in English\): its commands differ/)]);
    expect(problems(ZH.replace('link veth1 in net1 kind veth', 'link veth1 in net1'))).toEqual([expect.stringMatching(/step 1 .*its checks differ/)]);
    expect(problems(ZH.replace('answer: peer-ifindex-of veth1_p', 'answer: ifindex-of veth1_p'))).toEqual([expect.stringMatching(/step 2 .*its answer: line differs/)]);
    expect(problems(ZH.replace('2. `ip link set veth1 netns net1`\n', ''))).toEqual([expect.stringMatching(/step 1 .*1 hints here, 2 in English/)]);
    expect(problems(ZH.replace(/> recap: .*\n/, ''))).toEqual([expect.stringMatching(/step 1 .*the English has a recap here/)]);
    expect(problems(ZH.slice(0, ZH.indexOf('## 找到另一端')))).toEqual([expect.stringMatching(/^1 steps here, 2 in en\.md/)]);
    expect(problems(ZH.replace('preset: bare', 'preset: docker-host'))).toEqual([expect.stringMatching(/^front matter "preset" is "docker-host" here but "bare"/)]);
    expect(problems(ZH.replace('  - ip netns add net1', '  - ip netns add net9'))).toEqual([expect.stringMatching(/^front matter "setup" differs/)]);
  });

  it('keys its steps by the English titles, so progress is shared between languages', () => {
    const en = parse(EN, 'en.md');
    const zh = asTranslation(en, parse(ZH, 'zh.md'), 'zh-CN');
    expect(zh.steps.map((s) => [s.title, s.key])).toEqual([['创建 veth 对', 'Make the pair'], ['找到另一端', 'Find the other end']]);
    const progress = { done: [{ number: 1, title: 'Make the pair' }], current: 2, completed: false };
    expect(doneStepNumbers(zh, progress)).toEqual([1]);
    expect(doneStepNumbers(en, progress)).toEqual([1]);
  });
});

describe('loading and linting translations', () => {
  it('loads the Chinese lesson for zh-CN, the English one for en', async () => {
    expect((await loadLessons(DIR, 'zh-CN')).lessons.map((l) => l.meta.title)).toEqual(['一对 veth']);
    expect((await loadLessons(DIR, 'en')).lessons.map((l) => l.meta.title)).toEqual(['A veth pair']);
  });

  it('falls back to English where the translation strays, and lint says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-i18n-'));
    cpSync(DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'zh-CN', '01-pair.md'), ZH.replace('ip link\n```', 'ip -br link\n```'));
    expect((await loadLessons(dir, 'zh-CN')).lessons.map((l) => l.meta.title)).toEqual(['A veth pair']);
    const { errors } = await lintFiles([join(dir, '01-pair.md'), join(dir, 'zh-CN', '01-pair.md')]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^step 2 \("找到另一端", "Find the other end" in English\): its commands differ/)]);
  });

  it('a translation with no English lesson is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-i18n-'));
    cpSync(join(DIR, 'zh-CN'), join(dir, 'zh-CN'), { recursive: true });
    const { errors } = await lintFiles([join(dir, 'zh-CN', '01-pair.md')]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^a translation of .*01-pair\.md, which does not exist$/)]);
  });
});
