// The Prober the shell uses: one ICMP echo from inside a namespace of the lab. Kept apart
// from check-eval.ts so the evaluator stays pure; `run` is injectable for tests.
import type { Netns } from '../kernel/types.js';
import { run as realRun, type RunOptions, type RunResult } from '../sandbox/exec.js';
import type { KernelState } from '../kernel/types.js';
import type { Prober, WalkedPing } from './check-eval.js';
import { isIpAddress } from './ip.js';

type Runner = (argv: string[], opts?: RunOptions) => Promise<RunResult>;

/** argv that pings `address` once from `from`, waiting at most `waitSeconds`. A name is
 * looked up as a program in that namespace does: in a container (whose path is
 * /proc/PID/ns/net), with its mount namespace too, for its own /etc/resolv.conf and hosts. */
export function pingArgv(from: Netns, address: string, waitSeconds = 1): string[] {
  return [...enterFor(from, address), 'ping', '-n', '-q', '-c', '1', '-W', String(waitSeconds), address];
}

/** The nsenter that puts a ping of `address` where `from` is (see pingArgv). */
function enterFor(from: Netns, address: string): string[] {
  const pid = /^\/proc\/(\d+)\/ns\/net$/.exec(from.path)?.[1];
  const mount = pid && !isIpAddress(address) ? [`--mount=/proc/${pid}/ns/mnt`] : [];
  return ['nsenter', `--net=${from.path}`, ...mount];
}

/** ping's words for a name that has no address: nothing can answer, the check fails. */
const NO_SUCH_NAME = /Name or service not known|Temporary failure in name resolution|No address associated|bad address/i;

/** A reachable address answers within `waitSeconds`; exit 1 is "no reply"; anything
 * else (nsenter cannot enter, ping missing) is an error with ping's words. */
export function pingProber(opts: { run?: Runner; waitSeconds?: number; snapshot?: () => Promise<KernelState> } = {}): Prober {
  const run = opts.run ?? realRun;
  // (A ping that fails right after a step mends a path is tried once more, a second later:
  // see SETTLE_PING in session.ts.)
  const wait = opts.waitSeconds ?? 1;
  return {
    async ping(from, address) {
      const r = await run(pingArgv(from, address, wait), { timeoutMs: (wait + 4) * 1000 });
      if (r.exitCode === 0) return true;
      // Exit 1 is ping's "no reply", unless nsenter itself failed (it also exits 1).
      if (r.exitCode === 1 && !r.signal && !/^nsenter:/m.test(r.stderr)) return false;
      // ping exits 2 for "Network is unreachable" and similar: not reachable, not broken.
      if (r.exitCode === 2 && (/unreachable|no route|invalid argument/i.test(r.stderr) || NO_SUCH_NAME.test(r.stderr))) return false;
      throw new Error((r.stderr || r.stdout).trim().split('\n').pop() || `exit ${r.signal ?? r.exitCode}`);
    },
    // A `via` check: the same one ping, with the packet walk watching.
    ...(opts.snapshot ? { walk: (from, address) => walkPing(from, address, wait, run, opts.snapshot!) } : {}),
  };
}

async function walkPing(from: Netns, address: string, wait: number, run: Runner, snapshot: () => Promise<KernelState>): Promise<WalkedPing> {
  const { walkCommand } = await import('../walk/capture.js');
  const r = await walkCommand(`ping -n -q -c 1 -W ${wait} ${address}`, {
    runLine: async (line) => { await run([...enterFor(from, address), 'bash', '-c', line], { timeoutMs: (wait + 6) * 1000 }); },
    snapshot,
    seconds: wait + 2,
  });
  if (!r.walk) throw new Error(r.problem ?? 'the packet walk saw nothing');
  return {
    reachable: r.walk.ok,
    path: r.walk.request.hops.map((h) => `${h.where}:${h.ifname}`),
    ...(r.walk.lost ? { lost: `at ${r.walk.lost.where}, ${r.walk.lost.cause}` } : {}),
  };
}
