// The bench's `serve` section: one `nslab serve` on 127.0.0.1 with N learners, each on a
// real lab of the server's default launcher (the terminal agent, its learner's shell run by the server), joining within a second;
// then all of them typing the lesson's first lines a key at a time, against a bare relay
// of bash through `ws` and the same pty package (bench/bash-relay.mjs, the floor); then the
// memory of the whole server tree with every learner idle at their prompt.
// Bounded: N learners, one pass of typing, and a deadline after which whatever was not
// measured reads n/a. Every process it started ends before it returns, checked by pid.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, processTree, stillRunning, treeCpuSeconds } from './proctree.mjs';
import { TerminalClient, typeLines } from './terminal-client.mjs';
import { stallProbe } from './stall-probe.mjs';
import { percentile } from './timing.mjs';
import { ms } from './targets.mjs';

const sleep = (t) => new Promise((ok) => setTimeout(ok, t));
const mb = (kb) => kb / 1024;
const KINDS = ['node', 'perl', 'bash'];

/** Starts `argv`, resolves with the first match of `re` in its stdout (and the process). */
function startAndRead(argv, env, re, what, waitMs = 30_000) {
  const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const match = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing like ${re} in ${waitMs} ms: ${err.trim().split('\n').slice(-3).join(' ')}`)), waitMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(re);
      if (m) { clearTimeout(timer); resolve(m); }
    });
    child.stderr.on('data', (d) => { err = (err + d).slice(-4000); });
    child.on('error', (e) => { clearTimeout(timer); reject(new Error(`${what} could not start: ${e.message}`)); });
    child.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${what} exited ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' ')}`)); });
  });
  return { child, match };
}

/** Ends a child we started: `signal`, then KILL after `grace` ms; resolves when it is gone. */
function stopChild(child, signal = 'SIGTERM', grace = 30_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), grace);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill(signal);
  });
}

const quantiles = (xs) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), n: xs.length });

