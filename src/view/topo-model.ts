// What the topology drawing shows, decided apart from how it is laid out: the lab host's
// lines (its links, routes, NAT, bridges with their ports), one box per other namespace,
// and the wires (veth pairs) between a host link and a link in a box. Everything comes
// from the kernel snapshot, so what a learner built by hand shows like what Docker built.
import { drawingText, type DrawingText } from '../i18n/drawing-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { linksIn, lowerLinkOf, natRulesIn, routesIn, sysctl } from '../kernel/query.js';
import type { ContainerInfo, KernelState, Link, NatRule, Netns, NetnsKind } from '../kernel/types.js';
import { part, type Glyphs, type Line } from './topo-text.js';

export type LineKind = 'link' | 'route' | 'info' | 'gap';

export interface TopoLine {
  parts: Line;
  kind: LineKind;
  /** The link this line shows (linkKey), where a wire may end. */
  link?: string;
  /** What a padding row inserted just before this line shows, so a bridge's port tree
   * stays unbroken when the layout has to push a port down. */
  lead?: Line;
}

export interface TopoBox {
  ns: string;
  kind: NetnsKind;
  title: Line;
  /** How notes elsewhere name this namespace: 'bbox1', 'net1', 'outside world'. */
  shortName: string;
  lines: TopoLine[];
}

export interface TopoWire {
  hostLink: string;
  otherLink: string;
  otherNs: string;
  /** Either end administratively down or without carrier: drawn broken. */
  down: boolean;
  /** What each end's line says instead when the wire cannot be drawn straight across. */
  hostNote: Line;
  otherNote: Line;
}

export interface TopoModel {
  host: TopoBox;
  boxes: TopoBox[];
  wires: TopoWire[];
  /** Lines under the drawing: stopped containers and the like. */
  notes: Line[];
}

export const linkKey = (l: Pick<Link, 'ns' | 'ifindex'>): string => `${l.ns}#${l.ifindex}`;

const HOST_FALLBACK: Netns = { id: 'host', kind: 'host', names: ['host'], path: '/proc/1/ns/net', inode: 0 };

function ipv4(l: Link): string[] {
  return l.addresses
    .filter((a) => a.family === 'inet' && !(l.kind === 'loopback' && a.local.startsWith('127.')))
    .map((a) => `${a.local}/${a.prefixlen}`);
}

const isDown = (l: Link): boolean => !l.up || (!l.lowerUp && l.kind !== 'loopback');

/** lo matters only when it is down (even ping 127.0.0.1 fails) or carries an address of
 * its own (the outside world's public host). */
function loopbackNotable(l: Link): boolean {
  return !l.up || ipv4(l).length > 0;
}

class ModelBuilder {
  private readonly nsById: Map<string, Netns>;
  private readonly hostNs: Netns;
  private readonly linkByKey: Map<string, Link>;
  /** Host link key → index of its line in the host box, for ordering wires. */
  private readonly hostOrder = new Map<string, number>();

  constructor(private readonly state: KernelState, private readonly g: Glyphs, private readonly t: DrawingText) {
    this.nsById = new Map(state.namespaces.map((n) => [n.id, n]));
    this.hostNs = state.namespaces.find((n) => n.kind === 'host') ?? HOST_FALLBACK;
    this.linkByKey = new Map(state.links.map((l) => [linkKey(l), l]));
  }

  build(): TopoModel {
    const host = this.box(this.hostNs);
    host.lines.forEach((line, i) => { if (line.link) this.hostOrder.set(line.link, i); });
    const others = this.state.namespaces.filter((n) => n.id !== this.hostNs.id).map((n) => this.box(n));
    return { host, boxes: others, wires: this.wires(others), notes: this.notes() };
  }

  private isHost(nsId: string): boolean {
    return nsId === this.hostNs.id;
  }

  private peerLink(l: Link): Link | undefined {
    return l.peer ? this.linkByKey.get(linkKey(l.peer)) : undefined;
  }

