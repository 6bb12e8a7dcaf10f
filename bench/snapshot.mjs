#!/usr/bin/env node
// How long takeSnapshot() takes in a lab like a lesson's: the docker-host preset plus a
// named namespace joined by a veth, a bridge with a port, and a process's namespace
// exposed in /run/netns. Prints the median of 50 runs after 5 warm-ups.
//   node bench/snapshot.mjs          (starts its own lab with bin/nslab run)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 50;

if (process.env.NSLAB_IN_LAB !== '1') {
  const setup = [
    'ip netns add net1',
    'ip link add veth0 type veth peer name veth1',
    'ip link set veth1 netns net1',
    'ip link add br0 type bridge',
    'ip link add vp type veth peer name vq',
    'ip link set vp master br0',
    'unshare --net sleep 300 & pid=$!',
    'ln -s /proc/$pid/ns/net /run/netns/$pid',
    `node ${join(root, 'bench', 'snapshot.mjs')}`,
    'status=$?; kill $pid; exit $status',
  ].join('; ');
  const r = spawnSync(join(root, 'bin', 'nslab'), ['run', '--preset', 'docker-host', '--', setup], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { takeSnapshot } = await import(join(root, 'dist', 'kernel', 'snapshot.js'));
for (let i = 0; i < 5; i++) await takeSnapshot();
const times = [];
let state;
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  state = await takeSnapshot();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
console.log(`takeSnapshot: ${state.namespaces.length} namespaces, ${state.links.length} links; median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)}, max ${times[RUNS - 1].toFixed(1)} over ${RUNS} runs`);
