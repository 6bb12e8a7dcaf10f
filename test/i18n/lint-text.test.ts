// What lint and solve say to a lesson author, in both languages: the same keys, Chinese
// that is Chinese, every "expected …" phrase of the check and answer parsers translated,
// and the real parser's and proof table's output in Chinese when asked for.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';
import { lintText, ZH_EXPECTED, type LintText } from '../../src/i18n/lint-text.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { formatProofs } from '../../src/commands/solve.js';

const en = lintText('en');
const zh = lintText('zh-CN');

/** Every message, its function members called with sample values. */
const sample = (t: LintText) => [
  t.noLessonsDir, t.noSuchLessonsDir, t.cannotListLessons('EACCES'), t.duplicateId('01-a', 'x.md'), t.noNextLesson('09-x', '01-a'),
  t.notAFile, t.cannotRead('EACCES'), t.tooBig('3.0', 1), t.binaryFile, t.notUtf8,
  t.translationOf('lessons/01-docker0.md', true), t.translationOf('lessons/01-docker0.md', false),
  t.summary('01-docker0', 'docker0', 3, 4, 1, 'docker-host'), t.okLine('lessons/01-docker0.md', 'x'), t.noFilesToLint, t.problems(2, 1),
  t.fenceNotClosed('check', '```'), t.fenceOutsideStep('check'), t.stepNeedsTitle, t.secondHints(12), t.topHeadingInSteps, t.secondRecap,
  t.checkProblem('x'), t.secondQuestion(12), t.hintsBlock, t.recapBlock, t.promptInCommands, t.danglingBackslash, t.secondAnswer(12),
  t.answerProblem('x'), t.questionNoPrompt, t.questionNoAnswer, t.hintsNotList, t.noSteps, t.idMismatch('01-a', '01-b'),
  t.titleRepeats('Look', 20), t.noCommands('Look'), t.noChecks('Look'), t.noHints('Look'), t.ranWithState,
  t.mustBeText('title'), t.mustNotBeEmpty('each source'), t.idPattern, t.nextPattern, t.sourceForm, t.sourceEmpty, t.presetOneOf('empty, docker-host'),
  t.setupList, t.noFrontMatter, t.frontMatterNotClosed, t.notYaml('x'), t.couldNotRead('x'), t.mustBeKeys, t.unknownKey('tags', 'id, title'),
  t.missingKey('title'), t.keyProblem('setup.0', 'x'),
  t.emptyCheck, t.unknownCheck('lnk', 'netns, link'), t.checkMissing('link', 'a link name'), t.keywordFound('link', 'a link name', 'in'),
  t.endsEarly('veth', 'up or down'), t.unexpectedWord('foo', 'link', 'up or down'), t.expected('a link name'), t.givenTwice('mtu'), t.mtuNumber('x'),
  t.notAddress('x'), t.notRouteDest('x'), t.notGateway('x'), t.notSysctl('x'), t.notSubnet('x', '172.17.0.0/16'), t.notPort('x'), t.notDestination('x'),
  t.natForm('snat'), t.notHost('x'), t.viaForm('x y'), t.ranNeedsCommand, t.ranRegex('/(/', 'x'),
  t.unknownAnswer('foo', 'ip-of, mac-of'), t.literalNeedsText, t.portNeedsNumber('x'), t.answerNeeds('ip-of', 'a link name'),
  t.answerTakesOnly('pid-of', 'a container name', 'x'), t.answerForm('ip-of', true, 'x'), t.answerForm('mac-of', false, 'x'),
  t.frontMatterKeyDiffers('id', 'a', 'b', 'f.md'), t.sourceDiffers('f.md'), t.setupDiffers('f.md'), t.stepCount(2, 3, 'f.md'), t.stepWhere(1, 'a', 'b'),
  t.commandsDiffer('w'), t.checksDiffer('w'), t.englishAsks('w'), t.translationAsks('w'), t.answerDiffers('w'), t.hintCount('w', 1, 2),
  t.englishHasRecap('w'), t.englishNoRecap('w'),
  ...t.proofHeads, t.error, t.ok, t.fail, t.passesBefore('x'), t.failsAfter('x', 'y'), t.questionUnanswerable('x'), t.noChecksNoQuestion,
  t.proven(1, 2, 1), t.proven(2, 2, 0), t.labEnded(1, 'x'), t.fixFirst('x'), t.whichLesson, t.rightAnswerRejected, t.heldOnlyLater, t.setupFailed('f.md:3', 'ip link', 'x'),
];

describe('what lint and solve say, in English and in Chinese', () => {
  const saved = process.env.NSLAB_LANG;
  afterEach(() => { if (saved === undefined) delete process.env.NSLAB_LANG; else process.env.NSLAB_LANG = saved; });

  it('have the same keys, and the sample calls every one of them', () => expectSameKeysAllSampled(en, zh, sample));

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => expectTranslated(en, zh, sample));

  it('translate every "expected …" phrase the check and answer parsers pass', () => {
    const phrases = ['src/lesson/check-syntax.ts', 'src/lesson/question.ts'].flatMap((f) => {
      const src = readFileSync(f, 'utf8');
      const called = [...src.matchAll(/t\.(?:name|next|unexpected)\('([^']*)'\)/g)].map((m) => m[1]);
      const answerWhat = [...(/const what = (.*);/.exec(src)?.[1] ?? '').matchAll(/'(a[n]? [^']*)'/g)].map((m) => m[1]);
      return [...called, ...answerWhat];
    });
    expect(phrases.length).toBeGreaterThan(40);
    expect(phrases.filter((p) => !(p in ZH_EXPECTED))).toEqual([]);
  });

  it('come out of the real parser in Chinese when the process speaks it, and as before in English', () => {
    const lesson = ['---', 'id: 01-x', 'title: X', 'summary: y', 'source: a.md', 'preset: bare', '---', '', '## Look', '', '```check', 'link veth1 in', '```', ''].join('\n');
    process.env.NSLAB_LANG = 'zh-CN';
    const zhErrors = parseLesson(lesson, 'lessons/01-x.md').errors.map((e) => `${e.line}: ${e.message}`);
    expect(zhErrors).toContain('9: 步骤 "Look" 没有命令：加一个 ```sh 代码块，写上参考答案');
    expect(zhErrors).toContain('12: 检查："link" 检查缺少 "in" 后面的网络命名空间');
    process.env.NSLAB_LANG = 'en';
    const enErrors = parseLesson(lesson, 'lessons/01-x.md').errors.map((e) => `${e.line}: ${e.message}`);
    expect(enErrors).toContain('12: check: "link" check is missing a namespace after "in"');
  });

  it('make the proof table Chinese, its columns still aligned', () => {
    const proof = { lesson: '00-first-steps', file: 'f.md', ok: false, steps: [
      { step: 1, title: 'Look', passedBefore: ['netns net1'], failedAfter: [], failedCommands: [], ok: false },
      { step: 2, title: 'Make', passedBefore: [], failedAfter: [], failedCommands: [], ok: true },
    ] };
    const out = formatProofs([proof], false, 'zh-CN');
    expect(out).toContain('执行命令之前就已通过：netns net1');
    expect(out.split('\n').pop()).toBe('1 个课程中 0 个验证通过；1 个有违规。');
    const widths = new Set(out.split('\n').slice(0, -1).map((l) => [...l].reduce((w, c) => w + (/[\u4e00-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0)));
    expect(widths.size).toBe(1);
    expect(formatProofs([proof], false, 'en').split('\n').pop()).toBe('0 of 1 lesson(s) proven; 1 with violations.');
  });
});