  /** A veth pair crossing between the host and another namespace we draw: a wire. */
  private isWire(l: Link): boolean {
    const p = this.peerLink(l);
    return !!p && p.ns !== l.ns && (this.isHost(l.ns) || this.isHost(p.ns)) && this.nsById.has(p.ns);
  }

  private shortName(nsId: string): string {
    const ns = this.nsById.get(nsId);
    if (!ns) return nsId;
    if (ns.kind === 'host') return this.t.labHost;
    if (ns.kind === 'outside') return this.t.outsideWorld;
    return ns.names[0] ?? ns.id;
  }

  private containersIn(nsId: string): ContainerInfo[] {
    return this.state.containers.filter((c) => c.ns === nsId && c.running);
  }

  /** Names that are neither the id nor a container's name or id: `ip netns` names (a
   * symlink such as /var/run/netns/PID to /proc/PID/ns/net). */
  private netnsNames(ns: Netns): string[] {
    const all = this.state.containers;
    return ns.names.filter((n) => n !== ns.id && !all.some((c) => c.name === n || c.id.startsWith(n)));
  }

  private title(ns: Netns): Line {
    if (ns.kind === 'host') {
      const also = this.netnsNames(ns).filter((n) => n !== 'host1');
      return [part(ns.names.includes('host1') ? this.t.host1LabHost : this.t.labHost, 'title'), ...(also.length ? [part(` = netns ${also.join(' = ')}`, 'dim')] : [])];
    }
    if (ns.kind === 'outside') return [part(this.t.outsideWorld, 'title')];
    if (ns.kind === 'docker-host') return [part(ns.names[0], 'title'), part(this.t.dockerHost, 'dim')];
    if (ns.kind === 'named') return [part(`netns ${ns.names.join(' = ')}`, 'title')];
    const here = this.containersIn(ns.id);
    const ownerName = ns.id.startsWith('container:') ? ns.id.slice('container:'.length) : ns.names[0];
    const owner = here.find((c) => c.name === ownerName);
    const out: Line = [part(this.t.container(ownerName), 'title')];
    if (owner && owner.networkMode !== 'bridge') out.push(part(` --net=${owner.networkMode}`, 'dim'));
    const sharers = here.filter((c) => c !== owner).map((c) => c.name);
    if (sharers.length) out.push(part(`, ${sharers.join(', ')}`, 'title'), part(` (--net=container:${ownerName})`, 'dim'));
    const netnsNames = this.netnsNames(ns);
    if (netnsNames.length) out.push(part(` = netns ${netnsNames.join(' = ')}`, 'dim'));
    return out;
  }

  /** A link as one line of text: name, kind, addresses, state, and its other end when no
   * wire will show it. */
  private linkParts(l: Link): Line {
    const out: Line = [part(l.name)];
    if (!['veth', 'device', 'loopback'].includes(l.kind)) out.push(part(` ${l.kind}`, 'dim'));
    for (const a of ipv4(l)) out.push(part(' '), part(a, 'addr'));
    const ns = this.nsById.get(l.ns);
    if (ns?.kind === 'outside' && ipv4(l).length) out.push(part(l.kind === 'loopback' ? this.t.publicHost : this.t.router, 'dim'));
    if (!l.up) out.push(part(' DOWN', 'down'));
    else if (!l.lowerUp && l.kind !== 'loopback') out.push(part(this.t.noCarrier, l.kind === 'bridge' ? 'dim' : 'warn'));
    if (l.master && !linksIn(this.state, l.ns).some((b) => b.name === l.master && b.kind === 'bridge')) {
      out.push(part(this.t.portOf(l.master), 'dim'));
    }
    if (l.kind === 'veth' && !this.isWire(l)) out.push(...this.peerNote(l));
    if (l.kind === 'macvlan') out.push(...this.parentNote(l));
    return out;
  }

