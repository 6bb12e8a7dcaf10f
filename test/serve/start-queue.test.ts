// Labs built in turn (src/serve/start-queue.ts): a few at a time, in the order asked; a lab
// holds its turn until it has shown its first words, or ended; a learner who leaves while
// waiting gives up the turn. Ordering only: nothing here is timed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartQueue } from '../../src/serve/start-queue.js';
import type { LabLauncher } from '../../src/serve/learner.js';
import { PageClient, joinClass, startClass, waitFor, type TestClass } from './class-server.js';

describe('StartQueue', () => {
  it('lets `limit` go at once, the rest in the order asked, each as one before it is done', async () => {
    const q = new StartQueue(2);
    const order: number[] = [];
    const done: (() => void)[] = [];
    const asks = [1, 2, 3, 4].map((n) => q.acquire().then((d) => { order.push(n); done.push(d); }));
    await Promise.all(asks.slice(0, 2));
    expect(order).toEqual([1, 2]);
    expect(q.queued).toBe(2);
    done[1]();
    done[1](); // twice is once
    await asks[2];
    expect(order).toEqual([1, 2, 3]);
    expect(q.queued).toBe(1);
    done[0]();
    await asks[3];
    expect(order).toEqual([1, 2, 3, 4]);
  });
});

// A lab that shows nothing until it is told to (a file appears), then is bash.
const gated = (gate: string): LabLauncher => ({
  argv: () => ['/bin/bash', ['-c', `while [ ! -e ${gate} ]; do sleep 0.05; done; exec bash --norc --noprofile -i`]],
  env: () => ({ PATH: process.env.PATH, TERM: 'xterm-256color', PS1: 'bash$ ', HOME: '/tmp' }),
});

let cls: TestClass | undefined;
const gates: string[] = [];
afterEach(async () => {
  await cls?.close();
  cls = undefined;
  for (const d of gates.splice(0)) rmSync(d, { recursive: true, force: true });
});
const gateDir = () => { const d = mkdtempSync(join(tmpdir(), 'nslab-gate-')); gates.push(d); return d; };

describe('a class building labs in turn', () => {
  it('builds one lab at a time when told so: the next only once the one before shows its prompt', async () => {
    const dir = gateDir();
    cls = await startClass({ launcher: gated(`${dir}/go`), startConcurrency: 1 });
    const learners = [];
    for (const name of ['Ada', 'Bo', 'Cy']) {
      const { token } = await joinClass(cls.url, cls.room.code, name);
      const page = new PageClient(cls.url, token!);
      await page.opened();
      learners.push({ page, learner: cls.room.byToken(token!)! });
    }
    await waitFor(() => learners[0].learner.labPid !== undefined, 'the first lab spawned');
    // The first lab is held at its gate: the others wait their turn, not built at all.
    expect(learners.map((l) => l.learner.labState)).toEqual(['starting', 'starting', 'starting']);
    expect(learners.slice(1).map((l) => l.learner.labPid)).toEqual([undefined, undefined]);
    writeFileSync(`${dir}/go`, '');
    for (const { page } of learners) await page.until(() => /bash\S*[$#] /.test(page.screen), 'a prompt', 20000);
    expect(learners.map((l) => l.learner.labState)).toEqual(['running', 'running', 'running']);
  });

  it('a learner who leaves while waiting gives up the turn; coming back, they are built', async () => {
    const dir = gateDir();
    cls = await startClass({ launcher: gated(`${dir}/go`), startConcurrency: 1 });
    const a = await joinClass(cls.url, cls.room.code, 'Ada');
    const pa = new PageClient(cls.url, a.token!);
    await pa.opened();
    const b = await joinClass(cls.url, cls.room.code, 'Bo');
    const pb = new PageClient(cls.url, b.token!);
    await pb.opened();
    const bo = cls.room.byToken(b.token!)!;
    await waitFor(() => bo.labState === 'starting', 'Bo waiting');
    pb.close();
    await waitFor(() => bo.labState === 'none', 'Bo\'s turn given up');
    writeFileSync(`${dir}/go`, '');
    await pa.until(() => /bash\S*[$#] /.test(pa.screen), 'Ada\'s prompt', 20000);
    expect(bo.labPid).toBeUndefined();
    const back = new PageClient(cls.url, b.token!);
    await back.opened();
    await back.until(() => /bash\S*[$#] /.test(back.screen), 'Bo\'s prompt once back', 20000);
  });
});
