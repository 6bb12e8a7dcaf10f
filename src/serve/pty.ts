// A learner's terminal for `nslab serve`: a program on a pseudo-terminal, its bytes out and
// keystrokes in. Two backends behind one small interface: @lydell/node-pty (prebuilt native
// code), and bin/pty-helper.py where that cannot load (or NSLAB_PTY=python asks for it).
// node-pty is loaded on first use only, so the other nslab commands never pay for it.
import { serveCliText } from '../i18n/serve-cli-text.js';
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { UserError, describeError } from '../errors.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import { findTool } from '../../scripts/tools.mjs';

export interface PtyOptions {
  cols: number;
  rows: number;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** As node-pty reports it: `signal` is set (a number) when a signal ended the program. */
export interface PtyExit {
  exitCode: number;
  signal?: number;
}

export interface PtyProcess {
  /** The program's own pid (not a helper's). */
  readonly pid: number;
  /** The terminal's output, as raw bytes. */
  onData(cb: (chunk: Buffer) => void): void;
  /** Once, after the last onData. */
  onExit(cb: (e: PtyExit) => void): void;
  /** Keystrokes; ignored once the program has exited. */
  write(data: string | Buffer): void;
  /** Throws RangeError unless both are integers from 1 to 65535. */
  resize(cols: number, rows: number): void;
  /** Default SIGHUP, as a terminal closing; ignored once the program has exited. */
  kill(signal?: NodeJS.Signals): void;
  /** Stop reading the terminal: the program blocks once the kernel's buffer is full. */
  pause(): void;
  resume(): void;
}

export interface PtyBackend {
  name: 'node-pty' | 'python';
  /** Why this backend is the one in use, for the server's start-up line. */
  why: string;
  spawn(file: string, args: string[], opts: PtyOptions): PtyProcess;
}

export const PTY_CHOICE_ENV = 'NSLAB_PTY';
const HELPER = join(NSLAB_ROOT, 'bin', 'pty-helper.py');

function checkSize(cols: number, rows: number): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (!ok(cols) || !ok(rows)) throw new RangeError(`terminal size ${cols}x${rows}: columns and rows must be whole numbers from 1 to 65535`);
}

/** The terminal type both backends give the program unless the caller chose one. */
function withTerm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, TERM: env.TERM ?? 'xterm-256color' };
}

function signalNumber(name: NodeJS.Signals | null): number | undefined {
  return name ? constants.signals[name] : undefined;
}

function nodePtyBackend(why: string): PtyBackend {
  // Where node-pty is missing or its binary does not fit this machine, this throws.
  const nodePty = createRequire(import.meta.url)('@lydell/node-pty') as typeof import('@lydell/node-pty');
  return {
    name: 'node-pty',
    why,
    spawn(file, args, opts) {
      checkSize(opts.cols, opts.rows);
      const env = withTerm(opts.env);
      // utf8: node-pty then sets IUTF8 on the terminal (line-mode erase of whole characters)
      // and never splits a character between chunks; the relay still gets bytes.
      const term = nodePty.spawn(file, args, { name: env.TERM, cols: opts.cols, rows: opts.rows, cwd: opts.cwd, env, encoding: 'utf8' });
      let exited = false;
      term.onExit(() => { exited = true; });
      return {
        pid: term.pid,
        onData: (cb) => { term.onData((s) => cb(Buffer.from(s, 'utf8'))); },
        onExit: (cb) => { term.onExit((e) => cb(e.signal ? { exitCode: e.exitCode, signal: e.signal } : { exitCode: e.exitCode })); },
        write: (data) => { if (!exited) term.write(typeof data === 'string' ? data : data.toString('utf8')); },
        resize: (cols, rows) => { checkSize(cols, rows); if (!exited) term.resize(cols, rows); },
        // After the exit the pid may be someone else's.
        kill: (signal = 'SIGHUP') => { if (!exited) term.kill(signal); },
        pause: () => term.pause(),
        resume: () => term.resume(),
      };
    },
  };
}

/** The python3 that runs the helper. Resolved once through sys.executable, because a
 * version manager's shim (pyenv) would put its own directories on the learner's PATH. */
