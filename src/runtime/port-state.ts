// A bridge port forwards only once the kernel has seen its carrier, which it notes a
// moment after the veth's other end comes up (asynchronously: a ping right after `docker
// run` was dropped now and then). Docker's containers are reachable when `docker run`
// returns; so are ours: it waits, briefly, until the port forwards. (bin/lab-holders.pl waits
// the same way for many containers at once, over rtnetlink.)
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The bridge-port state the kernel reports for a port that forwards (BR_STATE_FORWARDING). */
const FORWARDING = '3';

/** Resolves when the bridge port `ifname` forwards, or after `timeoutMs` (the caller goes
 * on either way: a port held back by STP, say, is the learner's to see). */
export async function untilForwarding(ifname: string, opts: { timeoutMs?: number; read?: (path: string) => string | undefined } = {}): Promise<boolean> {
  const read = opts.read ?? ((p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } });
  const path = `/sys/class/net/${ifname}/brport/state`;
  const deadline = Date.now() + (opts.timeoutMs ?? 2000);
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    const state = read(path)?.trim();
    if (state === FORWARDING) return true;
    if (state === undefined || Date.now() >= deadline) return false; // no such port here: nothing to wait for
    await sleep(wait);
  }
}
