// `nslab sandbox --containers N`: N busybox containers c1…cN on docker0, made in-process
// and batched — N holder processes started together, one `ip -batch` for every host-side
// step, then one `nsenter … ip -batch` per container — instead of N docker commands.
import { mkdirSync } from 'node:fs';
import { UserError } from '../errors.js';
import { containerSideLines, endpointFor, hostSideLines } from './bridge-driver.js';
import { allocateAddress } from './containers.js';
import { DockerError } from './errors.js';
import { newId, shortId, tempPeerName, vethName } from './ids.js';
import { withLock } from './lock.js';
import { killAndWait, startHolder } from './process.js';
import { Rollback } from './rollback.js';
import type { ContainerRecord } from './state.js';
import { ipBatch, ipQuiet, silentTracer, stderrTracer, traceWanted } from './steps.js';
import { loadState, LOCK_FILE, RUNTIME_DIR, saveState } from './store.js';

/** At most this many container-side `ip -batch` processes at once (2 cores here). */
const PARALLEL = 8;

async function inPool<T>(items: T[], fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

export async function startBusyboxContainers(n: number): Promise<void> {
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
        const ids = names.map(() => newId());
        const pids = await Promise.all(ids.map((id) => startHolder(shortId(id), { kind: 'own' }, tracer)));
        for (const pid of pids) rollback.push(`kill ${pid}`, () => killAndWait(pid, tracer));
        const now = new Date().toISOString();
        const wiring = names.map((name, i) => {
          const ip = allocateAddress(state, bridge);
          const ep = endpointFor(bridge, ip, 'eth0', vethName());
          const rec: ContainerRecord = {
            id: ids[i], name, image: 'busybox', cmd: ['sh'], created: now, startedAt: now, pid: pids[i], running: true, exitCode: 0,
            hostname: shortId(ids[i]), networkMode: 'bridge', endpoints: [ep], ports: [], helpers: [], tty: true, interactive: true, autoRemove: false,
          };
          state.containers.push(rec); // reserves the address for the next allocation
          return { rec, ep, tmp: tempPeerName() };
        });
        for (const w of wiring) rollback.push(`delete ${w.ep.hostIf}`, () => ipQuiet(tracer, `link del ${w.ep.hostIf}`));
        tracer.note(`${n} veth pairs at once: host ends join docker0, the other ends move into the containers`);
        await ipBatch(tracer, 'creating the veth pairs', wiring.flatMap((w) => hostSideLines(w.ep.hostIf, w.tmp, w.rec.pid, bridge.bridge!, true)));
        await inPool(wiring, (w) => ipBatch(tracer, `configuring ${w.rec.name}`, containerSideLines(w.tmp, w.ep, true, true), w.rec.pid));
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
