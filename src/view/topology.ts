// The live lab as text: each namespace with its links, bridges with their ports, and
// where each veth's other end is. Built from a kernel snapshot, so it shows what the
// learner made by hand as well as what Docker made.
import pc from 'picocolors';
import type { KernelState, Link } from '../kernel/types.js';

function linkLine(l: Link, state: KernelState): string {
  const addrs = l.addresses.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`);
  const parts = [l.name, `(${l.kind}${l.up ? '' : ', DOWN'})`];
  if (addrs.length) parts.push(addrs.join(' '));
  if (l.master) parts.push(`port of ${l.master}`);
  if (l.peer) {
    const where = state.namespaces.find((n) => n.id === l.peer!.ns);
    parts.push(`⇄ ${l.peer.name} in ${where?.names[0] ?? l.peer.ns}`);
  }
  return parts.join(' ');
}

export function drawTopology(state: KernelState, opts: { color: boolean }): string {
  const bold = opts.color ? pc.bold : (s: string) => s;
  const out: string[] = [];
  for (const ns of state.namespaces) {
    const links = state.links.filter((l) => l.ns === ns.id && l.kind !== 'loopback');
    const label = ns.kind === 'container' ? `container ${ns.names[0]}` : ns.kind === 'named' ? `netns ${ns.names.join(' = ')}` : ns.id;
    out.push(bold(`┌ ${label}`));
    if (!links.length) out.push('│ (only lo)');
    for (const l of links) out.push(`│ ${linkLine(l, state)}`);
    const def = state.routes.find((r) => r.ns === ns.id && r.dst === 'default' && r.table === 'main');
    if (def) out.push(`│ default route via ${def.gateway ?? '-'} dev ${def.dev ?? '-'}`);
    out.push('└');
  }
  return out.join('\n');
}
