// How a program of a lab with control descriptors is started and spoken to, apart from
// who starts it (src/place/bash-session.ts, src/serve/lab-agent.ts).

/** A program of a lab with BashSession's control descriptors (src/place/bash-session.ts):
 * 3 written to, 4 to 6 read; by whatever way it was started (a child of this process, or
 * of a workshop lab's terminal agent). */
export interface ShellProcess {
  readonly pid: number | undefined;
  /** Bytes for its descriptor 3. */
  control(text: string): void;
  onStatus(cb: (chunk: Buffer) => void): void;
  onOut(cb: (chunk: Buffer) => void): void;
  onErr(cb: (chunk: Buffer) => void): void;
  /** Once; null when it could not start or died of a signal. */
  onExit(cb: (code: number | null) => void): void;
  /** SIGKILL unless told otherwise (SIGINT: tcpdump prints what it holds, then ends). */
  kill(signal?: LabSignal): void;
}

export type LabSignal = 'SIGINT' | 'SIGTERM' | 'SIGKILL';

/** `captured`: a program run for nslab, not a session: no terminal, stdin /dev/null (or
 * `input`, at most INPUT_MAX bytes), its stdout and stderr what onOut and onErr get. */
export type ShellStarter = (argv: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; stdinIsTerminal: boolean; captured?: boolean; input?: string }) => ShellProcess;

/** The most input a program started by a workshop lab's agent is given: the agent writes
 * it into a pipe at once, which takes 64 KiB without waiting. More is given from outside. */
export const INPUT_MAX = 16 << 10;

export interface InsideResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when it was ended: by the timeout, or with its lab. */
  signal?: 'SIGKILL';
}

/** Runs `argv` once from inside the lab, by `start` (a workshop lab's agent forks it there:
 * in the lab's cgroup, under its limits and its niceness, a child of its pid 1), its output
 * kept, bounded: stdin is `input` (at most INPUT_MAX bytes), or /dev/null. */
export function runInside(start: ShellStarter, argv: readonly string[], opts: { env: NodeJS.ProcessEnv; timeoutMs: number; max?: number; input?: string }): Promise<InsideResult> {
  return new Promise((resolve) => {
    const out = new CappedBytes(opts.max ?? OUTPUT_MAX);
    const err = new CappedBytes(opts.max ?? OUTPUT_MAX);
    const proc = start([...argv], { env: opts.env, stdinIsTerminal: false, captured: true, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; proc.kill(); }, opts.timeoutMs);
    proc.onOut((b) => out.push(b));
    proc.onErr((b) => err.push(b));
    proc.onExit((code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 128, stdout: out.text(), stderr: err.text(), ...(timedOut || code === null ? { signal: 'SIGKILL' as const } : {}) });
    });
  });
}

/** The most a program run for nslab from a lab may print and be kept (a snapshot of a lab
 * of 250 containers is about 1 MB): past it, the rest is dropped, and the output, cut, no
 * longer parses, which is reported as what it is. A lab's root may make any program print
 * without end. */
export const OUTPUT_MAX = 32 << 20;

/** Bytes kept up to a bound. */
export class CappedBytes {
  private readonly parts: Buffer[] = [];
  private size = 0;
  constructor(private readonly max: number) {}
  push(b: Buffer): void {
    if (this.size >= this.max) return;
    const kept = b.length <= this.max - this.size ? b : b.subarray(0, this.max - this.size);
    this.parts.push(kept);
    this.size += kept.length;
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}