  /** A macvlan's parent: the interface whose wire its frames share. */
  private parentNote(l: Link): Line {
    const parent = lowerLinkOf(this.state, l);
    if (!parent) return [];
    const where = parent.ns === l.ns || this.nsById.get(parent.ns)?.kind === 'host' ? '' : `${this.shortName(parent.ns)} `;
    return [part(this.t.on(`${where}${parent.name}`), 'dim')];
  }

  private peerNote(l: Link): Line {
    const p = l.peer;
    if (p && p.ns === l.ns) return [part(` ${this.g.pair} ${p.name}`), part(this.t.bothEndsHere, 'dim')];
    if (p) return [part(this.t.pairIn(this.g.pair, p.name, this.shortName(p.ns)))];
    if (l.peerIfindex !== undefined) return [part(` ${this.g.pair} ?`, 'warn'), part(this.t.stray, 'warn')];
    return [];
  }

  private box(ns: Netns): TopoBox {
    const host = ns.kind === 'host';
    const links = [...linksIn(this.state, ns.id)].sort((a, b) => a.ifindex - b.ifindex);
    const bridges = links.filter((l) => l.kind === 'bridge');
    const bridgeNames = new Set(bridges.map((b) => b.name));
    let loose = links.filter((l) => l.kind !== 'bridge' && !(l.master && bridgeNames.has(l.master)));
    const onlyLo = loose.every((l) => l.kind === 'loopback') && bridges.length === 0;
    loose = loose.filter((l) => l.kind !== 'loopback' || loopbackNotable(l));
    // Wired links first, in the order of their host ends, so wires run straight across.
    if (!host) {
      const rank = (l: Link) => {
        const p = this.peerLink(l);
        return p && this.isWire(l) ? this.hostOrder.get(linkKey(p)) ?? Infinity : Infinity;
      };
      loose = loose.map((l, i) => ({ l, i })).sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i).map((x) => x.l);
    }

