// bin/lab-state, as a learner who found its socket would talk to it: it works on plain
// names in its one folder, and refuses anything else.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateBroker } from '../../src/progress/index.js';
import { ROOT } from '../helpers/lab.js';

const started: ReturnType<typeof spawn>[] = [];
afterEach(() => { for (const c of started.splice(0)) c.kill(); });

function broker(): { state: string; client: StateBroker } {
  const home = mkdtempSync(join(tmpdir(), 'nslab-broker-'));
  const child = spawn('perl', [join(ROOT, 'bin', 'lab-state'), '3'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], env: { ...process.env, XDG_STATE_HOME: home, SUDO_USER: '' } });
  started.push(child);
  return { state: join(home, 'nslab'), client: new StateBroker(child.stdio[3] as Socket) };
}

describe('bin/lab-state', () => {
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
    await client.request('replace', 'ok', '644', 'x');
    await expect(client.request('rename', 'ok', '../moved')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('link', 'ok', '../linked')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(client.request('chmod', 'ok')).rejects.toMatchObject({ code: 'ENOSYS' });
    expect(existsSync(join(state, '..', 'escape'))).toBe(false);
    expect(existsSync(join(state, '..', 'moved'))).toBe(false);
    expect(existsSync(join(state, '..', 'linked'))).toBe(false);
  });
});
