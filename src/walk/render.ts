// The walk as the learner reads it: each hop one line (when, where, which way, the
// addresses as seen there), what happened on the way there indented under it, and the
// verdict. Pure.
import { currentLang, type Lang } from '../i18n/lang.js';
import { walkText, type WalkText } from '../i18n/walk-text.js';
import { findLink } from '../kernel/query.js';
import type { KernelState } from '../kernel/types.js';
import { displayWidth } from '../view/display-width.js';
import { linkKey } from '../view/topo-model.js';
import { withPort, type Hop, type Leg, type Walk } from './analyse.js';

/** Filled with spaces to `width` terminal columns (a Chinese character takes two). */
const padTo = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** Which way it passed, one column as wide as the widest word for it. */
function way(t: WalkText, passing: Hop['passing']): string {
  return padTo(passing === 'out' ? t.wayOut : t.wayIn, Math.max(displayWidth(t.wayIn), displayWidth(t.wayOut)));
}

function legLines(title: string, leg: Leg, style: Style, first: number, t: WalkText): string[] {
  if (!leg.hops.length) return [];
  const where = Math.max(...leg.hops.map((h) => displayWidth(`${h.where}:${h.ifname}`)));
  const lines = [style.bold(title)];
  leg.hops.forEach((h, i) => {
    for (const n of h.notes) lines.push(`             ${style.dim('↳')} ${n}`);
    const time = `${h.us.toFixed(1).padStart(8)} µs`;
    const num = String(first + i).padStart(2);
    lines.push(`${num}${style.dim(time)}  ${padTo(`${h.where}:${h.ifname}`, where)}  ${way(t, h.passing)}  ${withPort(h.src, h.sport)} → ${withPort(h.dst, h.dport)}  ttl ${h.ttl}`);
  });
  const last = leg.hops[leg.hops.length - 1];
  if (leg.delivered) lines.push(`             ${style.dim('↳')} ${t.delivered(last.dst, last.where)}`);
  return lines;
}

export interface Style { bold(s: string): string; dim(s: string): string; good(s: string): string; bad(s: string): string }
export const plainStyle: Style = { bold: (s) => s, dim: (s) => s, good: (s) => s, bad: (s) => s };

/** The walk's lines in words of `lang` (the notes and causes are in the words it was analysed in). */
export function renderWalk(walk: Walk, style: Style = plainStyle, lang: Lang = currentLang()): string {
  const t = walkText(lang);
  // A full-width colon carries its own space.
  const lines = [`${style.bold(t.title)}${/：$/.test(t.title) ? '' : ' '}${walk.probe}`, ...legLines(t.request, walk.request, style, 1, t)];
  if (walk.reply) lines.push(...legLines(t.reply, walk.reply, style, walk.request.hops.length + 1, t));
  if (walk.ok) lines.push(style.good(t.thereAndBack(walk.request.hops.length, walk.reply?.hops.length ?? 0)));
  else if (walk.lost) lines.push(style.bad(t.lostAt(walk.lost.where, walk.lost.cause)));
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
