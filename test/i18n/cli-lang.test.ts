// Choosing the language on the command line: `--lang` anywhere before `--` (bin/nslab
// takes it out), NSLAB_LANG, the locale; a language nslab does not speak is a clear error.
import { describe, expect, it } from 'vitest';
import { NSLAB, runProcess } from '../helpers/lab.js';

const titleOf0 = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = await runProcess([NSLAB, ...args], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', NSLAB_LANG: '', ...env } });
  if (r.exitCode !== 0) return `exit ${r.exitCode}: ${r.stderr.trim()}`;
  return (JSON.parse(r.stdout) as { lessons: { title: string }[] }).lessons[0].title;
};

describe('nslab --lang', () => {
  it('chooses the lessons\' language before or after the command, as --lang X or --lang=X', async () => {
    expect(await titleOf0(['list', '--json'])).toMatch(/^First steps/);
    expect(await titleOf0(['--lang', 'zh-CN', 'list', '--json'])).toBe('第一步：一个命名空间和一对 veth');
    expect(await titleOf0(['list', '--json', '--lang=zh-CN'])).toBe('第一步：一个命名空间和一对 veth');
    expect(await titleOf0(['list', '--json', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toMatch(/^First steps/);
  });

  it('follows NSLAB_LANG, then the locale', async () => {
    expect(await titleOf0(['list', '--json'], { NSLAB_LANG: 'zh-CN' })).toBe('第一步：一个命名空间和一对 veth');
    expect(await titleOf0(['list', '--json'], { LANG: 'zh_CN.UTF-8' })).toBe('第一步：一个命名空间和一对 veth');
    expect(await titleOf0(['list', '--json'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).toMatch(/^First steps/);
  });

  it('refuses a language it does not speak, or a missing one, saying what to use', async () => {
    expect(await titleOf0(['--lang', 'fr', 'list', '--json'])).toBe('exit 1: nslab: nslab speaks en or zh-CN, not "fr": use --lang en or --lang zh-CN (or NSLAB_LANG)');
    expect(await titleOf0(['list', '--json', '--lang'])).toBe('exit 2: nslab: --lang takes a language: en or zh-CN');
  });

  it('leaves a --lang after `--` to the command', async () => {
    const r = await runProcess([NSLAB, 'run', '--', 'echo', '--lang', 'x']);
    expect([r.exitCode, r.stdout]).toEqual([0, '--lang x\n']);
  });
});
