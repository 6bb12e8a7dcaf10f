// `nslab sandbox --containers N`: N busybox containers c1…cN on docker0, made in-process
// and batched: one bin/lab-holders.pl starts every holder and wires every veth pair, instead
// of N docker commands (or two programs per container).
import { mkdirSync, rmSync } from 'node:fs';
import { UserError } from '../errors.js';
import { endpointFor } from './bridge-driver.js';
import { etcContents, etcDir, readLabHostFiles, writeEtcFiles } from './etc-files.js';
import { allocateAddress } from './ipam.js';
import { DockerError } from './docker-error.js';
import { newId, shortId, vethName } from './ids.js';
import { withLock } from './pid-lock.js';
import { killAndWait, startHolders } from './process.js';
import { Rollback } from './rollback.js';
import type { ContainerRecord } from './state.js';
import { ipQuiet, silentTracer, stderrTracer, traceWanted } from './steps.js';
import { loadState, LOCK_FILE, RUNTIME_DIR, saveState } from './store.js';

/** Starts c1…cN. `bridgeReady` settles when docker0 exists: the containers, their
 * namespaces and veth pairs are made meanwhile (a lab's preset is still building it),
 * and their host ends are plugged into docker0 once it is there (by bin/lab-holders.pl,
 * which waits for the end of its input). */
export async function startBusyboxContainers(n: number, bridgeReady: Promise<unknown> = Promise.resolve()): Promise<void> {
  const tracer = traceWanted() ? stderrTracer(true) : silentTracer;
  mkdirSync(RUNTIME_DIR, { recursive: true });
  try {
    await withLock(LOCK_FILE, async () => {
      const state = loadState();
      const bridge = state.networks.find((x) => x.name === 'bridge')!;
      const taken = new Set(state.containers.map((c) => c.name));
      const names = Array.from({ length: n }, (_, i) => `c${i + 1}`);
      const clash = names.find((x) => taken.has(x));
      if (clash) throw new UserError(`--containers: a container named ${clash} already exists`);
      const rollback = new Rollback();
      try {
        const created = new Date().toISOString();
        const recs = names.map((name): ContainerRecord => {
          const id = newId();
          const ep = endpointFor(bridge, allocateAddress(state, bridge), 'eth0', vethName());
          const rec: ContainerRecord = {
            id, name, image: 'busybox', cmd: ['sh'], created, startedAt: created, pid: 0, running: true, exitCode: 0,
            hostname: shortId(id), networkMode: 'bridge', endpoints: [ep], ports: [], helpers: [], tty: true, interactive: true, autoRemove: false,
          };
          state.containers.push(rec); // reserves the address for the next allocation
          return rec;
        });
        tracer.note(`${n} containers at once: each a process in new network, uts and mount namespaces (its own /etc/hosts, /etc/hostname, /etc/resolv.conf), with a veth pair whose host end joins ${bridge.bridge}`);
        const host = readLabHostFiles();
        for (const r of recs) {
          rollback.push(`remove ${etcDir(r.id)}`, () => rmSync(etcDir(r.id), { recursive: true, force: true }));
          writeEtcFiles(r.id, etcContents(r, [r.endpoints[0].ip], host));
        }
        const specs = recs.map((r) => ({ hostname: r.hostname, net: { kind: 'own' } as const, etc: etcDir(r.id), wire: { bridge: bridge.bridge!, ep: r.endpoints[0] } }));
        const pids = await startHolders(specs, tracer, bridgeReady);
        const startedAt = new Date().toISOString();
        recs.forEach((r, i) => {
          r.pid = pids[i];
          r.startedAt = startedAt;
          rollback.push(`kill ${r.pid}`, () => killAndWait(r.pid, tracer));
          // The pair goes with the holder's namespace, but only once the kernel gets to it.
          rollback.push(`delete ${r.endpoints[0].hostIf}`, () => ipQuiet(tracer, `link del ${r.endpoints[0].hostIf}`));
        });
        // The holders are plugged in once the preset has built docker0; but a preset that
        // failed after that (the NAT rules) must still undo the containers.
        await bridgeReady;
        saveState(state);
        rollback.commit();
      } catch (e) {
        await rollback.unwind();
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof DockerError) throw new UserError(`--containers ${n}: ${e.message.replace(/^docker: /, '')}`, 1, { cause: e });
    throw e;
  }
}
