// A long-lived bash that runs the learner's lines one at a time, so that what a terminal
// keeps between lines is kept here too: variables, cd, exports, functions.
//
// Protocol: each line goes in on fd 3 as `<mode><token> <line>\0`; its exit status comes
// back on fd 4 as `<status>\0`. Mode T runs the line on the terminal's own stdio, so that
// interactive programs (`docker exec -it`, `tcpdump`, `ping` without -c) work as in any
// shell. Mode C sends its stdout and stderr through fds 5 and 6, which Node streams on to
// the terminal as they come and also keeps (bounded), for the explainers; each ends with
// the token as an end marker, as those pipes stay open for the next line.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { BoundedText } from './bounded-text.js';
import { MarkerStream } from './marker-stream.js';
import type { ShellProcess, ShellStarter } from '../sandbox/lab-process.js';


// Captured output goes to a pipe, where C programs buffer it in blocks; coreutils' stdbuf
// library makes them flush each line, so `ping` shows its lines as they come.
const STDBUF_LIB = ['/usr/libexec/coreutils/libstdbuf.so', '/usr/lib/coreutils/libstdbuf.so'].find((p) => existsSync(p));

// Ctrl-C ends the command and the rest of its line, as in an interactive shell, and never
// this bash (a plain non-interactive bash would die with its child): the line runs inside a
// function, and the INT trap returns from it. The control fds are closed for the learner's
// line, so that nothing it starts can hold or write them.
const DRIVER = `
# $? at the start of a line is the previous line's status, as in any shell: 'false' then
# 'echo $?' prints 1, and a bare 'exit' ends with it (not with the driver's own last test).
__nslab_status=0
__nslab_set_status() { return "$1"; }
__nslab_run() { __nslab_set_status "$__nslab_status"; eval "$1"; }
# A command that is not found is reported as an interactive bash reports it, not as
# "environment: line 6: …" (where bash -c places that eval); its name goes to an unlinked
# file (fds 7 and 8) and from there onto the status line, so nslab can suggest a near name.
if __nslab_nf=$(mktemp 2>/dev/null); then exec 7>>"$__nslab_nf" 8<"$__nslab_nf"; rm -f "$__nslab_nf"; fi
command_not_found_handle() {
  printf 'bash: %s: command not found\n' "$1" >&2
  { printf '%s\n' "$1" >&7; } 2>/dev/null
  return 127
}
trap 'return 130 2>/dev/null' INT QUIT
while IFS= read -r -d '' __nslab_line <&3; do
  __nslab_mode=\${__nslab_line:0:1}
  __nslab_token=\${__nslab_line:1:16}
  __nslab_line=\${__nslab_line:18}
  if [ "$__nslab_mode" = C ]; then
    if [ -n "$NSLAB_STDBUF_LIB" ]; then
      LD_PRELOAD="$NSLAB_STDBUF_LIB\${LD_PRELOAD:+:$LD_PRELOAD}" _STDBUF_O=L __nslab_run "$__nslab_line" >&5 2>&6 3<&- 4>&- 5>&- 6>&-
    else
      __nslab_run "$__nslab_line" >&5 2>&6 3<&- 4>&- 5>&- 6>&-
    fi
    __nslab_status=$?
    printf '\\036%s\\037' "$__nslab_token" >&5
    printf '\\036%s\\037' "$__nslab_token" >&6
  else
    __nslab_run "$__nslab_line" 3<&- 4>&- 5>&- 6>&-
    __nslab_status=$?
  fi
  __nslab_missing=
  { while IFS= read -r __nslab_name <&8; do __nslab_missing+=$'\\037'$__nslab_name; done; } 2>/dev/null
  printf '%s%s\\0' "$__nslab_status" "$__nslab_missing" >&4
done
`;

