// bin/lab-state.pl, as a learner who found its socket would talk to it: it works on plain
// names in its one folder, and refuses anything else.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateBroker } from '../../src/progress/index.js';
import { writeHold } from '../../src/serve/hold.js';
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

  it("names nothing but the progress store's files: not a workshop's class-hold beside them", async () => {
    const { state, client } = broker();
    writeHold(join(state, '..'), { lessonId: '01-shell-test', step: 2 });
    for (const [op, a, b = '', data = ''] of [['read', 'class-hold'], ['stat', 'class-hold'], ['replace', 'class-hold', '644', '{}'], ['unlink', 'class-hold'], ['rename', 'progress.json', 'class-hold']]) {
      await expect(client.request(op, a, b, data), `${op} ${a}`).rejects.toMatchObject({ code: 'EINVAL' });
    }
    await expect(client.request('event', '', '', '{}')).rejects.toMatchObject({ code: 'ENOSYS' });
    expect(readFileSync(join(state, 'class-hold'), 'utf8')).toBe('{"lessonId":"01-shell-test","step":2}\n');
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
