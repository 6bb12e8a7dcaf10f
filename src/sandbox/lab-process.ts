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