/** What a process runs: its program's name, and for an interpreter its script's. */
function whatRuns(p) {
  let argv = [];
  try { argv = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { /* ended */ }
  const script = p.name === 'perl' || p.name === 'node' ? argv.slice(1).find((a) => !a.startsWith('-')) : undefined;
  return script ? basename(script) : p.name;
}

/** How the labs are weighed on the CPU beside the server (bin/lab-launch.pl), told by each
 * learner's bash: { 'a cpu cgroup of its own': n, 'its session, autogroup nice N': n, … }. */
function labWeights(tree) {
  const ways = {};
  for (const p of tree.filter((q) => q.name === 'bash')) {
    let way;
    try {
      const cgroups = readFileSync(`/proc/${p.pid}/cgroup`, 'utf8').split('\n').map((l) => l.split(':'));
      const cpu = cgroups.find(([, ctl]) => ctl?.split(',').includes('cpu')) ?? cgroups.find(([n, ctl]) => n === '0' && ctl === '');
      way = /\/nslab-\d+$/.test(cpu?.[2] ?? '') ? 'a cpu cgroup of its own'
        : `its session, autogroup ${readFileSync(`/proc/${p.pid}/autogroup`, 'utf8').trim().replace(/^\S+ /, '')}`;
    } catch { continue; /* ended */ }
    ways[way] = (ways[way] ?? 0) + 1;
  }
  return ways;
}

/** Memory of a process tree by kind of process: { kind: { n, rssKb, pssKb, runs } }, where
 * runs counts the processes of that kind by what they run. */
function byKind(tree) {
  const kinds = {};
  for (const p of tree) {
    const kind = KINDS.includes(p.name) ? p.name : 'other';
    const k = (kinds[kind] ??= { n: 0, rssKb: 0, pssKb: 0, runs: new Map() });
    k.n++;
    k.rssKb += p.rssKb;
    k.pssKb += p.pssKb;
    const what = whatRuns(p);
    k.runs.set(what, (k.runs.get(what) ?? 0) + 1);
  }
  return kinds;
}

/**
 * Runs the section; prints its details; returns the figures for targets.mjs's verdicts():
 *   { learners, join: { p50, p99, failed }, echo: { p50, p99, keys, lost }, floor: { … },
 *     rssMb, pssMb }   (per learner; any of them undefined when not measured)
 */
export async function benchServe({ root, env, log, lesson, answer, learners: N, deadlineMs }) {
  const nslab = join(root, 'bin', 'nslab');
  // Short: a learner's event socket lives under the state folder and must fit 108 bytes.
  const scratch = mkdtempSync(join(os.tmpdir(), 'nsb-serve-'));
  const stateDir = join(scratch, 'state');
  const empty = join(scratch, 'empty');
  mkdirSync(empty);
  const figures = { learners: N, join: undefined, echo: undefined, floor: undefined, rssMb: undefined, pssMb: undefined };
  const children = new Set();
  const clients = [];
  const seen = new Map(); // every process of the server's tree we saw, by pid: checked at the end
  const remember = (tree) => { for (const p of tree) seen.set(`${p.pid}/${p.started}`, p); return tree; };
  let stopping = false;
  const step = `[${lesson.meta.id.slice(0, 2)} · 1/${lesson.steps.length}] host # `;
  const firstPrompt = new RegExp(step.replace(/[[\]/.]/g, '\\$&'));
  const labPrompt = /host # |answer> /;
  // Step 1's command, its question's answer, step 2's commands: what a learner types first.
  const lines = [...lesson.steps[0].commands, answer, ...(lesson.steps[1]?.commands ?? [])];
  const keys = lines.join('').length;
  const spread = (i) => (i * 1000) / N;

  async function work() {
    const server = startAndRead(
      [nslab, 'serve', '--host', '127.0.0.1', '--port', '0', '--seats', String(N), '--lesson', lesson.meta.id, '--state-dir', stateDir],
      env, /learners join at:\s+(http:\/\/127\.0\.0\.1:\d+)\/join\/(\w+)/, '`nslab serve`');
    children.add(server.child);
    const [, base, code] = await server.match;
    const wsBase = base.replace(/^http/, 'ws');

    // 1. Join: N learners spread over one second, each timed to its first prompt.
    const joinTimes = [];
    let failed = 0;
    await Promise.all(Array.from({ length: N }, async (_, i) => {
      await sleep(spread(i));
      const t0 = performance.now();
      try {
        const r = await fetch(`${base}/join/${code}`, { method: 'POST', body: new URLSearchParams({ name: `bench-${i + 1}` }), redirect: 'manual' });
        const token = r.headers.get('location')?.match(/^\/l\/(.+)$/)?.[1];
        if (!token) throw new Error(`join answered ${r.status}`);
        const client = new TerminalClient(`${wsBase}/ws/l/${token}`, base);
        clients[i] = client;
        await client.opened();
        if (!(await client.until(firstPrompt, 60_000))) throw new Error(`no prompt in 60 s; the terminal ends ${JSON.stringify(client.screen.slice(-200))}`);
        joinTimes.push(performance.now() - t0);
      } catch (e) {
        failed++;
        log(`serve: learner ${i + 1}: ${e.message}`);
      }
    }));
    const joined = remember(processTree(server.child.pid));
    figures.join = { ...quantiles(joinTimes), min: Math.min(...joinTimes), failed, cpu: treeCpuSeconds(joined), serverCpu: cpuSeconds(server.child.pid).self };
    log(`serve: ${joinTimes.length} of ${N} learners at their first prompt; p50 ${ms(figures.join.p50)}, p99 ${ms(figures.join.p99)}`);
    await sleep(3000); // the last labs' first pictures and checks

    // 2a. The floor: the same typing through bash-relay.mjs, while the labs sit idle.
    if (stopping) return;
    const probe = stallProbe();
    children.add(probe.child);
    await probe.take();
    const relay = startAndRead([process.execPath, join(root, 'bench', 'bash-relay.mjs'), empty], env, /listening (\d+)/, 'bench/bash-relay.mjs');
    children.add(relay.child);
    const [, port] = await relay.match;
    const floorClients = Array.from({ length: N }, () => new TerminalClient(`ws://127.0.0.1:${port}/`, `http://127.0.0.1:${port}`));
    clients.push(...floorClients);
    await Promise.all(floorClients.map(async (c) => { await c.opened(); await c.until(/bash\$ /); }));
    await Promise.all(floorClients.map(async (c, i) => { await sleep(spread(i)); await typeLines(c, lines, /bash\$ /); }));
    const echoesOf = (cs) => ({ ...quantiles(cs.flatMap((c) => c.echoes)), keys: cs.length * keys, lost: cs.reduce((a, c) => a + c.lost, 0) });
    figures.floor = { ...echoesOf(floorClients), stall: await probe.take(), probeNice: await probe.nice() };
    for (const c of floorClients) c.close();
    await stopChild(relay.child, 'SIGTERM', 5000);
    log(`serve: bare bash relay, echo p50 ${ms(figures.floor.p50)}, p99 ${ms(figures.floor.p99)}`);

    // 2b. The learners type the same keys into their labs.
    if (stopping) return;
    const typing = clients.slice(0, N).filter((c) => c && !c.closed);
    const t0 = performance.now();
    const cpu0 = { tree: treeCpuSeconds(processTree(server.child.pid)), server: cpuSeconds(server.child.pid).self };
    await Promise.all(typing.map(async (c, i) => { await sleep(spread(i)); await typeLines(c, lines, labPrompt); }));
    const seconds = (performance.now() - t0) / 1000;
    figures.echo = { ...echoesOf(typing), stall: await probe.take(), seconds, cpu: treeCpuSeconds(processTree(server.child.pid)) - cpu0.tree, serverCpu: cpuSeconds(server.child.pid).self - cpu0.server };
    log(`serve: labs, echo p50 ${ms(figures.echo.p50)}, p99 ${ms(figures.echo.p99)}`);
    probe.stop();

    // 3. Memory, every learner idle at the prompt of step 2.
    if (stopping) return;
    await sleep(5000);
    const tree = remember(processTree(server.child.pid, { pss: true }));
    const sum = (k) => tree.reduce((a, p) => a + p[k], 0);
    figures.rssMb = mb(sum('rssKb')) / N;
    figures.pssMb = mb(sum('pssKb')) / N;
    figures.tree = { processes: tree.length, server: tree[0], kinds: byKind(tree.slice(1)), weights: labWeights(tree) };
  }

  async function cleanUp() {
    stopping = true;
    for (const c of clients) c?.close();
    const server = [...children][0];
    if (server?.pid) remember(processTree(server.pid));
    // The server's SIGTERM hangs up every lab and waits for each to end.
    await Promise.all([...children].map((c) => stopChild(c)));
    // A lab's last processes may take a moment more to end than its launcher.
    let left = stillRunning([...seen.values()]);
    for (let i = 0; i < 50 && left.length; i++) { await sleep(100); left = stillRunning(left); }
    if (left.length) log(`serve: still running after the server ended: ${left.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`);
    for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* ended meanwhile */ } }
    rmSync(scratch, { recursive: true, force: true });
    return { processes: seen.size, left: left.length };
  }

  let timer;
  const deadline = new Promise((resolve) => { timer = setTimeout(() => resolve('deadline'), deadlineMs); });
  const outcome = await Promise.race([work().then(() => 'done', (e) => e), deadline]);
  clearTimeout(timer);
  if (outcome === 'deadline') log(`serve: the section's deadline (${deadlineMs / 1000} s) passed: what was not measured reads n/a`);
  else if (outcome instanceof Error) log(`serve: unavailable: ${outcome.message}`);
  // What was measured by now: the work still winding down must not change it.
  const measured = { ...figures };
  const t0 = performance.now();
  const end = await cleanUp();
  measured.cleanup = { ...end, ms: performance.now() - t0 };
  print(measured, { N, keys, lines });
  return measured;
}

