// Docker's filter table for its bridges (as Docker 20–27 writes it): every bridge network
// gets four FORWARD rules (replies in, DOCKER for published ports, out, and between its own
// containers), and two isolation rules: whatever comes in by one Docker bridge and leaves
// by another is dropped (DOCKER-ISOLATION-STAGE-1 sends it to STAGE-2, which drops it when
// it leaves by a Docker bridge). So a container reaches a container of another network only
// through an interface of its own on that network (`docker network connect`).
//
// One difference from Docker, on purpose: Docker also sets the FORWARD policy to DROP when it
// turns forwarding on. The lab keeps ACCEPT, so that bridges and namespaces a learner builds
// by hand (the earlier lessons) still forward; the isolation is the DROP rules, not the policy.
import { run } from '../sandbox/exec.js';
import { DockerError } from './docker-error.js';
import { iptablesRemove, type Tracer } from './steps.js';

export { daemonFilterRules, FILTER_CHAINS, forwardRules, STAGE1, STAGE2, stage1Rule, stage2Rule, USER_CHAIN } from '../net/docker-filter.js';
import { FILTER_CHAINS, forwardRules, STAGE1, STAGE2, stage1Rule, stage2Rule, USER_CHAIN } from '../net/docker-filter.js';

/** One change to the filter table: the line iptables-restore reads and the command the
 * trace shows for it. */
interface FilterStep { restore: string; shown: string }

const rule = (spec: string): FilterStep => ({ restore: spec, shown: `iptables ${spec}` });

/** What adding a bridge takes, given `iptables -S` now: the chains that are missing (a
 * learner may have flushed them, or the lab has no Docker yet), the bridge's rules inserted
 * on top, and the two jumps put back at the head of FORWARD, as Docker puts them back each
 * time it adds a network. Pure. */
export function addBridgeSteps(bridge: string, current: string[]): FilterStep[] {
  const has = new Set(current.map((l) => l.trim()));
  const steps: FilterStep[] = [];
  for (const c of FILTER_CHAINS) {
    if (has.has(`-N ${c}`)) continue;
    steps.push({ restore: `:${c} - [0:0]`, shown: `iptables -N ${c}` });
    if (c !== 'DOCKER') steps.push(rule(`-A ${c} -j RETURN`));
  }
  for (const r of [...forwardRules(bridge)].reverse()) steps.push(rule(`-I FORWARD ${r}`));
  steps.push(rule(`-I ${STAGE1} ${stage1Rule(bridge)}`), rule(`-I ${STAGE2} ${stage2Rule(bridge)}`));
  for (const chain of [STAGE1, USER_CHAIN]) {
    if (has.has(`-A FORWARD -j ${chain}`)) steps.push(rule(`-D FORWARD -j ${chain}`));
    steps.push(rule(`-I FORWARD -j ${chain}`));
  }
  return steps;
}

/** The rules that removing a bridge deletes. */
export function bridgeRemoveRules(bridge: string): string[] {
  return [...forwardRules(bridge).map((r) => `-D FORWARD ${r}`), `-D ${STAGE1} ${stage1Rule(bridge)}`, `-D ${STAGE2} ${stage2Rule(bridge)}`];
}

/** Adds a bridge network's forwarding and isolation rules. */
export async function isolateBridge(bridge: string, tracer: Tracer): Promise<void> {
  const now = await run(['iptables', '-S']);
  if (now.exitCode !== 0) throw new DockerError(`Error response from daemon: cannot read the filter table (iptables -S exited ${now.exitCode}): ${now.stderr.trim()}`, 1);
  const steps = addBridgeSteps(bridge, now.stdout.split('\n'));
  for (const s of steps) tracer.command(s.shown);
  const r = await run(['iptables-restore', '--noflush'], { input: `*filter\n${steps.map((s) => s.restore).join('\n')}\nCOMMIT\n` });
  if (r.exitCode !== 0) throw new DockerError(`Error response from daemon: adding the isolation rules of ${bridge} failed: ${r.stderr.trim()}`, 1);
}

export async function unisolateBridge(bridge: string, tracer: Tracer): Promise<void> {
  await iptablesRemove(tracer, 'filter', bridgeRemoveRules(bridge));
}
