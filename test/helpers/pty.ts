// Drives a program on a real pseudo-terminal, through util-linux `script`: what a learner
// types goes in, the screen's bytes come out. For the tests of the terminal front-end.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

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
