// SIGTERM and SIGHUP (a closed terminal) to nslab at each moment of a lesson: the lab ends
// at once, nothing is left on the machine, the progress file keeps what was saved.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { injectFault, schedule } from './faults.js';
import { tally } from './tally.js';

const rootless = rootlessUnavailable() === undefined ? TEST_USER : undefined;
const faults = [...schedule(7, 'SIGTERM', 5, rootless), ...schedule(11, 'SIGHUP', 5, rootless)];

describe('SIGTERM and SIGHUP at each moment of a lesson', () => {
  it.each(faults.map((f, i) => ({ ...f, n: i + 1, who: f.asUser ?? 'root' })))('#$n $signal during $phase (+$delayMs ms, $who)', async (f, ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root (the root half) and root to switch to the test user');
    const r = await injectFault(f);
    if (!r.landed) console.log(`fault #${f.n} (${f.signal} during ${f.phase}) struck after nslab had already ended: not counted`);
    tally({ faults: r.landed ? 1 : 0, leftovers: r.leftovers.length + r.hostChanged.length, dataLost: r.lost.length });
    expect(r.leftovers).toEqual([]);
    expect(r.hostChanged).toEqual([]);
    expect(r.lost).toEqual([]);
  });
});
