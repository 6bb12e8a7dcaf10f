// `nslab serve` killed with SIGKILL mid-class: its labs end with it (nothing left on the
// machine), and a server started again on the same state directory lets the learner back
// in with the same link, at the step they had reached.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NSLAB } from '../helpers/lab.js';
import { PageClient, joinClass, waitFor } from './class-server.js';

const stateDir = mkdtempSync(join(tmpdir(), 'nslab-serve-restart-'));
const servers: ChildProcess[] = [];

async function startServer(): Promise<{ child: ChildProcess; url: string; code: string }> {
  const child = spawn(NSLAB, ['serve', '--port', '0', '--seats', '2', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  await waitFor(() => /learners join at:\s+(http:\/\/127\.0\.0\.1:\d+)\/join\/([A-Z0-9]+)/.test(out), `the server's links (it printed: ${out})`, 30000);
  const [, url, code] = /learners join at:\s+(http:\/\/127\.0\.0\.1:\d+)\/join\/([A-Z0-9]+)/.exec(out)!;
  return { child, url, code };
}

/** Every process below `pid` now. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) {
          out.push(Number(c));
          walk(Number(c));
        }
      }
    } catch { /* gone */ }
  };
  walk(pid);
  return out;
}

afterAll(() => {
  for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGTERM');
  rmSync(stateDir, { recursive: true, force: true });
});

describe('nslab serve after SIGKILL', () => {
  it('ends its labs with it, and a restarted server lets the learner back in where they were', async () => {
    const first = await startServer();
    const { token } = await joinClass(first.url, first.code, 'Ada');
    const page = new PageClient(first.url, token!);
    await page.opened();
    await page.until(() => page.screen.includes('host # '), 'the first prompt', 60000);
    page.type('ip a\r');
    await page.until(() => page.screen.includes('answer> '), 'the question', 30000);
    page.type('192.168.0.11\r');
    await page.until(() => page.message('step', (m) => m.number === 2) !== undefined, 'step 2 (step 1 saved)', 30000);
    const labProcesses = descendants(first.child.pid!);
    expect(labProcesses.length).toBeGreaterThan(3);
    first.child.kill('SIGKILL');
    await waitFor(() => labProcesses.every((p) => !existsSync(`/proc/${p}`)), 'every process of the killed server\'s labs to end', 20000);

    const second = await startServer();
    expect(second.code).toBe(first.code);
    const again = new PageClient(second.url, token!);
    await again.opened();
    await again.until(() => again.screen.includes('[00 · 2/5] host # '), 'the lab at step 2', 60000);
    expect(again.message('step')).toMatchObject({ number: 2 });
    second.child.kill('SIGTERM');
    await waitFor(() => second.child.exitCode !== null || second.child.signalCode !== null, 'the server to stop on SIGTERM', 20000);
    expect(second.child.exitCode).toBe(0);
  }, 180_000);
});
