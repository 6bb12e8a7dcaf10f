// `nslab explain`, `walk` and `topo`'s own messages in both languages: the same keys, each
// sampled and said in Chinese, and the real command speaking Chinese.
import { describe, expect, it } from 'vitest';
import { toolsText, type ToolsText } from '../../src/i18n/tools-text.js';
import { chooseLab } from '../../src/commands/topo-attach.js';
import { NSLAB, runProcess } from '../helpers/lab.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: ToolsText) => [t.unknownAs('frob', '"ip a"'), t.pasteThen, t.nothingToExplain, t.cannotTell('"ip a"'), t.setupFailed('false', 1), t.attachWithContainers,
  t.snapshotHereOutside, t.notALab(9), t.runningLabs('x'), t.noLabRunning, t.noLabToAttach, t.whichLab(2, 't'), t.labsHead, t.notAPid('x'), t.labGone(9, 'why'),
  t.cannotReadLab(9, 'nslab start', 'why'), t.nsenterExited(1), t.notASnapshot(9, 'x'), t.labTitle(9, 'nslab start')];

describe('the engineer\'s commands\' words, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(toolsText('en'), toolsText('zh-CN'), sample);
    expectTranslated(toolsText('en'), toolsText('zh-CN'), sample);
  });

  it('nslab explain, with nothing or something it cannot place, says so in Chinese', async () => {
    const empty = await runProcess([NSLAB, '--lang', 'zh-CN', 'explain'], { input: '' });
    expect([empty.exitCode, empty.stderr]).toEqual([2, `nslab: ${toolsText('zh-CN').nothingToExplain}\n`]);
    const odd = await runProcess([NSLAB, '--lang', 'zh-CN', 'explain'], { input: 'hello there\n' });
    expect(odd.stderr).toMatch(/^nslab: 看不出这段文字是哪个命令打印的。.*"route -n"/s);
  });

  it('topo --attach with no lab to attach to, in Chinese', () => {
    const saved = process.env.NSLAB_LANG;
    process.env.NSLAB_LANG = 'zh-CN';
    try {
      expect(() => chooseLab([], undefined)).toThrow(toolsText('zh-CN').noLabToAttach);
      expect(() => chooseLab([], 300)).toThrow(/^进程 300 不是.*现在没有实验环境在运行。$/);
    } finally {
      if (saved === undefined) delete process.env.NSLAB_LANG; else process.env.NSLAB_LANG = saved;
    }
  });
});
