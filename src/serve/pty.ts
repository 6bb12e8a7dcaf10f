// TEMPORARY (replaced by the pty backend from branch wip-pty): node-pty only.
import { createRequire } from 'node:module';

export interface PtyProcess {
  pid: number;
  onData(cb: (chunk: Buffer | string) => void): void;
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): void;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  pause(): void;
  resume(): void;
}

export function spawnPty(file: string, args: string[], opts: { cols: number; rows: number; env: NodeJS.ProcessEnv; cwd?: string }): PtyProcess {
  const pty = createRequire(import.meta.url)('@lydell/node-pty');
  const p = pty.spawn(file, args, { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, env: opts.env, cwd: opts.cwd });
  return {
    pid: p.pid,
    onData: (cb) => { p.onData(cb); },
    onExit: (cb) => { p.onExit(cb); },
    write: (d) => p.write(d),
    resize: (c, r) => p.resize(c, r),
    kill: (s) => p.kill(s),
    pause: () => p.pause(),
    resume: () => p.resume(),
  };
}
