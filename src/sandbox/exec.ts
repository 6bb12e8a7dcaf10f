// Running programs. A failed command is a value, not an exception (execa's `reject:
// false`): callers look at exitCode and stderr. Only a program that cannot start at all
// is an error, and its message names the program.
import { spawn, type StdioOptions } from 'node:child_process';

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
}

export class CommandError extends Error {
  constructor(readonly argv: string[], readonly result: RunResult) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join('\n');
    super(`\`${argv.join(' ')}\` failed (exit ${result.signal ?? result.exitCode})${detail ? `: ${detail}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Runs argv[0] with the rest as arguments, capturing output. Never throws for a
 * non-zero exit; rejects only when the program cannot be started. */
export function run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
    const child = spawn(argv[0], argv.slice(1), { stdio, env: opts.env ?? process.env, cwd: opts.cwd });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
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
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(signal ? { signal } : {}),
      });
    });
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => { /* the program may exit before reading it all */ });
      child.stdin!.end(opts.input);
    }
  });
}

/** Like run(), but a non-zero exit is a CommandError carrying the output. */
export async function runOk(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(argv, opts);
  if (r.exitCode !== 0) throw new CommandError(argv, r);
  return r;
}
