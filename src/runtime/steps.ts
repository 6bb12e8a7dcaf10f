// Every change the runtime makes to the kernel goes through here, so that the trace
// shows exactly what was done, written as commands a learner could type: `ip link add …`,
// `nsenter -t 2345 -n ip addr add …`, `iptables -t nat -A …`. Commands are batched for
// speed (one `ip -batch` per namespace) but traced one line per step.
import { run } from '../sandbox/exec.js';
import { splitRuleWords } from '../kernel/parse-iptables.js';
import { DockerError } from './docker-error.js';

export interface Tracer {
  enabled: boolean;
  /** A comment line: why the next commands run. */
  note(text: string): void;
  /** A command line, as the learner would type it. */
  command(text: string): void;
}

export function stderrTracer(enabled: boolean): Tracer {
  return {
    enabled,
    note: (t) => { if (enabled) process.stderr.write(process.stderr.isTTY && !process.env.NO_COLOR ? `\x1b[2m# ${t}\x1b[0m\n` : `# ${t}\n`); },
    command: (t) => { if (enabled) process.stderr.write(`+ ${t}\n`); },
  };
}

export const silentTracer: Tracer = { enabled: false, note: () => {}, command: () => {} };

export function traceWanted(): boolean {
  return process.env.NSLAB_TRACE === '1' || process.env.NSLAB_TRACE === 'on';
}

/** Tests inject a failure at a named step (NSLAB_RUNTIME_FAIL_AT=veth) to prove rollback. */
export function failpoint(step: string): void {
  if (process.env.NSLAB_RUNTIME_FAIL_AT === step) {
    throw new DockerError(`docker: Error response from daemon: injected failure at step "${step}" (NSLAB_RUNTIME_FAIL_AT)`, 125);
  }
}

function failure(what: string, argv: string[], r: { exitCode: number; stdout: string; stderr: string }): DockerError {
  const detail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join('\n');
  return new DockerError(`docker: Error response from daemon: ${what} failed: \`${argv.join(' ')}\` exited ${r.exitCode}${detail ? `: ${detail}` : ''}`, 125);
}

/** Where a command runs: this process's namespace (undefined), that of process `pid`
 * (a container), or that of a namespace file (another Docker host: `/run/nslab/ns/host2`). */
export type Where = number | string | undefined;

function enterArgv(where: Where): string[] {
  if (where === undefined) return [];
  return ['nsenter', typeof where === 'number' ? `--net=/proc/${where}/ns/net` : `--net=${where}`];
}

function tracedAs(tool: string, where: Where): string {
  if (where === undefined) return tool;
  return typeof where === 'number' ? `nsenter -t ${where} -n ${tool}` : `nsenter --net=${where} ${tool}`;
}

async function toolBatch(tool: 'ip' | 'bridge', tracer: Tracer, what: string, lines: string[], where: Where): Promise<void> {
  if (lines.length === 0) return;
  for (const l of lines) tracer.command(`${tracedAs(tool, where)} ${l}`);
  const argv = [...enterArgv(where), tool, '-batch', '-'];
  const r = await run(argv, { input: lines.join('\n') + '\n' });
  if (r.exitCode !== 0) throw failure(what, argv, r);
}

/** `ip -batch -` in the lab host's namespace, or where `pid` says (see Where). */
export async function ipBatch(tracer: Tracer, what: string, lines: string[], pid?: Where): Promise<void> {
  await toolBatch('ip', tracer, what, lines, pid);
}

/** `bridge -batch -` (fdb entries), where `where` says. */
export async function bridgeBatch(tracer: Tracer, what: string, lines: string[], where?: Where): Promise<void> {
  await toolBatch('bridge', tracer, what, lines, where);
}

/** iptables rules (`-A CHAIN …` or `-D CHAIN …`) of one table, applied in one
 * iptables-restore --noflush, traced as the equivalent iptables commands. */
export async function iptables(tracer: Tracer, what: string, table: string, rules: string[]): Promise<void> {
  if (rules.length === 0) return;
  for (const r of rules) tracer.command(`iptables -t ${table} ${r}`);
  const argv = ['iptables-restore', '--noflush'];
  const r = await run(argv, { input: `*${table}\n${rules.join('\n')}\nCOMMIT\n` });
  if (r.exitCode !== 0) throw failure(what, argv, r);
}

/** Removing rules for teardown: one batch, or rule by rule when some are already gone. */
export async function iptablesRemove(tracer: Tracer, table: string, rules: string[]): Promise<void> {
  if (rules.length === 0) return;
  for (const r of rules) tracer.command(`iptables -t ${table} ${r}`);
  const r = await run(['iptables-restore', '--noflush'], { input: `*${table}\n${rules.join('\n')}\nCOMMIT\n` });
  if (r.exitCode === 0) return;
  for (const rule of rules) await run(['iptables', '-t', table, ...splitRuleWords(rule)]);
}

/** Best-effort deletion for teardown and rollback: "not found" counts as done. In the lab
 * host's namespace, or where `pid` says (see Where); `bridge` for fdb entries. */
export async function ipQuiet(tracer: Tracer, line: string, pid?: Where, tool: 'ip' | 'bridge' = 'ip'): Promise<void> {
  tracer.command(`${tracedAs(tool, pid)} ${line}`);
  await run([...enterArgv(pid), tool, ...line.split(' ')]);
}
