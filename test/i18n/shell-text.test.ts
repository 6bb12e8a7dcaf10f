// The shell's own words in both languages: the same keys, every dot-command's help in
// each, Chinese that is Chinese (not English left in place), and the shell speaking it.
import { describe, expect, it } from 'vitest';
import { shellText } from '../../src/i18n/shell-text.js';
import { DOT_COMMANDS } from '../../src/repl/dot-commands.js';
import { NSLAB, runProcess } from '../helpers/lab.js';

const en = shellText('en');
const zh = shellText('zh-CN');

describe('the shell\'s words, in English and in Chinese', () => {
  it('have the same keys, and a help line for every dot-command in each', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const names = DOT_COMMANDS.map((c) => c.name).sort();
    expect(Object.keys(en.dotHelp).sort()).toEqual(names);
    expect(Object.keys(zh.dotHelp).sort()).toEqual(names);
    // The English catalogue is what the commands say of themselves.
    for (const c of DOT_COMMANDS) expect(en.dotHelp[c.name]).toBe(c.help);
  });

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => {
    const sample = (t: typeof en) => [
      t.stepHead(1, 5, 'x'), t.runThenAnswer, t.tryAgain('x'), t.stepDone(1), t.lessonComplete('x'), t.next('x'), t.keepExperimenting,
      t.lastStepNotPassed('x'), t.hint(1, 2), t.held(undefined), t.held('wait'), t.note('x'), t.questionWaits, t.shellExited, t.left('x'),
      t.unknownDot('x', 'y'), t.lessonOnlyDot('x'), ...t.helpIntro, ...Object.values(t.dotHelp), t.noHints, t.noCommands,
      t.answeredByQuestion, t.noChecks, t.expected, t.found, t.notFinished('x', 'y'), t.whichLesson, t.questionLabel,
      t.switchName.explain, t.switchName.trace, t.switchState('x', true), t.switchSet('x', false), t.resetNeedsTerminal('x', 1),
      t.freshLabAt(1), t.walkUsage, t.enterUsage, t.cannotEnter('x'), t.nowIn('x'), t.nowOnHost, t.lessonsElsewhere,
      t.noExplanation('x'), t.heldBack, t.stateUnreadable('x'), t.ctrlZ, t.didYouMean('rout', ['`route`']), t.lineFailed('x'), t.mixedOutput, t.mixedPlaces, t.stateNotNow, t.noSuchPlace('x', ['c1', 'net1']),
    ];
    const [e, z] = [sample(en), sample(zh)];
    z.forEach((text, i) => {
      expect(text, `Chinese for "${e[i]}"`).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toBe(e[i]);
    });
  });

  it('the shell says them in Chinese with --lang zh-CN', async () => {
    const r = await runProcess([NSLAB, 'start', '00', '--lang', 'zh-CN'], { input: '.help\n.hint\n.quit\n' });
    expect(r.stdout).toContain('── 第 1/5 步：');
    expect(r.stdout).toContain('列出这些命令');
    expect(r.stdout).toMatch(/提示 1\/\d：/);
    expect(r.stdout).toContain('还差这些步骤');
  }, 60_000);
});
