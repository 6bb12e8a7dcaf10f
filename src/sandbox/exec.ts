// Running programs. A failed command is a value, not an exception (execa's `reject:
// false`): callers look at exitCode and stderr. Only a program that cannot start at all
// is an error, and its message names the program.
import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { currentLab } from './lab-access.js';
import { CappedBytes, INPUT_MAX, OUTPUT_MAX, runInside } from './lab-process.js';

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the process died of a signal. */
  signal?: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the program after this many milliseconds (it then fails with signal SIGKILL). */
  timeoutMs?: number;
  /** Keep the program's stdin open after `input` until this settles (either way). */
  endInputWhen?: Promise<unknown>;
}

export class CommandError extends Error {
  constructor(readonly argv: string[], readonly result: RunResult) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join('\n');
    super(`\`${argv.join(' ')}\` failed (exit ${result.signal ?? result.exitCode})${detail ? `: ${detail}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Runs argv[0] with the rest as arguments, capturing output, in the current lab (the one
 * this process is in, unless lab-access.ts says otherwise). Never throws for a non-zero
 * exit; rejects only when the program cannot be started. */
export function run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const lab = currentLab();
  // A workshop's lab runs it itself, from its agent: in the lab's cgroup and under its
  // limits, and cheaper than entering it from outside (two nsenter and a setpriv). With
  // more input than the agent takes at once, or input to keep open, it is entered from
  // outside.
  if (lab.start && !opts.endInputWhen && (opts.input === undefined || Buffer.byteLength(opts.input) <= INPUT_MAX)) {
    return runInside(lab.start, argv, { env: opts.env ?? lab.env, timeoutMs: opts.timeoutMs ?? 600_000, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  }
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
    const [cmd, ...args] = lab.enter(argv);
    const child = spawn(cmd, args, { stdio, env: opts.env ?? lab.env, cwd: opts.cwd });
    const out = new CappedBytes(OUTPUT_MAX);
    const err = new CappedBytes(OUTPUT_MAX);
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) timer = setTimeout(() => lab.signal(child, 'SIGKILL'), opts.timeoutMs);
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`cannot run ${argv[0]}: ${e.message}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        exitCode: code ?? 128,
        stdout: out.text(),
        stderr: err.text(),
        ...(signal ? { signal } : {}),
      });
    });
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => { /* the program may exit before reading it all */ });
      if (opts.endInputWhen) {
        child.stdin!.write(opts.input);
        const end = () => child.stdin!.end();
        opts.endInputWhen.then(end, end);
      } else {
        child.stdin!.end(opts.input);
      }
    }
  });
}

/** Like run(), but a non-zero exit is a CommandError carrying the output. */
export async function runOk(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(argv, opts);
  if (r.exitCode !== 0) throw new CommandError(argv, r);
  return r;
}

/** A shell's exit status for a process that ended with `code` or by `signal`: 128 + the
 * signal's number, as bash reports it. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

/** Runs a program on this process's own terminal (stdio inherited) and resolves with its
 * exit status; Ctrl-C reaches it through the terminal, not this process. 127: it could not
 * start. */
export function runOnTerminal(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<number> {
  const ignore = () => {};
  process.on('SIGINT', ignore);
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: opts.env ?? process.env, cwd: opts.cwd });
    const done = (status: number) => { process.off('SIGINT', ignore); resolve(status); };
    child.on('exit', (code, signal) => done(exitStatus(code, signal)));
    child.on('error', () => done(127));
  });
}
