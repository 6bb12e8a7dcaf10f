// A program of nslab's that runs in the lab while something else happens, its output
// read as it comes and its end asked for by a signal (the packet walk's tcpdump and
// `nft monitor trace`, src/walk/capture.ts). A workshop lab's agent starts it (in the
// lab's cgroup, under its limits and niceness, like every other program the learner's
// shell runs there); otherwise it is entered from outside, as run() does.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { currentLab } from './lab-access.js';
import type { LabSignal } from './lab-process.js';

export interface LabProgram {
  onStdout(cb: (text: string) => void): void;
  onStderr(cb: (text: string) => void): void;
  /** Settles once it has ended; with why, when it could not start. */
  readonly ended: Promise<{ error?: Error }>;
  readonly done: boolean;
  signal(signal: LabSignal): void;
}

/** Starts `argv` in the current lab, stdin /dev/null. */
export function startInLab(argv: string[]): LabProgram {
  const lab = currentLab();
  const out: ((t: string) => void)[] = [];
  const err: ((t: string) => void)[] = [];
  let done = false;
  let finish!: (r: { error?: Error }) => void;
  const ended = new Promise<{ error?: Error }>((resolve) => { finish = (r) => { done = true; resolve(r); }; });
  const listeners = {
    onStdout: (cb: (t: string) => void) => { out.push(cb); },
    onStderr: (cb: (t: string) => void) => { err.push(cb); },
    ended,
  };
  if (lab.start) {
    const proc = lab.start([...argv], { env: lab.env, stdinIsTerminal: false, captured: true });
    const [o, e] = [new StringDecoder('utf8'), new StringDecoder('utf8')];
    proc.onOut((b) => { const t = o.write(b); for (const cb of out) cb(t); });
    proc.onErr((b) => { const t = e.write(b); for (const cb of err) cb(t); });
    proc.onExit(() => finish({}));
    return { ...listeners, get done() { return done; }, signal: (s) => { if (!done) proc.kill(s); } };
  }
  const [cmd, ...args] = lab.enter(argv);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: lab.env });
  child.stdout.setEncoding('utf8').on('data', (t: string) => { for (const cb of out) cb(t); });
  child.stderr.setEncoding('utf8').on('data', (t: string) => { for (const cb of err) cb(t); });
  child.once('error', (e) => finish({ error: e }));
  child.once('close', () => finish({}));
  return { ...listeners, get done() { return done; }, signal: (s) => { if (!done) lab.signal(child, s); } };
}