    const lines: TopoLine[] = loose.map((l) => ({ parts: this.linkParts(l), kind: 'link', link: linkKey(l) }));
    if (onlyLo && !loose.length) lines.push({ parts: [part(this.t.onlyLo, 'dim')], kind: 'info' });
    const nonLo = links.filter((l) => l.kind !== 'loopback').length;
    lines.push(...this.routeLines(ns, nonLo > 0, nonLo > 1));
    lines.push(...this.natLines(ns));
    if (host) {
      const shared = this.containersIn(ns.id).map((c) => c.name);
      if (shared.length) lines.push({ parts: [part(this.t.sharedWith(shared.join(', ')), 'dim')], kind: 'info' });
    }
    for (const br of bridges) {
      if (lines.length) lines.push({ parts: [], kind: 'gap' });
      lines.push(...this.bridgeLines(br, links));
    }
    return { ns: ns.id, kind: ns.kind, title: this.title(ns), shortName: this.shortName(ns.id), lines };
  }

  private bridgeLines(br: Link, links: Link[]): TopoLine[] {
    const ports = links.filter((l) => l.master === br.name && l.kind !== 'bridge');
    const head: TopoLine = { parts: this.linkParts(br), kind: 'link', link: linkKey(br) };
    if (!ports.length) head.parts.push(part(this.t.noPorts, 'dim'));
    const portLines = ports.map((p, i): TopoLine => ({
      parts: [part(i === ports.length - 1 ? this.g.corner : this.g.tee), part(' '), ...this.linkParts(p)],
      kind: 'link',
      link: linkKey(p),
      lead: [part(this.g.v)],
    }));
    return [head, ...portLines];
  }

  /** The default route; its device only where there is more than one to choose from. */
  private routeLines(ns: Netns, hasLinks: boolean, sayDev: boolean): TopoLine[] {
    const defaults = routesIn(this.state, ns.id).filter((r) => r.dst === 'default' && r.family !== 'inet6');
    if (!defaults.length) {
      return hasLinks && ns.kind !== 'outside' ? [{ parts: [part(this.t.noDefaultRoute, 'dim')], kind: 'route' }] : [];
    }
    return defaults.map((r) => {
      const text = ['default', r.gateway ? `via ${r.gateway}` : '', r.dev && (sayDev || !r.gateway) ? `dev ${r.dev}` : ''].filter(Boolean).join(' ');
      const flags = r.flags?.includes('linkdown') ? [part(' linkdown', 'warn')] : [];
      return { parts: [part(text), ...flags], kind: 'route' };
    });
  }

  private natLines(ns: Netns): TopoLine[] {
    const lines: TopoLine[] = [];
    const fwd = sysctl(this.state, ns.id, 'net.ipv4.ip_forward');
    if (fwd !== undefined && (ns.kind === 'host' || fwd === '1')) {
      lines.push({ parts: [part(`ip_forward=${fwd}`, fwd === '1' ? undefined : 'dim')], kind: 'info' });
    }
    for (const r of natRulesIn(this.state, ns.id)) {
      const text = natText(r, this.g);
      if (text) lines.push({ parts: [part(text)], kind: 'info' });
    }
    return lines;
  }

  private wires(boxes: TopoBox[]): TopoWire[] {
    const shown = new Set(boxes.flatMap((b) => b.lines.map((l) => l.link)).filter(Boolean));
    const wires: TopoWire[] = [];
    for (const l of linksIn(this.state, this.hostNs.id)) {
      const p = this.peerLink(l);
      if (!p || !this.isWire(l) || !this.hostOrder.has(linkKey(l)) || !shown.has(linkKey(p))) continue;
      wires.push({
        hostLink: linkKey(l),
        otherLink: linkKey(p),
        otherNs: p.ns,
        down: isDown(l) || isDown(p),
        hostNote: [part(this.t.pairIn(this.g.pair, p.name, this.shortName(p.ns)))],
        otherNote: [part(this.t.pairIn(this.g.pair, l.name, this.t.labHost))],
      });
    }
    return wires;
  }

  private notes(): Line[] {
    const stopped = this.state.containers.filter((c) => !c.running).map((c) => c.name);
    return stopped.length ? [[part(this.t.notRunning(stopped.join(', ')), 'dim')]] : [];
  }
}

/** One NAT rule in a few words; Docker's hairpin rule for a published port (source and
 * destination the container itself) is left out: it says nothing about the picture. */
function natText(r: NatRule, g: Glyphs): string | undefined {
  const proto = r.protocol ? `${r.protocol} ` : '';
  switch (r.target) {
    case 'MASQUERADE':
      if (r.source && r.source === r.destination) return undefined;
      return ['MASQUERADE', r.source ?? 'all', r.outIface ? `${r.outIface.startsWith('!') ? '! -o ' + r.outIface.slice(1) : '-o ' + r.outIface}` : ''].filter(Boolean).join(' ');
    case 'DNAT':
      return `DNAT ${proto}:${r.dport ?? '*'} ${g.arrow} ${r.toDestination ?? '?'}`;
    case 'SNAT':
      return `SNAT ${r.source ?? 'all'} ${g.arrow} ${r.toSource ?? '?'}`;
    default:
      return undefined;
  }
}

export function buildModel(state: KernelState, glyphs: Glyphs, lang: Lang = currentLang()): TopoModel {
  return new ModelBuilder(state, glyphs, drawingText(lang)).build();
}

/** Puts each label at the end of its link's line (the packet walk's hop numbers), before
 * a layout measures widths: the terminal's drawing and the page's SVG both show them. */
export function markLinks(model: TopoModel, marks: ReadonlyMap<string, string>): void {
  for (const box of [model.host, ...model.boxes]) {
    for (const line of box.lines) {
      const label = line.link && marks.get(line.link);
      if (label) line.parts.push(part(` ${label}`, 'warn'));
    }
  }
}
