// bin/lab-state.pl, as a learner who found its socket would talk to it: it works on plain
// names in its one folder, and refuses anything else.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateBroker } from '../../src/progress/index.js';
import { writeHold } from '../../src/serve/hold.js';
import { LAB_EVENT_MAX } from '../../src/serve/protocol.js';
import { ROOT } from '../helpers/lab.js';

const started: ReturnType<typeof spawn>[] = [];
afterEach(() => { for (const c of started.splice(0)) c.kill(); });

function broker(env: NodeJS.ProcessEnv = {}): { state: string; client: StateBroker; exited: Promise<number | null> } {
  const home = mkdtempSync(join(tmpdir(), 'nslab-broker-'));
  const child = spawn('perl', [join(ROOT, 'bin', 'lab-state.pl'), '3'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], env: { ...process.env, XDG_STATE_HOME: home, SUDO_USER: '', NSLAB_EVENTS_SOCKET: undefined, ...env } });
  started.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { state: join(home, 'nslab'), client: new StateBroker(child.stdio[3] as Socket), exited };
}

describe('bin/lab-state.pl', () => {
  it('writes and reads plain names in its folder, made on the first write', async () => {
    const { state, client } = broker();
    await expect(client.request('read', 'progress.json')).rejects.toMatchObject({ code: 'ENOENT' });
    await client.request('replace', 'progress.json', '644', '{"a":1}');
    expect(readFileSync(join(state, 'progress.json'), 'utf8')).toBe('{"a":1}');
    expect(await client.request('read', 'progress.json')).toBe('{"a":1}');
    await expect(client.request('createx', 'progress.json', '644', 'x')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await client.request('list')).toBe('progress.json');
  });

  it('refuses paths, dot-dot, unknown operations; nothing outside its folder is touched', async () => {
    const { state, client } = broker();
    for (const name of ['../escape', '/etc/passwd', '..', '.', 'a/b', '']) {
      await expect(client.request('replace', name, '644', 'x')).rejects.toMatchObject({ code: 'EINVAL' });
      await expect(client.request('read', name)).rejects.toMatchObject({ code: 'EINVAL' });
    }
    await client.request('replace', 'history', '600', 'x');
    await expect(client.request('rename', 'history', '../moved')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('link', 'history', '../linked')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('chmod', 'history')).rejects.toMatchObject({ code: 'ENOSYS' });
    // Only the store's own names, as plain files: nothing executable, nothing setuid.
    for (const name of ['evil', 'progress.json.x', '.hidden', 'history.sh']) {
      await expect(client.request('createx', name, '644', 'x')).rejects.toMatchObject({ code: 'EINVAL' });
    }
    for (const mode of ['6777', '4755', '755', '666']) {
      await expect(client.request('createx', 'progress.json.lock', mode, 'x')).rejects.toMatchObject({ code: 'EINVAL' });
    }
    expect(readdirSync(state)).toEqual(['history']);
    expect(statSync(join(state, 'history')).mode & 0o7777).toBe(0o600);
    expect(existsSync(join(state, '..', 'escape'))).toBe(false);
    expect(existsSync(join(state, '..', 'moved'))).toBe(false);
    expect(existsSync(join(state, '..', 'linked'))).toBe(false);
  });

  it("reads the workshop server's class-hold, and refuses every way of changing, removing or making it", async () => {
    const { state, client } = broker();
    await expect(client.request('read', 'class-hold')).rejects.toMatchObject({ code: 'ENOENT' });
    // Nor can the learner make one before the server does.
    await expect(client.request('replace', 'class-hold', '644', '{}')).rejects.toMatchObject({ code: 'EPERM' });
    await expect(client.request('createx', 'class-hold', '644', '{}')).rejects.toMatchObject({ code: 'EPERM' });
    expect(existsSync(join(state, 'class-hold'))).toBe(false);
    const hold = '{"lessonId":"01-shell-test","step":2}\n';
    writeHold(join(state, '..'), { lessonId: '01-shell-test', step: 2 });
    expect(await client.request('read', 'class-hold')).toBe(hold);
    expect(await client.request('stat', 'class-hold')).toMatch(/^\d+ \d+$/);
    await client.request('replace', 'progress.json', '644', '{"lessons":{}}');
    const refused = [
      ['replace', 'class-hold', '644', '{}'], ['createx', 'class-hold', '644', '{}'], ['unlink', 'class-hold'],
      ['rename', 'class-hold', 'history'], ['rename', 'progress.json', 'class-hold'],
      ['link', 'class-hold', 'history'], ['link', 'progress.json', 'class-hold'], ['touch', 'class-hold'],
    ];
    for (const [op, a, b = '', data = ''] of refused) {
      await expect(client.request(op, a, b, data), `${op} ${a} ${b}`).rejects.toMatchObject({ code: 'EPERM', message: expect.stringContaining('may only read') });
    }
    expect(readFileSync(join(state, 'class-hold'), 'utf8')).toBe(hold);
    expect(readFileSync(join(state, 'progress.json'), 'utf8')).toBe('{"lessons":{}}');
    expect(readdirSync(state).sort()).toEqual(['class-hold', 'progress.json']);
  });

  it('refuses a request too big to be anything nslab sends, without reading it in, and ends', async () => {
    const { client, exited, state } = broker();
    // Its answer, or the socket it closed while the rest was still being sent.
    const e = await client.request('replace', 'history', '600', 'x'.repeat(17 << 20)).then(() => undefined, (err: { code: string }) => err.code);
    expect(['EFBIG', 'EPIPE']).toContain(e);
    expect(await exited).toBe(0);
    expect(existsSync(join(state, 'history'))).toBe(false);
  });
});

