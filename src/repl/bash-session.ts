// A long-lived bash that runs the learner's lines one at a time, so that what a terminal
// keeps between lines is kept here too: variables, cd, exports, functions. Lines go in on
// fd 3 (NUL-terminated), each exit status comes back on fd 4; the program's own stdin,
// stdout and stderr are the terminal's, so interactive programs work as in any shell.
import { spawn, type ChildProcess } from 'node:child_process';

// `trap : INT` keeps this bash alive when Ctrl-C ends the command it waits for (a plain
// non-interactive bash would die with it). fds 3 and 4 are closed for the learner's line so
// that nothing it starts can hold or write the control pipes.
const DRIVER = `
trap : INT QUIT
while IFS= read -r -d '' __nslab_line <&3; do
  eval "$__nslab_line" 3<&- 4>&-
  printf '%s\\0' "$?" >&4
done
`;

export interface BashSessionOptions {
  /** A prefix that moves bash elsewhere, e.g. ['nsenter', '--net=/run/…', '--']. */
  wrap?: string[];
  /** Give the learner's lines the terminal's stdin (false: /dev/null, never waits). */
  stdinIsTerminal: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class ShellExitedError extends Error {
  constructor(readonly exitCode: number | null) {
    super(`the shell exited${exitCode === null ? '' : ` with status ${exitCode}`}`);
    this.name = 'ShellExitedError';
  }
}

export class BashSession {
  private readonly child: ChildProcess;
  private pending: { resolve: (code: number) => void; reject: (e: Error) => void } | undefined;
  private buffered = '';
  private exited: ShellExitedError | undefined;

  constructor(opts: BashSessionOptions) {
    const argv = [...(opts.wrap ?? []), 'bash', '--norc', '--noprofile', '-c', DRIVER];
    this.child = spawn(argv[0], argv.slice(1), {
      stdio: [opts.stdinIsTerminal ? 'inherit' : 'ignore', 'inherit', 'inherit', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    const status = this.child.stdio[4] as NodeJS.ReadableStream;
    status.setEncoding('utf8');
    status.on('data', (chunk: string) => this.onStatus(chunk));
    this.child.on('exit', (code) => this.onExit(code));
    this.child.on('error', () => this.onExit(null));
    (this.child.stdio[3] as NodeJS.WritableStream).on('error', () => { /* reported by exit */ });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once bash has ended (the learner typed `exit`, or it was killed). */
  get hasExited(): boolean {
    return this.exited !== undefined;
  }

  /** Runs one line; resolves with its exit status. Rejects with ShellExitedError when the
   * line ends the shell (`exit`). One line at a time. */
  runLine(line: string): Promise<number> {
    if (this.exited) return Promise.reject(this.exited);
    if (this.pending) return Promise.reject(new Error('a line is still running'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      // A NUL ends the line on fd 3; a NUL inside it would cut it short, so drop any.
      (this.child.stdio[3] as NodeJS.WritableStream).write(line.replace(/\0/g, '') + '\0');
    });
  }

  close(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private onStatus(chunk: string): void {
    this.buffered += chunk;
    let nul: number;
    while ((nul = this.buffered.indexOf('\0')) >= 0) {
      const code = Number(this.buffered.slice(0, nul));
      this.buffered = this.buffered.slice(nul + 1);
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(code);
    }
  }

  private onExit(code: number | null): void {
    if (this.exited) return;
    this.exited = new ShellExitedError(code);
    const p = this.pending;
    this.pending = undefined;
    p?.reject(this.exited);
  }
}
