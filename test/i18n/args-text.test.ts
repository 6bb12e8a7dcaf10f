// A command line nslab cannot take, in both languages. commander words its errors in
// English; args-text reads each shape it knows and words it again. The shapes are taken
// from the real parser here (a program like nslab's, every error provoked), so an update
// of commander that changes one fails this test instead of leaving English in Chinese.
import { Command, InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { argsText, commanderError, type ArgsText } from '../../src/i18n/args-text.js';
import { NSLAB, runProcess } from '../helpers/lab.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: ArgsText) => [t.unknownOption('--x'), t.unknownCommand('x'), t.didYouMean(['start']), t.didYouMean(['a', 'b']), t.missingArgument('lesson'),
  t.optionMissingArgument('--preset <name>'), t.tooManyArguments('start', 1, 3), t.tooManyArguments(undefined, 0, 1), t.invalidOptionValue('--step <n>', '0', 'why'),
  t.invalidArgumentValue('n', 'x', 'why'), t.presetChoice('bare, docker-host', 'x'), t.containersRange(250, 'x'), t.stepNumber('0')];

/** What commander writes for `args`, on a program shaped like nslab's. */
function commanderSays(args: string[]): string {
  let said = '';
  const program = new Command('nslab').exitOverride().configureOutput({ writeErr: () => {}, outputError: (text) => { said = text; } });
  program.command('start').argument('[lesson]').option('--step <n>', 'step', (v) => { if (v === '0') throw new InvalidArgumentError('a step number (1, 2, …), not "0".'); return v; }).action(() => {});
  program.command('explain').argument('<command>').argument('[n]', 'n', (v) => { throw new InvalidArgumentError(`no ${v}.`); }).action(() => {});
  program.command('list').option('--json').action(() => {});
  try {
    program.parse(args, { from: 'user' });
  } catch {
    // exitOverride: commander throws after writing its error
  }
  return said;
}

const CASES: [string[], string][] = [
  [['--bogus'], "错误：没有 '--bogus' 这个选项\n"],
  [['bogus'], "错误：没有 'bogus' 这个命令\n"],
  [['strat'], "错误：没有 'strat' 这个命令\n（你是不是想用 start？）\n"],
  [['list', '--jsn'], "错误：没有 '--jsn' 这个选项\n（你是不是想用 --json？）\n"],
  [['start', 'a', 'b'], "错误：'start' 的参数太多：应有 1 个，实际给了 2 个。\n"],
  [['start', '--step'], "错误：选项 '--step <n>' 缺少取值\n"],
  // (this program's own parser words its refusal in English; nslab's is args-text's)
  [['start', '--step', '0'], "错误：选项 '--step <n>' 不接受 '0'：a step number (1, 2, …), not \"0\".\n"],
  [['explain'], "错误：缺少必需的参数 'command'\n"],
  [['explain', 'ip', 'x'], "错误：参数 'n' 不接受 'x'：no x.\n"],
];

describe('commander\'s errors, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(argsText('en'), argsText('zh-CN'), sample);
    expectTranslated(argsText('en'), argsText('zh-CN'), sample);
  });

  it('every shape commander writes is read: English comes back as it was, Chinese as the catalogue says', () => {
    for (const [args, zh] of CASES) {
      const said = commanderSays(args);
      expect(said, args.join(' ')).toMatch(/^error: /);
      expect(commanderError(said, argsText('en')), args.join(' ')).toBe(said);
      expect(commanderError(said, argsText('zh-CN')), args.join(' ')).toBe(zh);
    }
  });

  it('a text of a shape not known is left as it came', () => {
    expect(commanderError('error: something new\n', argsText('zh-CN'))).toBe('error: something new\n');
  });

  it('nslab itself, in Chinese: the error, the value its option takes, and the help pointer', async () => {
    const r = await runProcess([NSLAB, '--lang', 'zh-CN', 'sandbox', '--preset', 'nope']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("错误：选项 '--preset <name>' 不接受 'nope'：应是 bare, docker-host, two-hosts 之一，而不是 \"nope\"。\n（运行 `nslab --help` 查看所有命令）\n");
    const en = await runProcess([NSLAB, '--lang', 'en', 'strat']);
    expect(en.stderr).toBe("error: unknown command 'strat'\n(Did you mean start?)\n(run `nslab --help` for the commands)\n");
  });
});
