// The packet walk's side: watches every namespace of the lab while one command runs, then
// hands what was seen to the pure analysis (analyse.ts). In each namespace: a tcpdump on
// every interface (the timeline), an nft trace table and `nft monitor trace` (which NAT
// rule or drop decided), and afterwards conntrack (the NAT mapping) and `ip route get`
// (the routing decisions). Everything is started and stopped inside the lab, the command
// is bounded in time, and the trace table is removed whatever happens, so the learner's
// rules read the same before and after.
import { startInLab, type LabProgram } from '../sandbox/lab-program.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { walkText } from '../i18n/walk-text.js';
import type { KernelState, Netns } from '../kernel/types.js';
import { run } from '../sandbox/exec.js';
import { analyseWalk, routeKey, routeTable, type NsCapture, type RouteAnswer, type Walk } from './analyse.js';
import { parseConntrack } from './conntrack.js';
import { parseNftTrace } from './nft-trace.js';
import { parseTcpdump } from './tcpdump.js';

/** The table the walk adds, in each namespace, for as long as it watches. */
export const TRACE_TABLE = 'nslab_walk';
const TRACE_RULES = `table inet ${TRACE_TABLE} {
  chain pre { type filter hook prerouting priority -350; meta l4proto { icmp, tcp, udp } meta nftrace set 1; }
  chain out { type filter hook output priority -350; meta l4proto { icmp, tcp, udp } meta nftrace set 1; }
}
`;
/** At most this many namespaces are watched (a lab of fifty containers would otherwise
 * start a hundred and fifty watchers). */
export const MAX_WATCHED = 24;

export interface WalkRun {
  walk?: Walk;
  /** Why there is no walk, or what limited it, in words for the learner. */
  problem?: string;
  /** What was seen, as the analysis got it (for --json and for tests' fixtures). */
  raw: { captures: NsCapture[]; routes: Record<string, RouteAnswer>; state?: KernelState };
}

export interface WalkDeps {
  /** Runs the learner's line where they are, bounded by the walk (see boundedLine). */
  runLine(line: string): Promise<void>;
  snapshot(): Promise<KernelState>;
  /** How long the command may run, in seconds. */
  seconds?: number;
}

/** The line, ended after `seconds` if it has not ended by itself (a ping without -c). */
export function boundedLine(line: string, seconds: number): string {
  return `timeout -k 1 ${seconds} bash -c ${"'" + line.replace(/'/g, `'\\''`) + "'"}`;
}

const inNs = (ns: Netns, argv: string[]) => ['nsenter', `--net=${ns.path}`, ...argv];

interface Watcher {
  ns: Netns;
  tcpdump: LabProgram;
  monitor?: LabProgram;
  out: string;
  err: string;
  trace: string;
  /** Settles once tcpdump says it listens (rejects if it ends or takes too long first). */
  listening: Promise<void>;
}

async function stop(program: LabProgram | undefined): Promise<void> {
  if (!program || program.done) return;
  program.signal('SIGINT'); // tcpdump prints what it still holds, then ends
  const t = setTimeout(() => program.signal('SIGKILL'), 2000);
  await program.ended;
  clearTimeout(t);
}

/** Starts a namespace's watchers; the caller stops them, whatever happens next. */
function startWatcher(ns: Netns, traced: boolean, lang: Lang): Watcher {
  const words = walkText(lang);
  // The monitor first: it is listening by the time tcpdump says it is.
  const monitor = traced ? startInLab(inNs(ns, ['nft', 'monitor', 'trace'])) : undefined;
  const tcpdump = startInLab(inNs(ns, ['tcpdump', '-i', 'any', '-nn', '-e', '-v', '-tt', '--time-stamp-precision=nano', '-l', '-U', 'not ip6']));
  const w = { ns, tcpdump, monitor, out: '', err: '', trace: '' } as Watcher;
  monitor?.onStdout((d) => { w.trace += d; });
  tcpdump.onStdout((d) => { w.out += d; });
  w.listening = new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(words.tcpdumpSlow(ns.names[0]))), 5000);
    tcpdump.onStderr((d) => {
      w.err += d;
      if (/listening on/.test(w.err)) { clearTimeout(t); resolve(); }
    });
    void tcpdump.ended.then(({ error }) => {
      clearTimeout(t);
      reject(error ?? new Error(words.tcpdumpFailed(ns.names[0], w.err.trim().split('\n').pop() ?? 'no message')));
    });
  });
  w.listening.catch(() => { /* seen by the walk, which awaits it */ });
  return w;
}