function print(f, { N, keys, lines }) {
  const { join: j, echo, floor } = f;
  console.log(`\nWorkshop server: \`nslab serve\` on 127.0.0.1, ${N} learners joining within 1 s, each on a real lab (its learner's shell in the server)`);
  console.log(`  join → first prompt: ${j ? `p50 ${ms(j.p50)}, p99 ${ms(j.p99)}, fastest ${ms(j.min)}${j.failed ? `; ${j.failed} never got a prompt` : ''}` : 'n/a'}`);
  if (j) console.log(`    CPU time of the server's tree by then: ${j.cpu.toFixed(1)} s (${(j.cpu / N).toFixed(2)} s a lab; the server's own Node ${j.serverCpu.toFixed(1)} s), on ${os.cpus().length} cores`);
  const e = (x) => (x ? `p50 ${ms(x.p50)}, p99 ${ms(x.p99)} over ${x.n} keys${x.lost ? ` (${x.lost} of ${x.keys} never echoed)` : ''}` : 'n/a');
  console.log(`  keystroke → echo, each learner typing ${keys} keys a key every 100 ms (${lines.map((l) => `\`${l}\``).join(', ')}):`);
  console.log(`    in their labs:    ${e(echo)}${echo ? `; typing took ${echo.seconds.toFixed(1)} s and ${echo.cpu.toFixed(1)} CPU s of the server's tree (its own Node ${echo.serverCpu.toFixed(1)} s)` : ''}`);
  console.log(`    bare bash relay:  ${e(floor)} (ws + the same pty, bash with nothing on PATH)`);
  const stall = (x) => (x?.stall === undefined ? 'n/a' : ms(x.stall));
  console.log(`    the machine meanwhile: a process doing nothing but a 2 ms timer, at niceness ${floor?.probeNice ?? 'n/a'}, waited up to ${stall(echo)} past it while the labs typed, ${stall(floor)} during the relay (bench/lib/stall-probe.mjs)`);
  if (f.tree) {
    const { kinds, server, processes, weights } = f.tree;
    console.log(`  the labs weighed on the CPU by: ${Object.entries(weights).map(([way, n]) => `${way} (${n} labs)`).join(', ') || 'n/a'}`);
    console.log(`  memory, ${N} learners idle: ${processes} processes; per learner RSS ${f.rssMb.toFixed(1)} MB, PSS ${f.pssMb.toFixed(1)} MB`);
    console.log(`    the server itself (${server.name}, one for the class): RSS ${mb(server.rssKb).toFixed(1)} MB, PSS ${mb(server.pssKb).toFixed(1)} MB (${(mb(server.rssKb) / N).toFixed(1)} MB a learner)`);
    for (const [kind, k] of Object.entries(kinds).sort((a, b) => b[1].rssKb - a[1].rssKb)) {
      const names = ` (${[...k.runs].map(([what, n]) => `${what} ×${(n / N).toFixed(1)}`).join(', ')})`;
      console.log(`    ${kind}${names}: RSS ${(mb(k.rssKb) / N).toFixed(1)} MB, PSS ${(mb(k.pssKb) / N).toFixed(1)} MB a learner`);
    }
  } else console.log('  memory: n/a');
  const c = f.cleanup;
  console.log(`  clean-up: ${c.processes} processes seen in the server's tree; ${c.left ? `${c.left} still ran after the server ended and were killed by pid` : 'none left after the server ended'} (${ms(c.ms)})`);
}
