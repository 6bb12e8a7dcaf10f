// The state directory as seen from inside a lab: each operation is a request to
// bin/lab-state.pl over the socket the launcher handed the lab (NSLAB_STATE_FD), which does it
// outside the lab, as the user, in the directory it chose itself. Answers come in the
// order of the requests; an error comes back with its errno name as `code`, as node:fs would throw it.
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import type { ProgressLocation } from './location.js';
import { localStateDir, type StateDir } from './state-dir.js';

export class BrokerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'BrokerError';
  }
}

type Pending = { resolve: (data: string) => void; reject: (e: Error) => void };

/** A client of the broker on file descriptor `fd` (or on a socket already open). */
export class StateBroker {
  private socket: Socket | undefined;
  private buffer = Buffer.alloc(0);
  private readonly waiting: Pending[] = [];

  constructor(private readonly source: number | Socket) {}

  /** Sends one request; resolves with the answer's data. The broker answers requests in
   * the order they came, so several may be on their way at once. */
  request(op: string, a = '', b = '', data = ''): Promise<string> {
    const payload = Buffer.from(data);
    return new Promise<string>((resolve, reject) => {
      const socket = this.open();
      if (socket.destroyed) return reject(new BrokerError('EPIPE', 'the lab has lost its link to nslab outside it'));
      this.waiting.push({ resolve, reject });
      socket.ref(); // a request in flight keeps Node alive until it is answered
      socket.write(Buffer.concat([Buffer.from(`${op}\t${a}\t${b}\t${payload.length}\n`), payload]));
    });
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = typeof this.source === 'number' ? new Socket({ fd: this.source, readable: true, writable: true }) : this.source;
    socket.unref();
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (e?: Error) => {
      const err = new BrokerError('EPIPE', `the lab has lost its link to nslab outside it${e ? ` (${e.message})` : ''}`);
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
    this.socket = socket;
    return socket;
  }

  private drain(): void {
    for (;;) {
      const nl = this.buffer.indexOf(0x0a);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString().split('\t');
      const w = this.waiting[0];
      if (header[0] === 'OK') {
        const length = Number(header[1]);
        if (this.buffer.length < nl + 1 + length) return;
        const data = this.buffer.subarray(nl + 1, nl + 1 + length).toString();
        this.buffer = this.buffer.subarray(nl + 1 + length);
        this.settle();
        w?.resolve(data);
      } else {
        this.buffer = this.buffer.subarray(nl + 1);
        this.settle();
        w?.reject(new BrokerError(header[1] ?? 'EIO', header.slice(2).join(' ') || 'the state broker refused'));
      }
    }
  }

  private settle(): void {
    this.waiting.shift();
    if (this.waiting.length === 0) this.socket?.unref();
  }
}

/** The state directory through the broker; `path` is where it is, for messages. */
export function brokerStateDir(broker: StateBroker, path: string): StateDir {
  const octal = (mode: number) => mode.toString(8);
  return {
    path,
    read: (name) => broker.request('read', name),
    createExclusive: async (name, text, mode = 0o644) => { await broker.request('createx', name, octal(mode), text); },
    replace: async (name, text, mode = 0o644) => { await broker.request('replace', name, octal(mode), text); },
    rename: async (from, to) => { await broker.request('rename', from, to); },
    link: async (from, to) => { await broker.request('link', from, to); },
    unlink: async (name) => { await broker.request('unlink', name); },
    async stat(name) {
      const [ino, mtimeMs] = (await broker.request('stat', name)).split(' ').map(Number);
      return { ino, mtimeMs };
    },
    touch: async (name) => { await broker.request('touch', name); },
    list: async () => (await broker.request('list')).split('\n').filter(Boolean),
  };
}

let shared: StateBroker | undefined;
/** This lab's broker, when the launcher gave it one. */
export function labBroker(env: NodeJS.ProcessEnv = process.env): StateBroker | undefined {
  const fd = Number(env.NSLAB_STATE_FD);
  if (env.NSLAB_IN_LAB !== '1' || !Number.isInteger(fd) || fd < 3) return undefined;
  shared ??= new StateBroker(fd);
  return shared;
}

/** Where the state of `location` is read and written from this process: through the
 * broker inside a lab, directly elsewhere. */
export function stateDirFor(location: ProgressLocation): StateDir {
  const dir = dirname(location.path);
  const broker = labBroker();
  return broker ? brokerStateDir(broker, dir) : localStateDir(dir, location.owner);
}
