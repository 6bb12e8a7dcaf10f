// Finding things in a KernelState by the names a learner uses: `host`, `outside`, a netns
// name, a container name. Shared by checks and questions.
import type { KernelState, Link, Netns } from '../kernel/types.js';
import { linksIn, nsByName } from '../kernel/query.js';
import { checkText, type CheckText } from '../i18n/check-text.js';

export { linksIn };

/** The namespace a learner means by `name`, through Netns.names and then containers. */
export const resolveNs = nsByName;

/** The name a learner knows a namespace by (its first name, else its id). */
export function nsLabel(state: KernelState, nsId: string): string {
  const ns = state.namespaces.find((n) => n.id === nsId);
  return ns?.names[0] ?? nsId.replace(/^container:/, '');
}

export function listOrNone(items: string[], none: string, max = 8, t: CheckText = checkText()): string {
  if (items.length === 0) return none;
  const shown = items.slice(0, max).join(t.listSep);
  return items.length > max ? t.listMore(shown, items.length) : shown;
}

export function noNamespaceFound(state: KernelState, name: string, t: CheckText = checkText()): string {
  const names = state.namespaces.map((n) => n.names[0] ?? n.id);
  return t.noNamespace(name, listOrNone(names, t.none, 8, t));
}

export type LinkLookup = { ok: true; link: Link; ns: Netns } | { ok: false; found: string };

/** A link by name in a namespace; when missing, `found` says where it is instead, or what is there. */
export function lookupLink(state: KernelState, name: string, nsName: string, t: CheckText = checkText()): LinkLookup {
  const ns = resolveNs(state, nsName);
  if (!ns) return { ok: false, found: noNamespaceFound(state, nsName, t) };
  const link = state.links.find((l) => l.ns === ns.id && l.name === name);
  if (link) return { ok: true, link, ns };
  const elsewhere = state.links.filter((l) => l.name === name).map((l) => nsLabel(state, l.ns));
  if (elsewhere.length > 0) return { ok: false, found: t.linkElsewhere(name, joinAnd(elsewhere, t), nsName) };
  const there = linksIn(state, ns.id).map((l) => l.name);
  return { ok: false, found: t.noLink(name, nsName, listOrNone(there, t.none, 8, t)) };
}

export function joinAnd(items: string[], t: CheckText = checkText()): string {
  return t.joinAnd(items);
}
