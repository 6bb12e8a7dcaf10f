// The learners' shells of a class, in a worker thread of the server (src/serve/shell-worker.ts),
// and the server's main thread's end of it.
//
// Why a thread: the main thread echoes every learner's keys (page-line-editor.ts) and must
// never wait behind a shell's work: a snapshot parsed, a step checked, an explanation made,
// a program forked for a check's ping. With fifty learners typing, their shells' work in
// the main thread held echoes up to 9 ms at p99 against 3 ms for bare bash (`npm run
// bench`); in a thread of its own it runs beside the echoes, on the other core, at the cost
// of one more V8 heap for the class, not one per learner. The pty, the page's socket and
// the line editor stay in the main thread; the worker gets each learner's agent messages
// and gives back what to show, the prompts, and the messages for the agent.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Lang } from '../i18n/lang.js';
import type { Lesson } from '../lesson/types.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import type { AgentFrame, AgentMessageKind } from './lab-agent.js';

/** What a learner's shell is opened on. */
export interface ShellSpec {
  lesson: Lesson;
  step?: number;
  lang: Lang;
  dir: string;
  /** The lab's pid 1 (its agent), as the server numbers it, and its programs' environment. */
  pid1: number;
  env: NodeJS.ProcessEnv;
  cols: number;
}

export type ToWorker =
  | { t: 'open'; id: number; spec: ShellSpec }
  | { t: 'line'; id: number; text: string }
  | { t: 'eof'; id: number }
  | { t: 'complete'; id: number; req: number; line: string }
  | { t: 'resize'; id: number; cols: number }
  | { t: 'agent'; id: number; kind: string; sid: number; data: Uint8Array }
  | { t: 'close'; id: number };

export type FromWorker =
  | { t: 'show'; id: number; bytes: Uint8Array }
  | { t: 'prompt'; id: number; text: string }
  | { t: 'send'; id: number; kind: AgentMessageKind; sid: number; data: string }
  | { t: 'event'; id: number; json: string }
  | { t: 'reset'; id: number; step: number }
  | { t: 'ended'; id: number }
  | { t: 'completions'; id: number; req: number; list: string[]; token: string };

/** What the server hears of one learner's shell. */
export interface ShellCallbacks {
  show(bytes: Buffer): void;
  prompt(text: string): void;
  /** A message for the lab's agent. */
  send(kind: AgentMessageKind, sid: number, data: string): void;
  event(json: string): void;
  reset(step: number): void;
  ended(): void;
  /** The worker failed: the shell is gone, and why. */
  failed(why: string): void;
}

/** One learner's shell in the worker. */
export interface ShellLink {
  line(text: string): void;
  eof(): void;
  complete(line: string, answer: (r: [string[], string]) => void): void;
  resize(cols: number): void;
  /** What the lab's agent said of a session. */
  agent(frame: AgentFrame): void;
  close(): void;
}

export const SHELL_WORKER = join(NSLAB_ROOT, 'dist', 'serve', 'shell-worker.js');

interface Open { cb: ShellCallbacks; completions: Map<number, (r: [string[], string]) => void> }

export class ShellHost {
  private worker: Worker | undefined;
  private readonly open = new Map<number, Open>();
  private nextId = 1;
  private nextReq = 1;

  constructor(private readonly file = SHELL_WORKER) {}

  /** Opens a learner's shell; its callbacks are called until close() or a failure. */
  start(spec: ShellSpec, cb: ShellCallbacks): ShellLink {
    const id = this.nextId++;
    const entry: Open = { cb, completions: new Map() };
    this.open.set(id, entry);
    this.post({ t: 'open', id, spec });
    return {
      line: (text) => this.post({ t: 'line', id, text }),
      eof: () => this.post({ t: 'eof', id }),
      complete: (line, answer) => {
        const req = this.nextReq++;
        entry.completions.set(req, answer);
        this.post({ t: 'complete', id, req, line });
      },
      resize: (cols) => this.post({ t: 'resize', id, cols }),
      // (A copy of the bytes alone: a small decoded buffer is a view of a larger pool.)
      agent: (f) => this.post({ t: 'agent', id, kind: f.kind, sid: f.id, data: new Uint8Array(f.data) }),
      close: () => {
        if (!this.open.delete(id)) return;
        this.post({ t: 'close', id });
        // No shell left: no thread kept for none (one starts again with the next lab).
        if (this.open.size === 0) this.stop();
      },
    };
  }

  /** Ends the thread (the server is stopping, or no shell is left). */
  stop(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  private post(msg: ToWorker): void {
    if (!this.open.has(msg.id) && msg.t !== 'close') return;
    (this.worker ??= this.spawn()).postMessage(msg);
  }

  private spawn(): Worker {
    const w = new Worker(this.file);
    w.on('message', (m: FromWorker) => this.fromWorker(m));
    const fail = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const open = [...this.open.values()];
      this.open.clear();
      for (const o of open) o.cb.failed(why);
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`the thread of the learners' shells ended (${code})`));
    return w;
  }

  private fromWorker(m: FromWorker): void {
    const o = this.open.get(m.id);
    if (!o) return;
    switch (m.t) {
      case 'show': o.cb.show(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength)); return;
      case 'prompt': o.cb.prompt(m.text); return;
      case 'send': o.cb.send(m.kind, m.sid, m.data); return;
      case 'event': o.cb.event(m.json); return;
      case 'reset': o.cb.reset(m.step); return;
      case 'ended': o.cb.ended(); return;
      case 'completions': {
        const answer = o.completions.get(m.req);
        o.completions.delete(m.req);
        answer?.([m.list, m.token]);
        return;
      }
    }
  }
}