export interface BashSessionOptions {
  /** A prefix that moves bash elsewhere, e.g. ['nsenter', '--net=/run/…', '--']. */
  wrap?: string[];
  /** Give the learner's lines the terminal's stdin (false: /dev/null, never waits). */
  stdinIsTerminal: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where captured output is shown as it arrives (default: this process's stdout/err). */
  out?: (chunk: Buffer) => void;
  err?: (chunk: Buffer) => void;
  /** Starts the bash (default: a child of this process, on its terminal; a workshop's
   * lab starts it from its terminal agent, src/serve/lab-agent.ts). */
  start?: ShellStarter;
}

/** A bash started as a child of this process, sharing its terminal: sessions only (the
 * programs nslab runs for itself in a lab it is inside are run() children of their own;
 * `captured` is for a workshop lab's agent, lab-agent.ts). */
export const startLocalShell: ShellStarter = (argv, opts) => {
  if (opts.captured) throw new Error('startLocalShell starts sessions, not captured programs: run() runs those');
  const child: ChildProcess = spawn(argv[0], argv.slice(1), {
    stdio: [opts.stdinIsTerminal ? 'inherit' : 'ignore', 'inherit', 'inherit', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: opts.env,
    cwd: opts.cwd,
  });
  const fds = child.stdio as unknown as (NodeJS.ReadableStream & NodeJS.WritableStream)[];
  fds[3]?.on('error', () => { /* reported by exit */ });
  let exited = false;
  const exitCallbacks: ((code: number | null) => void)[] = [];
  const exit = (code: number | null) => {
    if (exited) return;
    exited = true;
    for (const cb of exitCallbacks) cb(code);
  };
  child.on('exit', (code) => exit(code));
  child.on('error', () => exit(null));
  return {
    get pid() { return child.pid; },
    control: (text) => { fds[3]?.write(text); },
    onStatus: (cb) => { fds[4]?.on('data', cb); },
    onOut: (cb) => { fds[5].on('data', cb); },
    onErr: (cb) => { fds[6].on('data', cb); },
    onExit: (cb) => { exitCallbacks.push(cb); },
    kill: (signal = 'SIGKILL') => { if (!exited) child.kill(signal); },
  };
};

export interface LineResult {
  exitCode: number;
  /** Commands the line named that bash did not find (`rout` for `rout -n`). */
  notFound?: string[];
  /** Present for captured lines: what the command printed, bounded. */
  stdout?: string;
  stderr?: string;
}

export class ShellExitedError extends Error {
  constructor(readonly exitCode: number | null) {
    super(`the shell exited${exitCode === null ? '' : ` with status ${exitCode}`}`);
    this.name = 'ShellExitedError';
  }
}

interface Pending {
  resolve: (r: LineResult) => void;
  reject: (e: Error) => void;
  status?: number;
  notFound?: string[];
  waiting: number; // end markers still to come
  silent?: boolean; // kept, not shown
  out?: BoundedText;
  err?: BoundedText;
}

const STATUS_MAX = 64 * 1024;

export class BashSession {
  private readonly proc: ShellProcess;
  private pending: Pending | undefined;
  private statusBuf = '';
  private exited: ShellExitedError | undefined;
  private readonly outStream: MarkerStream;
  private readonly errStream: MarkerStream;

  constructor(opts: BashSessionOptions) {
    const argv = [...(opts.wrap ?? []), 'bash', '--norc', '--noprofile', '-c', DRIVER];
    const env = { ...(opts.env ?? process.env), ...(STDBUF_LIB ? { NSLAB_STDBUF_LIB: STDBUF_LIB } : {}) };
    this.proc = (opts.start ?? startLocalShell)(argv, { env, cwd: opts.cwd, stdinIsTerminal: opts.stdinIsTerminal });
    const show = (fallback: NodeJS.WriteStream, sink?: (b: Buffer) => void) => sink ?? ((b: Buffer) => { fallback.write(b); });
    const showOut = show(process.stdout, opts.out);
    const showErr = show(process.stderr, opts.err);
    this.outStream = new MarkerStream((b) => { if (!this.pending?.silent) showOut(b); this.pending?.out?.push(b); });
    this.errStream = new MarkerStream((b) => { if (!this.pending?.silent) showErr(b); this.pending?.err?.push(b); });
    this.proc.onOut((b) => this.outStream.push(b));
    this.proc.onErr((b) => this.errStream.push(b));
    const status = new StringDecoder('utf8');
    this.proc.onStatus((b) => this.onStatus(status.write(b)));
    this.proc.onExit((code) => this.onExit(code));
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** True once bash has ended (the learner typed `exit`, or it was killed). */
  get hasExited(): boolean {
    return this.exited !== undefined;
  }

  /** Runs one line. `capture`: stream its output through Node and keep it; `silent`: keep
   * it without showing it (replaying earlier steps). Rejects with ShellExitedError when
   * the line ends the shell (`exit`). One line at a time. */
  runLine(line: string, opts: { capture?: boolean; silent?: boolean } = {}): Promise<LineResult> {
    if (this.exited) return Promise.reject(this.exited);
    if (this.pending) return Promise.reject(new Error('a line is still running'));
    const token = randomBytes(8).toString('hex');
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, waiting: 0, silent: opts.silent };
      if (opts.capture || opts.silent) {
        p.out = new BoundedText();
        p.err = new BoundedText();
        p.waiting = 2;
        const marker = `\x1e${token}\x1f`;
        const oneDone = () => { p.waiting--; this.settle(); };
        this.outStream.expect(marker, oneDone);
        this.errStream.expect(marker, oneDone);
      }
      this.pending = p;
      // A NUL ends the line on fd 3; a NUL inside it would cut it short, so drop any.
      const mode = opts.capture || opts.silent ? 'C' : 'T';
      this.proc.control(`${mode}${token} ${line.replace(/\0/g, '')}\0`);
    });
  }

