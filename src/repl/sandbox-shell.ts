// `nslab sandbox`: a plain shell over the lab host, for experiments without a lesson.
// On a terminal: a prompt with line editing and history; Ctrl-C stops the running
// command, Ctrl-D or `exit` ends the lab. Otherwise: reads lines from stdin, echoes each
// after the prompt, then its output, and ends at the end of input.
import { createInterface } from 'node:readline';
import { BashSession, ShellExitedError } from './bash-session.js';
import { handTerminalToCommand, takeTerminalBack } from './terminal-input.js';

const PROMPT = 'nslab host # ';

export async function runSandboxShell(): Promise<number> {
  const tty = Boolean(process.stdin.isTTY);
  const session = new BashSession({ stdinIsTerminal: tty });
  // Ctrl-C while a command runs is the command's; at the prompt readline handles it.
  process.on('SIGINT', () => {});
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty, historySize: 500 });
  if (tty) {
    process.stdout.write('nslab sandbox: a fresh lab (see `nslab doctor` for what it holds). Ctrl-D or `exit` ends it; nothing is left behind.\n');
    rl.on('SIGINT', () => { rl.write('', { ctrl: true, name: 'u' }); process.stdout.write('^C\n'); rl.prompt(); });
  }
  let lastStatus = 0;
  const runOne = async (line: string): Promise<boolean> => {
    if (!tty) process.stdout.write(PROMPT + line + '\n');
    if (!line.trim()) return true;
    if (tty) { rl.pause(); handTerminalToCommand(process.stdin); }
    try {
      lastStatus = (await session.runLine(line)).exitCode;
    } catch (err) {
      if (err instanceof ShellExitedError) {
        // Killed (`kill -9 $$`), not `exit`: say why the lab ends rather than end silently.
        if (err.exitCode === null) process.stderr.write('nslab: the shell was killed; the lab ends (nothing of it is left on this machine).\n');
        lastStatus = err.exitCode ?? 1;
        return false;
      }
      throw err;
    } finally {
      if (tty && !session.hasExited) { takeTerminalBack(process.stdin); rl.resume(); }
    }
    return true;
  };

  if (!tty) {
    for await (const line of rl) {
      // `exit` (or a killed shell) ends the lab now, with its status: stop reading, or
      // node would wait for the end of an input that may never come.
      if (!(await runOne(line))) { rl.close(); process.stdin.destroy(); return lastStatus; }
    }
    session.close();
    return 0;
  }
  return new Promise((resolve) => {
    rl.setPrompt(PROMPT);
    rl.prompt();
    let busy = Promise.resolve();
    rl.on('line', (line) => {
      busy = busy.then(async () => {
        if (await runOne(line)) rl.prompt();
        else rl.close();
      });
    });
    rl.on('close', () => {
      void busy.then(() => {
        session.close();
        process.stdout.write('\n');
        resolve(lastStatus);
      });
    });
  });
}
