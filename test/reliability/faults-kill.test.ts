// kill -9 of nslab at 20 moments of a lesson (seeded, so every run strikes the same
// moments), half as root and half rootless: nothing is left on the machine, and the
// progress file keeps everything reported as saved.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { injectFault, schedule } from './faults.js';
import { tally } from './tally.js';

const rootless = rootlessUnavailable() === undefined ? TEST_USER : undefined;
const faults = schedule(20261123, 'SIGKILL', 20, rootless);

describe('kill -9 at 20 moments of a lesson', () => {
  it.each(faults.map((f, i) => ({ ...f, n: i + 1, who: f.asUser ?? 'root' })))('#$n during $phase (+$delayMs ms, $who)', async (f, ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root (the root half) and root to switch to the test user');
    const r = await injectFault(f);
    if (!r.landed) console.log(`fault #${f.n} (${f.signal} during ${f.phase}) struck after nslab had already ended: not counted`);
    tally({ faults: r.landed ? 1 : 0, leftovers: r.leftovers.length + r.hostChanged.length, dataLost: r.lost.length });
    expect(r.leftovers).toEqual([]);
    expect(r.hostChanged).toEqual([]);
    expect(r.lost).toEqual([]);
  });
});