/** Why tcpdump could not run here, in words a learner can act on. */
export function tcpdumpProblem(message: string, lang: Lang = currentLang()): string {
  const t = walkText(lang);
  if (/Couldn't change to|setgroups|Operation not permitted/.test(message)) return t.tcpdumpNoUser(message);
  return t.tcpdumpCannotStart(message);
}

export async function walkCommand(line: string, deps: WalkDeps, lang: Lang = currentLang()): Promise<WalkRun> {
  const t = walkText(lang);
  const before = await deps.snapshot();
  const namespaces = before.namespaces.slice(0, MAX_WATCHED);
  const limited = before.namespaces.length > MAX_WATCHED ? t.watchedOnly(MAX_WATCHED, before.namespaces.length) : undefined;
  const traced = new Set<string>();
  const watchers: Watcher[] = [];
  try {
    for (const ns of namespaces) {
      const r = await run(inNs(ns, ['nft', '-f', '-']), { input: TRACE_RULES });
      if (r.exitCode === 0) traced.add(ns.id);
    }
    watchers.push(...namespaces.map((ns) => startWatcher(ns, traced.has(ns.id), lang)));
    try {
      await Promise.all(watchers.map((w) => w.listening));
    } catch (e) {
      return { problem: tcpdumpProblem((e as Error).message, lang), raw: { captures: [], routes: {} } };
    }
    await deps.runLine(boundedLine(line, deps.seconds ?? 5));
    // A reply may still be on its way through conntrack and a bridge or two.
    await new Promise((r) => setTimeout(r, 150));
  } finally {
    await Promise.all(watchers.flatMap((w) => [stop(w.tcpdump), stop(w.monitor)]));
    for (const ns of namespaces) if (traced.has(ns.id)) await run(inNs(ns, ['nft', 'delete', 'table', 'inet', TRACE_TABLE]));
  }
  const captures: NsCapture[] = [];
  for (const w of watchers) {
    // conntrack may be missing (an older set-up): the walk then names no entry.
    const ct = await run(inNs(w.ns, ['conntrack', '-L'])).catch(() => undefined);
    captures.push({ ns: w.ns.id, packets: parseTcpdump(w.out), trace: parseNftTrace(w.trace), conntrack: ct?.exitCode === 0 ? parseConntrack(ct.stdout) : [] });
  }
  const state = await deps.snapshot();
  // Two passes: the first asks which routing decisions matter, the lab answers them.
  const first = routeTable();
  analyseWalk({ captures, state, routes: first.oracle }, lang);
  const answers = new Map<string, RouteAnswer>();
  for (const q of first.asked) {
    const ns = state.namespaces.find((n) => n.id === q.ns);
    if (!ns) continue;
    const argv = ['ip', '-o', 'route', 'get', q.dst, ...(q.from ? ['from', q.from] : []), ...(q.iif ? ['iif', q.iif] : [])];
    const r = await run(inNs(ns, argv));
    answers.set(routeKey(q), r.exitCode === 0 ? { ok: true, text: r.stdout.replace(/\\\s*/g, ' ').replace(/\s+/g, ' ').replace(/ cache.*$/, '').trim() } : { ok: false, text: r.stderr.trim() || `ip route get exited ${r.exitCode}` });
  }
  const walk = analyseWalk({ captures, state, routes: routeTable(answers).oracle }, lang);
  return { ...(walk ? { walk } : { problem: t.nothingToFollow }), ...(limited && walk ? { problem: limited } : {}), raw: { captures, routes: Object.fromEntries(answers), state } };
}
