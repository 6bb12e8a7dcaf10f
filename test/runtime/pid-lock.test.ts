// The state lock: mutual exclusion between docker commands, and a lock left by a killed
// command does not wedge the lab.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/runtime/pid-lock.js';
import { pidAlive } from '../../src/sandbox/lab-access.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withLock', () => {
  it('lets one holder in at a time', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nslab-lock-')), 'lock');
    const events: string[] = [];
    const holder = (name: string) => withLock(path, async () => {
      events.push(`${name} in`);
      await sleep(20);
      events.push(`${name} out`);
    });
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i].replace(' in', ' out'));
    expect(existsSync(path)).toBe(false);
  });
  it('breaks a lock whose holder is dead, but waits for a live one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-lock-'));
    const path = join(dir, 'lock');
    const dead = spawnSync('true').pid!; // exited and reaped: its pid names no process
    expect(pidAlive(dead)).toBe(false);
    writeFileSync(path, `${dead}\n`);
    expect(await withLock(path, async () => 'got it', 2000)).toBe('got it');
    writeFileSync(path, `${process.ppid}\n`); // alive, and not us
    await expect(withLock(path, async () => 'stolen', 300)).rejects.toThrow(/held by pid/);
  });
});
