// Where a learner's line runs: the lab host, the outside world, a named namespace or a
// container. Each place is entered by prefixing bash with nsenter; names are resolved
// against the live kernel snapshot, so a namespace the learner just made can be entered.
import type { KernelState, Netns } from '../kernel/types.js';
import { HOST2_UTS_PATH } from '../sandbox/lab.js';
import { shellText, type ShellText } from '../i18n/shell-text.js';

export interface Place {
  /** What the prompt shows: 'host', 'outside', 'net1', 'c1'. */
  label: string;
  /** Netns.id in snapshots: where explanations and checks look. */
  nsId: string;
  /** Prefix that runs a program there (empty for the host). */
  wrap: string[];
}

export const HOST_PLACE: Place = { label: 'host', nsId: 'host', wrap: [] };

function pidOf(ns: Netns): number | undefined {
  const m = ns.path.match(/^\/proc\/(\d+)\/ns\/net$/);
  return m ? Number(m[1]) : undefined;
}

/** The place called `name`, or an error message listing the places there are. */
/** The place `name` means, or why there is none (in the words of `t`). */
export function resolvePlace(name: string, state: KernelState, t: ShellText = shellText()): Place | string {
  if (name === 'host') return HOST_PLACE;
  const ns = state.namespaces.find((n) => n.names.includes(name) || n.id === name);
  if (!ns) {
    const known = state.namespaces.flatMap((n) => (n.kind === 'container' ? [n.names[0]] : n.names)).filter(Boolean);
    return t.noSuchPlace(name, [...new Set(known)]);
  }
  if (ns.id === 'host') return HOST_PLACE;
  // Another Docker host: its hostname too, so that the prompt's shell and `hostname` say host2.
  if (ns.kind === 'docker-host') return { label: ns.names[0], nsId: ns.id, wrap: ['nsenter', `--net=${ns.path}`, `--uts=${HOST2_UTS_PATH}`, '--'] };
  const container = state.containers.find((c) => c.ns === ns.id && (c.name === name || c.id.startsWith(name)));
  const pid = container?.pid ?? pidOf(ns);
  // A container also has its own hostname and /etc files: enter its uts and mount
  // namespaces too, as `docker exec` does.
  const own = container && pid ? [`--uts=/proc/${pid}/ns/uts`, `--mount=/proc/${pid}/ns/mnt`] : [];
  return { label: container?.name ?? name, nsId: ns.id, wrap: ['nsenter', `--net=${ns.path}`, ...own, '--'] };
}

/** Names worth completing: places, links, bridges, containers. */
export function liveNames(state: KernelState | undefined): string[] {
  if (!state) return [];
  const names = new Set<string>();
  for (const ns of state.namespaces) for (const n of ns.names) names.add(n);
  for (const l of state.links) names.add(l.name);
  for (const c of state.containers) names.add(c.name);
  return [...names].filter((n) => n && !/^[0-9a-f]{64}$/.test(n));
}
