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
  kill(): void;
}

export type ShellStarter = (argv: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; stdinIsTerminal: boolean }) => ShellProcess;

export interface InsideResult { exitCode: number; stdout: string; stderr: string }

/** Runs `argv` once from inside the lab, by `start` (a workshop lab's agent forks it there:
 * in the lab's cgroup, under its limits and its niceness, a child of its pid 1), its output
 * kept: stdin is /dev/null, stdout and stderr go to descriptors 5 and 6. Null exit: it was
 * ended (the lab went, or the timeout). */
export function runInside(start: ShellStarter, argv: readonly string[], opts: { env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<InsideResult & { ended: boolean }> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const proc = start(['sh', '-c', 'exec "$@" 0</dev/null 1>&5 2>&6 3<&- 4>&- 5>&- 6>&-', 'sh', ...argv], { env: opts.env, stdinIsTerminal: false });
    const timer = setTimeout(() => proc.kill(), opts.timeoutMs);
    proc.onOut((b) => out.push(b));
    proc.onErr((b) => err.push(b));
    proc.onExit((code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 128, ended: code === null, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