  close(): void {
    if (!this.exited) this.proc.kill();
  }

  private onStatus(chunk: string): void {
    this.statusBuf += chunk;
    // A status is a number and a few names; more without its end is none (a learner may
    // write to a workshop lab's agent's messages), and is dropped rather than kept growing.
    if (this.statusBuf.length > STATUS_MAX && !this.statusBuf.includes('\0')) this.statusBuf = '';
    let nul: number;
    while ((nul = this.statusBuf.indexOf('\0')) >= 0) {
      // `STATUS` or `STATUS\x1fNAME\x1fNAME…`: the names of commands not found.
      const [code, ...notFound] = this.statusBuf.slice(0, nul).split('\x1f');
      this.statusBuf = this.statusBuf.slice(nul + 1);
      // (Anything but a status bash could give, 0 to 255, is a failure.)
      const status = /^\d{1,3}$/.test(code) && Number(code) <= 255 ? Number(code) : 1;
      if (this.pending) Object.assign(this.pending, { status }, notFound.length ? { notFound } : {});
      this.settle();
    }
  }

  private settle(): void {
    const p = this.pending;
    if (!p || p.status === undefined || p.waiting > 0) return;
    this.pending = undefined;
    p.resolve({
      exitCode: p.status,
      ...(p.notFound ? { notFound: p.notFound } : {}),
      ...(p.out ? { stdout: p.out.text(), stderr: p.err!.text() } : {}),
    });
  }

  private onExit(code: number | null): void {
    if (this.exited) return;
    this.exited = new ShellExitedError(code);
    const p = this.pending;
    this.pending = undefined;
    p?.reject(this.exited);
  }
}

/** Runs lines one after another without showing their output (a lesson's setup, the replay
 * of earlier steps); returns those that failed, with their last line of stderr. */
export async function runQuietly(session: BashSession, lines: readonly string[]): Promise<{ line: string; exitCode: number; error: string }[]> {
  const failed: { line: string; exitCode: number; error: string }[] = [];
  for (const line of lines) {
    const r = await session.runLine(line, { silent: true });
    if (r.exitCode !== 0) failed.push({ line, exitCode: r.exitCode, error: (r.stderr ?? '').trim().split('\n').slice(-3).join('\n') });
  }
  return failed;
}