function findPython(): string {
  const candidate = findTool('python3');
  if (!candidate) throw new Error('python3 is not installed');
  const r = spawnSync(candidate, ['-I', '-c', 'import sys, pty, termios; print(sys.executable)'], { encoding: 'utf8' });
  const exe = r.status === 0 ? r.stdout.trim() : '';
  if (!exe) throw new Error(`${candidate} does not run: ${(r.error?.message ?? r.stderr.trim()) || `exit status ${r.status}`}`);
  return exe;
}

function pythonBackend(why: string): PtyBackend {
  const python = findPython();
  return {
    name: 'python',
    why,
    spawn(file, args, opts) {
      checkSize(opts.cols, opts.rows);
      const child = spawn(python, ['-I', HELPER, String(opts.cols), String(opts.rows), file, ...args], {
        stdio: ['pipe', 'pipe', 'inherit', 'pipe'],
        env: withTerm(opts.env),
        cwd: opts.cwd,
      });
      const input = child.stdin!;
      const output = child.stdout!;
      const control = child.stdio[3] as Writable & Readable;
      // The relay may be gone first (its stdin closes with it): nothing to report then.
      for (const s of [input, control]) s.on('error', () => {});
      // Node closes the helper's stdin when the program exits: the relay then sends what
      // the terminal still holds and hangs it up (a background job holding it gets SIGHUP).
      let exited = false;
      child.on('exit', () => { exited = true; });
      return {
        // spawn() has no pid only when python could not start, which findPython ruled out.
        pid: child.pid ?? -1,
        onData: (cb) => { output.on('data', cb); },
        onExit: (cb) => {
          child.on('close', (code, signal) => cb(signal ? { exitCode: 0, signal: signalNumber(signal) } : { exitCode: code ?? 0 }));
        },
        write: (data) => { if (!exited) input.write(data); },
        resize: (cols, rows) => { checkSize(cols, rows); if (!exited) control.write(`${cols} ${rows}\n`); },
        kill: (signal = 'SIGHUP') => { if (!exited) child.kill(signal); },
        pause: () => { output.pause(); },
        resume: () => { output.resume(); },
      };
    },
  };
}

export interface BackendLoaders {
  nodePty: (why: string) => PtyBackend;
  python: (why: string) => PtyBackend;
}

/** The backend for a value of NSLAB_PTY (unset: node-pty, else python), or a UserError
 * that names what failed and what to install. */
export function chooseBackend(choice: string | undefined, load: BackendLoaders): PtyBackend {
  if (choice === 'python') return load.python(`${PTY_CHOICE_ENV}=python`);
  if (choice === 'node-pty') return load.nodePty(`${PTY_CHOICE_ENV}=node-pty`);
  if (choice !== undefined && choice !== '') {
    throw new UserError(serveCliText().ptyChoiceBad(PTY_CHOICE_ENV, choice));
  }
  let nodePtyError: unknown;
  try {
    return load.nodePty('@lydell/node-pty loaded');
  } catch (err) {
    nodePtyError = err;
  }
  const firstLine = (err: unknown) => describeError(err).split('\n')[0];
  try {
    return load.python(`@lydell/node-pty could not load (${firstLine(nodePtyError)}), so the python3 helper`);
  } catch (pythonError) {
    throw new UserError(serveCliText().noTerminals(firstLine(nodePtyError), firstLine(pythonError)));
  }
}

const loaded = new Map<string, PtyBackend>();

/** The backend in use, chosen by NSLAB_PTY as it is now (loaded once per choice). */
export function ptyBackend(): PtyBackend {
  const choice = process.env[PTY_CHOICE_ENV] ?? '';
  let backend = loaded.get(choice);
  if (!backend) {
    backend = chooseBackend(choice, {
      nodePty: (why) => nodePtyBackend(why),
      python: (why) => {
        try {
          return pythonBackend(why);
        } catch (err) {
          throw choice === 'python' ? new UserError(serveCliText().ptyPythonMissing(PTY_CHOICE_ENV, describeError(err))) : err;
        }
      },
    });
    loaded.set(choice, backend);
  }
  return backend;
}

/** "node-pty: @lydell/node-pty loaded", "python: NSLAB_PTY=python", … */
export function ptyBackendName(): string {
  const b = ptyBackend();
  return `${b.name}: ${b.why}`;
}

export function spawnPty(file: string, args: string[], opts: PtyOptions): PtyProcess {
  return ptyBackend().spawn(file, args, opts);
}