/** A workshop server's events socket: every line it reads, in order. */
async function eventsServer(): Promise<{ path: string; lines: string[]; nextLines(n: number): Promise<string[]>; server: Server; conns: Set<Socket> }> {
  const path = join(mkdtempSync(join(tmpdir(), 'nslab-events-')), 'events.sock');
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  const conns = new Set<Socket>();
  const server = createServer((conn) => {
    conns.add(conn);
    let rest = '';
    conn.on('data', (b) => {
      const parts = (rest + b.toString()).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
      for (const w of waiters.splice(0)) w();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const nextLines = (n: number) => new Promise<string[]>((resolve) => {
    const check = () => (lines.length >= n ? resolve(lines.slice(0, n)) : waiters.push(check));
    check();
  });
  return { path, lines, nextLines, server, conns };
}
const servers: Server[] = [];
afterEach(() => { for (const s of servers.splice(0)) s.close(); });

describe('bin/lab-state.pl, op event (workshop mode)', () => {
  it('passes each event on to the server as one line, in order', async () => {
    const ev = await eventsServer();
    const { client } = broker({ NSLAB_EVENTS_SOCKET: ev.path });
    const sent = Array.from({ length: 20 }, (_, i) => JSON.stringify({ kind: 'prompt', idle: i % 2 === 0, i }));
    // Pipelined, as the shell sends them: the answers come back in order too.
    expect(await Promise.all(sent.map((e) => client.request('event', '', '', e)))).toEqual(sent.map(() => ''));
    expect(await ev.nextLines(20)).toEqual(sent);
    const biggest = JSON.stringify({ kind: 'hint', hint: 'x'.repeat(LAB_EVENT_MAX - 20) }).slice(0, LAB_EVENT_MAX - 2) + '"}';
    expect(biggest.length).toBe(LAB_EVENT_MAX);
    await client.request('event', '', '', biggest);
    expect((await ev.nextLines(21))[20]).toBe(biggest);
  });

  it('refuses an event over LAB_EVENT_MAX, one with a newline, one not an object, one naming a file', async () => {
    const ev = await eventsServer();
    const { client } = broker({ NSLAB_EVENTS_SOCKET: ev.path });
    const tooBig = '{"hint":"' + 'x'.repeat(LAB_EVENT_MAX + 1 - 11) + '"}';
    expect(tooBig.length).toBe(LAB_EVENT_MAX + 1);
    await expect(client.request('event', '', '', tooBig)).rejects.toMatchObject({ code: 'EFBIG' });
    await expect(client.request('event', '', '', '{"a":1}\n{"b":2}')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('event', '', '', '"text"')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('event', 'progress.json', '', '{}')).rejects.toMatchObject({ code: 'EINVAL' });
    await client.request('event', '', '', '{"last":1}');
    expect(await ev.nextLines(1)).toEqual(['{"last":1}']);
  });

  it('with the server gone, answers ENOTCONN and serves the other operations; reconnects when it is back', async () => {
    const ev = await eventsServer();
    const { client } = broker({ NSLAB_EVENTS_SOCKET: ev.path });
    await client.request('event', '', '', '{"n":1}');
    await ev.nextLines(1);
    // The server ends (its connections too): the next event finds the connection broken,
    // tries once more anew, and finds no server.
    await new Promise<void>((resolve) => { ev.server.close(() => resolve()); for (const c of ev.conns) c.destroy(); });
    await expect(client.request('event', '', '', '{"n":2}')).rejects.toMatchObject({ code: 'ENOTCONN' });
    await expect(client.request('event', '', '', '{"n":3}')).rejects.toMatchObject({ code: 'ENOTCONN' });
    await client.request('replace', 'history', '600', 'still here');
    expect(await client.request('read', 'history')).toBe('still here');
    // A server on the same path again: the broker finds it.
    const again = createServer((conn) => conn.on('data', (b) => ev.lines.push(...b.toString().split('\n').filter(Boolean))));
    servers.push(again);
    await new Promise<void>((resolve) => again.listen(ev.path, resolve));
    await client.request('event', '', '', '{"n":4}');
    await expect.poll(() => ev.lines).toEqual(['{"n":1}', '{"n":4}']);
  });

  it('a server that reads nothing does not hold the broker: the event is dropped, and other operations go on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nslab-events-')), 'events.sock');
    const stuck = createServer((conn) => conn.pause());
    servers.push(stuck);
    await new Promise<void>((resolve) => stuck.listen(path, resolve));
    const { client } = broker({ NSLAB_EVENTS_SOCKET: path });
    const big = JSON.stringify({ hint: 'x'.repeat(200_000) });
    let refused: string | undefined;
    for (let i = 0; i < 50 && !refused; i++) refused = await client.request('event', '', '', big).then(() => undefined, (e: { code: string }) => e.code);
    expect(refused).toBe('ETIMEDOUT');
    await client.request('replace', 'history', '600', 'on');
    expect(await client.request('read', 'history')).toBe('on');
  });

  it('without NSLAB_EVENTS_SOCKET, answers ENOSYS', async () => {
    const { client } = broker();
    await expect(client.request('event', '', '', '{"kind":"prompt","idle":true}')).rejects.toMatchObject({ code: 'ENOSYS' });
    expect(await client.request('list').catch((e: { code: string }) => e.code)).toBe('ENOENT');
  });
});
