// `nslab sandbox` without a terminal: reads lines from stdin, echoes each after the prompt,
// then the command's own output (nothing added, so scripts can rely on it), and ends at the
// end of input or at `exit`. (On a terminal, commands/sandbox.ts runs the learning shell.)
import { createInterface } from 'node:readline';
import { sandboxText } from '../i18n/sandbox-text.js';
import { BashSession, ShellExitedError } from '../place/bash-session.js';

const PROMPT = 'nslab host # ';

export async function runSandboxShell(): Promise<number> {
  const session = new BashSession({ stdinIsTerminal: false });
  const rl = createInterface({ input: process.stdin, terminal: false });
  let lastStatus = 0;
  const runOne = async (line: string): Promise<boolean> => {
    process.stdout.write(PROMPT + line + '\n');
    if (!line.trim()) return true;
    try {
      lastStatus = (await session.runLine(line)).exitCode;
    } catch (err) {
      if (err instanceof ShellExitedError) {
        // Killed (`kill -9 $$`), not `exit`: say why the lab ends rather than end silently.
        if (err.exitCode === null) process.stderr.write(`${sandboxText().shellKilled}\n`);
        lastStatus = err.exitCode ?? 1;
        return false;
      }
      throw err;
    }
    return true;
  };
  for await (const line of rl) {
    // `exit` (or a killed shell) ends the lab now, with its status: stop reading, or
    // node would wait for the end of an input that may never come.
    if (!(await runOne(line))) { rl.close(); process.stdin.destroy(); return lastStatus; }
  }
  session.close();
  return 0;
}
