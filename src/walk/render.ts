// The walk as the learner reads it: each hop one line (when, where, which way, the
// addresses as seen there), what happened on the way there indented under it, and the
// verdict. Pure.
import { findLink } from '../kernel/query.js';
import type { KernelState } from '../kernel/types.js';
import { linkKey } from '../view/topo-model.js';
import type { Hop, Leg, Walk } from './analyse.js';

const port = (a: string, p?: number) => (p === undefined ? a : `${a}:${p}`);
const WAY: Record<Hop['passing'], string> = { in: 'in ', out: 'out', broadcast: 'in ', multicast: 'in ', 'other-host': 'in ' };

function legLines(title: string, leg: Leg, style: Style, first: number): string[] {
  if (!leg.hops.length) return [];
  const where = Math.max(...leg.hops.map((h) => `${h.where}:${h.ifname}`.length));
  const lines = [style.bold(title)];
  leg.hops.forEach((h, i) => {
    for (const n of h.notes) lines.push(`             ${style.dim('↳')} ${n}`);
    const time = `${h.us.toFixed(1).padStart(8)} µs`;
    const num = String(first + i).padStart(2);
    lines.push(`${num}${style.dim(time)}  ${`${h.where}:${h.ifname}`.padEnd(where)}  ${WAY[h.passing]}  ${port(h.src, h.sport)} → ${port(h.dst, h.dport)}  ttl ${h.ttl}`);
  });
  const last = leg.hops[leg.hops.length - 1];
  if (leg.delivered) lines.push(`             ${style.dim('↳')} delivered: ${last.dst} is ${last.where}'s own address`);
  return lines;
}

export interface Style { bold(s: string): string; dim(s: string): string; good(s: string): string; bad(s: string): string }
export const plainStyle: Style = { bold: (s) => s, dim: (s) => s, good: (s) => s, bad: (s) => s };

export function renderWalk(walk: Walk, style: Style = plainStyle): string {
  const lines = [`${style.bold('packet walk:')} ${walk.probe}`, ...legLines('request', walk.request, style, 1)];
  if (walk.reply) lines.push(...legLines('reply', walk.reply, style, walk.request.hops.length + 1));
  if (walk.ok) lines.push(style.good(`✓ there and back: ${walk.request.hops.length} sightings out, ${walk.reply?.hops.length ?? 0} back`));
  else if (walk.lost) lines.push(style.bad(`✗ lost at ${walk.lost.where}: ${walk.lost.cause}`));
  return lines.join('\n') + '\n';
}

/** The walk as JSON data (bigints are not in it: times are microseconds). */
export function walkJson(walk: Walk | undefined, problem?: string): string {
  return JSON.stringify({ ...(walk ? { walk } : {}), ...(problem ? { problem } : {}) }, null, 2) + '\n';
}

/** The hop numbers of the walk at each link it passed (linkKey → "①③"-like labels, here
 * `#1,#9`), for the topology drawing. The last sighting of a lost packet is marked ✗. */
export function walkMarks(walk: Walk, state: KernelState): Map<string, string> {
  const numbers = new Map<string, number[]>();
  const hops = [...walk.request.hops, ...(walk.reply?.hops ?? [])];
  hops.forEach((h, i) => {
    const link = findLink(state, h.ns, h.ifname);
    if (!link) return;
    const k = linkKey(link);
    numbers.set(k, [...(numbers.get(k) ?? []), i + 1]);
  });
  const marks = new Map([...numbers].map(([k, ns]) => [k, `◀ ${ns.join(',')}`]));
  const lastLeg = walk.lost ? (walk.reply?.hops.length ? walk.reply : walk.request) : undefined;
  const last = lastLeg?.hops[lastLeg.hops.length - 1];
  const lostLink = last && findLink(state, last.ns, last.ifname);
  if (lostLink) marks.set(linkKey(lostLink), `${marks.get(linkKey(lostLink)) ?? ''} ✗`.trim());
  return marks;
}
