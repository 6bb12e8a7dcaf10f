// `nslab sandbox` with stdin not a terminal: each line echoed after the prompt, then its
// output; shell state kept between lines; exit 0 at the end of input.
import { describe, expect, it } from 'vitest';
import { nslabArgv, runProcess } from '../helpers/lab.js';

describe('nslab sandbox, stdin not a terminal', () => {
  it('echoes each line after the prompt, keeps variables and cd, ends at end of input', async () => {
    const input = ['x=42', 'cd /run/netns', 'echo "x=$x pwd=$PWD"', 'ip -br link show docker0 | cut -d" " -f1', 'cat', 'false', 'echo after-false'].join('\n') + '\n';
    const r = await runProcess(nslabArgv(['sandbox']), { input });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe([
      'nslab host # x=42',
      'nslab host # cd /run/netns',
      'nslab host # echo "x=$x pwd=$PWD"',
      'x=42 pwd=/run/netns',
      'nslab host # ip -br link show docker0 | cut -d" " -f1',
      'docker0',
      'nslab host # cat', // reads /dev/null: never waits on the closed stdin
      'nslab host # false',
      'nslab host # echo after-false',
      'after-false',
      '',
    ].join('\n'));
  });

  it('`exit` ends the lab with the shell', async () => {
    const r = await runProcess(nslabArgv(['sandbox', '--preset', 'bare']), { input: 'echo one\nexit\necho never\n' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('one');
    expect(r.stdout).not.toContain('never\n');
  });
});
