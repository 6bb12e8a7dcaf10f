// Finding things in a KernelState by the names a learner uses: `host`, `outside`, a netns
// name, a container name. Shared by checks and questions.
import type { KernelState, Link, Netns } from '../kernel/types.js';
import { linksIn, nsByName } from '../kernel/query.js';

export { linksIn };

/** The namespace a learner means by `name`, through Netns.names and then containers. */
export const resolveNs = nsByName;

/** The name a learner knows a namespace by (its first name, else its id). */
export function nsLabel(state: KernelState, nsId: string): string {
  const ns = state.namespaces.find((n) => n.id === nsId);
  return ns?.names[0] ?? nsId.replace(/^container:/, '');
}

export function listOrNone(items: string[], none: string, max = 8): string {
  if (items.length === 0) return none;
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (${items.length} in all)` : shown;
}

export function noNamespaceFound(state: KernelState, name: string): string {
  const names = state.namespaces.map((n) => n.names[0] ?? n.id);
  return `there is no namespace ${name} (namespaces: ${listOrNone(names, 'none')})`;
}

export type LinkLookup = { ok: true; link: Link; ns: Netns } | { ok: false; found: string };

/** A link by name in a namespace; when missing, `found` says where it is instead, or what is there. */
export function lookupLink(state: KernelState, name: string, nsName: string): LinkLookup {
  const ns = resolveNs(state, nsName);
  if (!ns) return { ok: false, found: noNamespaceFound(state, nsName) };
  const link = state.links.find((l) => l.ns === ns.id && l.name === name);
  if (link) return { ok: true, link, ns };
  const elsewhere = state.links.filter((l) => l.name === name).map((l) => nsLabel(state, l.ns));
  if (elsewhere.length > 0) return { ok: false, found: `${name} is in ${joinAnd(elsewhere)}, not in ${nsName}` };
  const there = linksIn(state, ns.id).map((l) => l.name);
  return { ok: false, found: `no link ${name} in ${nsName} (links there: ${listOrNone(there, 'none')})` };
}

export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a veth", "an …", "a device": a link kind as a noun. */
export function kindNoun(kind: string): string {
  if (kind === 'device') return 'a plain device';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
