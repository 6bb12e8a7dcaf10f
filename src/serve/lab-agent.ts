// The server's end of a workshop lab's terminal agent (bin/lib/agent.pl, the lab's pid 1):
// the bash sessions of a learner's shell, which runs in the server, are started and fed
// through it, in messages carried by the lab's terminal stream (that file says why, and
// how they look). Everything the lab sends is the learner's to forge: it can end or
// confuse their own sessions, nothing else (ids not ours are ignored; each message is
// bounded by the frame scanner, and what is kept of them by their readers: BashSession,
// sandbox/lab-process.ts runInside). The pid a session reports is the lab's numbering and
// the learner's to say: nothing may signal it from outside.
import type { ShellProcess, ShellStarter } from '../sandbox/lab-process.js';
import { FrameScanner } from './stream-frames.js';

export const FROM_AGENT = '7772';
export const TO_AGENT = '7773';

const KINDS = new Set(['ready', 'spawned', 'out', 'err', 'status', 'exit', 'running', 'typeahead']);

export interface AgentFrame { kind: string; id: number; data: Buffer }

/** `KIND ; ID ; BASE64`, as the agent writes it. */
export function decodeAgentFrame(body: string): AgentFrame | undefined {
  const [kind, id, b64, extra] = body.split(';');
  if (extra !== undefined || b64 === undefined || !KINDS.has(kind) || !/^\d{1,9}$/.test(id) || !/^[A-Za-z0-9+/]*=*$/.test(b64)) return undefined;
  return { kind, id: Number(id), data: Buffer.from(b64, 'base64') };
}

export function encodeAgentMessage(token: string, kind: AgentMessageKind, id: number, data: string | Buffer = ''): string {
  return `\x1b]${TO_AGENT};${token};${kind};${id};${Buffer.from(data).toString('base64')}\x07`;
}

export type AgentMessageKind = 'spawn' | 'run' | 'hold' | 'line' | 'kill' | 'bye';

export interface LabAgentDeps {
  token: string;
  /** Bytes for the lab's terminal (its pty's input). */
  toLab: (text: string) => void;
  /** The terminal's output that is no message: the learner's screen. */
  show: (bytes: Buffer) => void;
  /** Keys the agent read at a prompt (typed after a line ended, before its prompt). */
  typeahead: (text: string) => void;
  /** A line has the lab's terminal now: keys sent from here on are its program's. */
  running?: () => void;
  /** The agent is running: sessions may start. */
  ready: () => void;
  /** What the agent says of its sessions (for AgentSessions, wherever it runs). */
  sessions: (frame: AgentFrame) => void;
}

/** The lab's terminal stream, read where its pty is (the server's main thread): the
 * screen's bytes shown at once, the agent's messages passed on. */
export class LabAgent {
  private readonly scanner: FrameScanner<AgentFrame>;
  private isReady = false;

  constructor(private readonly deps: LabAgentDeps) {
    this.scanner = new FrameScanner<AgentFrame>(FROM_AGENT, deps.token, decodeAgentFrame);
  }

  get ready(): boolean { return this.isReady; }

  /** The lab's terminal output. */
  fromLab(chunk: Buffer): void {
    for (const piece of this.scanner.push(chunk)) {
      if ('bytes' in piece) this.deps.show(piece.bytes);
      else this.onFrame(piece.frame);
    }
  }

  /** A message for the agent. */
  send(kind: AgentMessageKind, id: number, data: string = ''): void {
    this.deps.toLab(encodeAgentMessage(this.deps.token, kind, id, data));
  }

  private onFrame(f: AgentFrame): void {
    if (f.kind === 'ready') {
      if (!this.isReady) {
        this.isReady = true;
        this.deps.ready();
      }
    } else if (f.kind === 'typeahead') {
      this.deps.typeahead(f.data.toString('utf8'));
    } else if (f.kind === 'running') {
      this.deps.running?.();
    } else {
      this.deps.sessions(f);
    }
  }
}

interface Session {
  pid?: number;
  status: ((b: Buffer) => void)[];
  out: ((b: Buffer) => void)[];
  err: ((b: Buffer) => void)[];
  exit: ((code: number | null) => void)[];
  exited: boolean;
}

/** The bash sessions (and one-off programs) a lab's agent runs for a learner's shell:
 * started and fed through `send`, told of by frame(). */
export class AgentSessions {
  private readonly sessions = new Map<number, Session>();
  private nextId = 1;

  constructor(private readonly send: (kind: AgentMessageKind, id: number, data?: string) => void) {}

  /** Starts a program in the lab, from the agent (BashSession's `start`). */
  readonly start: ShellStarter = (argv, opts) => {
    const id = this.nextId++;
    const s: Session = { status: [], out: [], err: [], exit: [], exited: false };
    this.sessions.set(id, s);
    const env = Object.entries(opts.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
    const input = opts.captured && opts.input !== undefined ? `\0\0${opts.input}` : '';
    this.send(opts.captured ? 'run' : 'spawn', id, `${argv.join('\0')}\0\0${env.join('\0')}${input}`);
    const proc: ShellProcess = {
      get pid() { return s.pid; },
      control: (text) => { if (!s.exited) this.send('line', id, text); },
      onStatus: (cb) => { s.status.push(cb); },
      onOut: (cb) => { s.out.push(cb); },
      onErr: (cb) => { s.err.push(cb); },
      onExit: (cb) => { s.exit.push(cb); },
      kill: (signal) => { if (!s.exited) this.send('kill', id, signal && signal !== 'SIGKILL' ? signal.slice(3) : ''); },
    };
    return proc;
  };

  /** Ends the lab from inside, with `status` (the learner's Ctrl-D on an empty line). */
  bye(status = 0): void {
    this.send('bye', 0, String(status));
  }

  /** The lab is gone: every session with it. */
  gone(): void {
    for (const id of [...this.sessions.keys()]) this.ended(id, null);
  }

  private ended(id: number, code: number | null): void {
    const s = this.sessions.get(id);
    if (!s || s.exited) return;
    s.exited = true;
    this.sessions.delete(id);
    for (const cb of s.exit) cb(code);
  }

  frame(f: AgentFrame): void {
    const s = this.sessions.get(f.id);
    if (!s) return;
    switch (f.kind) {
      case 'spawned': {
        const pid = Number(f.data.toString('latin1'));
        if (Number.isInteger(pid) && pid > 0) s.pid = pid;
        return;
      }
      case 'status': for (const cb of s.status) cb(f.data); return;
      case 'out': for (const cb of s.out) cb(f.data); return;
      case 'err': for (const cb of s.err) cb(f.data); return;
      case 'exit': {
        const code = Number(f.data.toString('latin1'));
        this.ended(f.id, Number.isInteger(code) && code >= 0 && code < 256 ? code : null);
        return;
      }
    }
  }
}
