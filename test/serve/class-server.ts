// A class server for tests, on 127.0.0.1 and a free port, with either real labs or a
// stand-in launcher (a plain bash in the pty) for what needs no lab; and a page client
// that speaks the page's protocol over a real WebSocket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadLessons } from '../../src/lesson/load.js';
import { Classroom } from '../../src/serve/classroom.js';
import { classServer } from '../../src/serve/http.js';
import type { ClassLimits, LabLauncher } from '../../src/serve/learner.js';
import type { PageMessage, ServerMessage } from '../../src/serve/protocol.js';

export const NO_LIMITS: ClassLimits = { timeLimit: 0, idleTimeout: 0, grace: 0, memoryMax: 0 };

/** bash in the pty instead of a lab: for the server's own behaviour. */
export const BASH_LAUNCHER: LabLauncher = {
  argv: () => ['/bin/bash', ['--norc', '--noprofile', '-i']],
  env: () => ({ PATH: process.env.PATH, TERM: 'xterm-256color', PS1: 'bash$ ', HOME: '/tmp' }),
};

export interface TestClass {
  url: string;
  room: Classroom;
  stateDir: string;
  logs: string[];
  close(keepState?: boolean): Promise<void>;
}

export async function startClass(opts: { launcher?: LabLauncher; seats?: number; limits?: Partial<ClassLimits>; stateDir?: string; startConcurrency?: number } = {}): Promise<TestClass> {
  const { lessons } = await loadLessons(undefined, 'en');
  const translations = { 'zh-CN': (await loadLessons(undefined, 'zh-CN')).lessons };
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'nslab-serve-'));
  const room = new Classroom({ stateDir, seats: opts.seats ?? 5, lessonId: lessons[0].meta.id, limits: { ...NO_LIMITS, ...opts.limits }, lessons, translations, launcher: opts.launcher, startConcurrency: opts.startConcurrency });
  const logs: string[] = [];
  const { server, close } = classServer(room, (l) => logs.push(l));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url, room, stateDir, logs,
    async close(keepState = false) {
      await close();
      await room.shutdown();
      if (!keepState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `pred` holds, at most `ms`. */
export async function waitFor(pred: () => boolean, what: string, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Joins the class as `name` (with the browser's `headers`, e.g. its Accept-Language); returns the learner's token (from the redirect). */
export async function joinClass(url: string, code: string, name: string, headers: Record<string, string> = {}): Promise<{ status: number; token?: string; text: string }> {
  const r = await fetch(`${url}/join/${code}`, { method: 'POST', body: new URLSearchParams({ name }), redirect: 'manual', headers });
  const loc = r.headers.get('location');
  return { status: r.status, token: loc?.startsWith('/l/') ? loc.slice(3) : undefined, text: await r.text() };
}

/** A page's socket: the terminal's text so far, the JSON messages, and waiting on either. */
export class PageClient {
  readonly ws: WebSocket;
  screen = '';
  readonly messages: ServerMessage[] = [];
  /** How much terminal output had come when each message came. */
  readonly screenAt: number[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  constructor(url: string, token: string, origin: string = url) {
    this.ws = new WebSocket(`${url.replace('http', 'ws')}/ws/l/${token}`, { origin });
    this.ws.on('message', (data, binary) => {
      if (binary) this.screen += data.toString();
      else {
        this.messages.push(JSON.parse(data.toString()));
        this.screenAt.push(this.screen.length);
      }
      this.wake();
    });
    this.ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.wake(); });
    this.ws.on('error', () => this.wake());
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  opened(): Promise<void> {
    return new Promise((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('unexpected-response', (_q, res) => fail(new Error(`refused: ${res.statusCode}`)));
      this.ws.once('error', fail);
    });
  }

  send(msg: PageMessage | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  type(text: string): void {
    this.send({ t: 'in', data: text });
  }

  /** Waits until `pred` holds (checked after every frame), at most `ms`. */
  async until(pred: () => boolean, what: string, ms = 20000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}; screen ends: ${JSON.stringify(this.screen.slice(-400))}; messages: ${JSON.stringify(this.messages.slice(-5))}`);
      if (this.closed && !pred()) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before ${what}`);
      await new Promise<void>((ok) => { this.waiters.push(ok); setTimeout(ok, 200); });
    }
  }

  message<T extends ServerMessage['t']>(t: T, pred: (m: ServerMessage & { t: T }) => boolean = () => true): (ServerMessage & { t: T }) | undefined {
    return this.messages.find((m): m is ServerMessage & { t: T } => m.t === t && pred(m as ServerMessage & { t: T }));
  }

  close(): void {
    this.ws.close();
  }
}
