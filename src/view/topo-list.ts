// The compact form of the topology, for labs too big to draw: the host's lines, each veth
// pair on the line of its host end, then the other namespaces' remaining lines.
import type { TopoLine, TopoModel } from './topo-model.js';
import { part, plain, render, width, type Glyphs, type Line } from './topo-text.js';

const INDENT = '  ';

function isRouteOnly(l: TopoLine): boolean {
  return l.kind === 'route' && plain(l.parts).startsWith('default');
}

export function drawList(model: TopoModel, opts: { glyphs: Glyphs; color: boolean; why?: string }): string {
  const wireByHost = new Map(model.wires.map((w) => [w.hostLink, w]));
  const lineByLink = new Map(model.boxes.flatMap((b) => b.lines.filter((l) => l.link).map((l) => [l.link!, { line: l, box: b }] as const)));
  const wiredOthers = new Set(model.wires.map((w) => w.otherLink));
  const wiredBoxes = new Set(model.wires.map((w) => w.otherNs));
  const hostLines = model.host.lines.filter((l) => l.kind !== 'gap');
  const wiredHost = hostLines.filter((l) => l.link && wireByHost.has(l.link));
  const column = Math.max(0, ...wiredHost.map((l) => width(l.parts)));
  const column2 = Math.max(0, ...model.wires.map((w) => width(lineByLink.get(w.otherLink)?.line.parts ?? [])));

  const out: Line[] = opts.why ? [[part(`(${opts.why})`, 'dim')]] : [];
  out.push(model.host.title);
  for (const l of hostLines) {
    const w = l.link ? wireByHost.get(l.link) : undefined;
    const other = w ? lineByLink.get(w.otherLink) : undefined;
    if (!w || !other) { out.push([part(INDENT), ...l.parts]); continue; }
    const h = (w.down ? opts.glyphs.hDown : opts.glyphs.h).repeat(4);
    out.push([
      part(INDENT), ...l.parts, part(' '.repeat(column - width(l.parts) + 1)), part(h, w.down ? 'down' : undefined), part(' '),
      ...other.line.parts, part(' '.repeat(column2 - width(other.line.parts) + 2)), ...other.box.title,
    ]);
  }
  for (const b of model.boxes) {
    const rest = b.lines.filter((l) => l.kind !== 'gap' && !(l.link && wiredOthers.has(l.link)) && !(wiredBoxes.has(b.ns) && isRouteOnly(l)));
    if (!rest.length) continue;
    out.push(b.title, ...rest.map((l): Line => [part(INDENT), ...l.parts]));
  }
  out.push(...model.notes);
  return out.map((l) => render(l, opts.color).trimEnd()).join('\n');
}
