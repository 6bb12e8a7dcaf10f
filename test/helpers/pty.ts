// Drives a program on a real pseudo-terminal, through util-linux `script`: what a learner
// types goes in, the screen's bytes come out. For the tests of the terminal front-end.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtySession {
  send(keys: string): void;
  waitFor(pattern: RegExp | string, fromIndex?: number): Promise<number>;
  readonly output: string;
  readonly exited: Promise<number | null>;
  kill(): void;
}

export function startOnPty(command: string, env: NodeJS.ProcessEnv = {}): PtySession {
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TERM: 'xterm', COLUMNS: '120', LINES: '40', ...env },
  }) as ChildProcessWithoutNullStreams;
  let output = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (b: Buffer) => { output += b.toString(); listeners.forEach((l) => l()); });
  child.stderr.on('data', (b: Buffer) => { output += b.toString(); listeners.forEach((l) => l()); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { listeners.forEach((l) => l()); resolve(code); }));
  let done = false;
  void exited.then(() => { done = true; });
  return {
    send: (keys) => { child.stdin.write(keys); },
    get output() { return output; },
    exited,
    kill: () => { child.kill('SIGKILL'); },
    waitFor(pattern, fromIndex = 0) {
      const find = () => {
        const rest = output.slice(fromIndex);
        const i = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern);
        return i >= 0 ? fromIndex + i : -1;
      };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`no ${pattern} within 20 s; screen:\n${output}`)); }, 20_000);
        const check = () => {
          const i = find();
          if (i >= 0) { clearTimeout(timer); listeners.delete(check); resolve(i); }
          else if (done) { clearTimeout(timer); listeners.delete(check); reject(new Error(`exited before ${pattern}; screen:\n${output}`)); }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** The ways a program meets a terminal. `job-control shell`: typed at an interactive bash,
 * which gives each job a process group of its own and the terminal, and takes it back when
 * the job ends. `own process`: run by the terminal itself (a tmux pane's command), with no
 * shell around it. `plain sh`: under a shell without job control that stays the terminal's
 * session leader (`sh -c 'nslab …; …'`), which passes the terminal's hangup on to whatever
 * holds the terminal's foreground, and to nothing else. */
export type LaunchPath = 'job-control shell' | 'own process' | 'plain sh';
export const LAUNCH_PATHS: LaunchPath[] = ['job-control shell', 'own process'];

export interface LaunchedOnPty {
  session: PtySession;
  /** The program's exit status, once it has ended (and, under a shell, that shell's prompt
   * is back: proof that the shell has the terminal again). */
  status(): Promise<number | null>;
}

const OUTER_PROMPT = 'outer-shell$ ';

/** `text` as one word for sh. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** Runs `command` on a new pty as `path` says; `env` is given to the command alone (not to
 * a shell around it, so that what carries a test's tag is the command's). */
export async function launchOnPty(path: LaunchPath, command: string, env: NodeJS.ProcessEnv = {}): Promise<LaunchedOnPty> {
  if (path === 'own process') {
    const session = startOnPty(command, env);
    return { session, status: () => session.exited };
  }
  command = `${Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v ?? '')} `).join('')}${command}`;
  if (path === 'plain sh') {
    const session = startOnPty(`sh -c ${shellQuote(`${command}; echo "outer-status=$?"; sleep 3600`)}`);
    return {
      session,
      status: async () => Number(/outer-status=(\d+)/.exec(session.output.slice(await session.waitFor(/outer-status=\d+/)))![1]),
    };
  }
  // The rc file sets a prompt the test can find, and exports nothing to the program.
  const rc = join(mkdtempSync(join(tmpdir(), 'nslab-pty-')), 'bashrc');
  writeFileSync(rc, `PS1='${OUTER_PROMPT}'\n`);
  const session = startOnPty(`bash --noprofile --rcfile ${rc} -i`);
  await session.waitFor(OUTER_PROMPT);
  const from = session.output.length;
  session.send(`${command}\r`);
  return {
    session,
    status: async () => {
      const at = await session.waitFor(OUTER_PROMPT, from);
      session.send('echo "outer-status=$?"\r');
      const found = await session.waitFor(/outer-status=\d+\r?\n/, at);
      return Number(/outer-status=(\d+)/.exec(session.output.slice(found))![1]);
    },
  };
}
