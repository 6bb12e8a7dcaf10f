// The two-column drawing: the lab host's box on the left, a stack of boxes on the right
// (the outside world, containers, named namespaces), and each veth pair between them a
// horizontal wire from the host end's line to the other end's line:
//
//   │ ├─ vethd44b3c0 ─────────┼──────┤ eth0 172.17.0.2/16          │
//
// Wires never cross: boxes are stacked in the order of their host ends, and either column
// is padded with blank rows until both ends of the next wire sit on the same row. A wire
// that cannot be drawn straight (a namespace wired to the host twice, out of order) is
// written as text on both ends instead.
import type { TopoBox, TopoLine, TopoModel, TopoWire } from './topo-model.js';
import { part, render, width, type Glyphs, type Line } from './topo-text.js';

const GAP = 6;

export interface DiagramOptions {
  width: number;
  glyphs: Glyphs;
  color: boolean;
}

type Cell =
  | { kind: 'top'; title: Line }
  | { kind: 'line'; line: TopoLine }
  | { kind: 'bottom' };

interface Column {
  cells: Cell[];
  /** Inner width: the text area between "│ " and " │". */
  inner: number;
}

const spaces = (n: number): string => ' '.repeat(Math.max(0, n));

/** Puts the ordered boxes one under the other, stacked as cells. */
function stack(boxes: { title: Line; lines: TopoLine[] }[]): Cell[] {
  return boxes.flatMap((b): Cell[] => [{ kind: 'top', title: b.title }, ...b.lines.map((line): Cell => ({ kind: 'line', line })), { kind: 'bottom' }]);
}

function withNote(line: TopoLine, note: Line): TopoLine {
  return { ...line, parts: [...line.parts, ...note] };
}

interface Plan {
  boxes: TopoBox[];
  host: TopoBox;
  /** Wires drawn as wires, keyed by the host link. */
  straight: Map<string, TopoWire>;
}

/** Orders the boxes by their first wire and decides which wires can run straight. */
function plan(model: TopoModel): Plan {
  const hostIndex = new Map(model.host.lines.map((l, i) => [l.link, i]));
  const byOther = new Map(model.wires.map((w) => [w.otherLink, w]));
  const rank = (b: TopoBox) => Math.min(Infinity, ...b.lines.map((l) => (l.link && byOther.has(l.link) ? hostIndex.get(byOther.get(l.link)!.hostLink)! : Infinity)));
  const boxes = model.boxes.map((b, i) => ({ b, i })).sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i).map((x) => x.b);

  // Each box's first wire runs straight (boxes are sorted by it, so these never cross);
  // a further wire of the same box only when it stays above the next box's first wire.
  const wiresOf = (b: TopoBox) => b.lines.flatMap((l) => (l.link && byOther.has(l.link) ? [byOther.get(l.link)!] : []));
  const firstH = boxes.map((b) => { const w = wiresOf(b)[0]; return w ? hostIndex.get(w.hostLink)! : Infinity; });
  const straight = new Map<string, TopoWire>();
  const bent = new Set<TopoWire>();
  boxes.forEach((b, i) => {
    const ceiling = Math.min(Infinity, ...firstH.slice(i + 1));
    let last = -1;
    for (const w of wiresOf(b)) {
      const h = hostIndex.get(w.hostLink)!;
      if (h > last && (last < 0 || h < ceiling)) { straight.set(w.hostLink, w); last = h; } else bent.add(w);
    }
  });
  const bentHost = new Map([...bent].map((w) => [w.hostLink, w]));
  const bentOther = new Map([...bent].map((w) => [w.otherLink, w]));
  const host = { ...model.host, lines: model.host.lines.map((l) => (l.link && bentHost.has(l.link) ? withNote(l, bentHost.get(l.link)!.hostNote) : l)) };
  const noted = boxes.map((b) => ({ ...b, lines: b.lines.map((l) => (l.link && bentOther.has(l.link) ? withNote(l, bentOther.get(l.link)!.otherNote) : l)) }));
  return { host, boxes: noted, straight };
}

function innerWidth(titles: Line[], lines: TopoLine[], extra: (l: TopoLine) => number): number {
  return Math.max(0, ...titles.map((t) => width(t) + 3), ...lines.map((l) => width(l.parts) + extra(l)));
}

class Painter {
  constructor(private readonly g: Glyphs) {}

  top(title: Line, inner: number): Line {
    return [part(this.g.tl + this.g.h + ' '), ...title, part(' ' + this.g.h.repeat(inner - width(title) - 1) + this.g.tr)];
  }

  bottom(inner: number): Line {
    return [part(this.g.bl + this.g.h.repeat(inner + 2) + this.g.br)];
  }

  text(line: Line, inner: number, left = this.g.v): Line {
    return [part(left + ' '), ...line, part(spaces(inner - width(line)) + ' ' + this.g.v)];
  }

  /** A host line whose wire leaves through the right border. */
  wireOut(line: Line, inner: number, h: string): Line {
    return [part(this.g.v + ' '), ...line, part(' ' + h.repeat(inner - width(line)) + this.g.exit)];
  }

  cell(c: Cell, inner: number): Line {
    if (c.kind === 'top') return this.top(c.title, inner);
    if (c.kind === 'bottom') return this.bottom(inner);
    return this.text(c.line.parts, inner);
  }
}

/** The drawing as text, or undefined when it would be wider than opts.width. */
export function drawDiagram(model: TopoModel, opts: DiagramOptions): string | undefined {
  const g = opts.glyphs;
  const p = plan(model);
  const left: Column = {
    cells: stack([p.host]),
    inner: innerWidth([p.host.title], p.host.lines, (l) => (l.link && p.straight.has(l.link) ? 3 : 0)),
  };
  const right: Column = {
    cells: stack(p.boxes),
    inner: innerWidth(p.boxes.map((b) => b.title), p.boxes.flatMap((b) => b.lines), () => 0),
  };
  const hasRight = right.cells.length > 0;
  const total = left.inner + 4 + (hasRight ? GAP + right.inner + 4 : 0);
  if (total > opts.width) return undefined;

  const paint = new Painter(g);
  const wireOf = (c: Cell | undefined) => (c?.kind === 'line' && c.line.link ? p.straight.get(c.line.link) : undefined);
  const rIndex = new Map(right.cells.map((c, i) => [c.kind === 'line' ? c.line.link : undefined, i]));
  const pairs: [number, number, TopoWire][] = [];
  left.cells.forEach((c, i) => {
    const w = wireOf(c);
    if (w) pairs.push([i, rIndex.get(w.otherLink)!, w]);
  });

  type Slot = Line | 'blank';
  const rows: Line[] = [];
  const emit = (l: Slot, r: Slot, wire?: TopoWire) => {
    const lw = left.inner + 4;
    const lLine = l === 'blank' ? [part(spaces(lw))] : l;
    if (!hasRight) { rows.push(lLine); return; }
    const gap = wire ? part((wire.down ? g.hDown : g.h).repeat(GAP), wire.down ? 'down' : undefined) : part(spaces(GAP));
    rows.push([...lLine, gap, ...(r === 'blank' ? [] : r)]);
  };
  const leftSlot = (c: Cell) => paint.cell(c, left.inner);
  const rightSlot = (c: Cell) => paint.cell(c, right.inner);

  let li = 0;
  let ri = 0;
  for (const [a, b, wire] of pairs) {
    const ls: Slot[] = left.cells.slice(li, a).map(leftSlot);
    const rs: Slot[] = right.cells.slice(ri, b).map(rightSlot);
    const target = left.cells[a] as Extract<Cell, { kind: 'line' }>;
    while (ls.length < rs.length) ls.push(paint.text(target.line.lead ?? [], left.inner));
    if (rs.length < ls.length) {
      // Pad between boxes when the wire's box starts in this stretch, else inside it.
      let topAt = -1;
      for (let i = b; i >= ri; i--) if (right.cells[i].kind === 'top') { topAt = i - ri; break; }
      const fill: Slot[] = Array.from({ length: ls.length - rs.length }, () => (topAt >= 0 ? 'blank' : paint.text([], right.inner)));
      rs.splice(topAt >= 0 ? topAt : rs.length, 0, ...fill);
    }
    ls.forEach((l, i) => emit(l, rs[i]));
    const h = wire.down ? g.hDown : g.h;
    const otherCell = right.cells[b] as Extract<Cell, { kind: 'line' }>;
    emit(paint.wireOut(target.line.parts, left.inner, h), paint.text(otherCell.line.parts, right.inner, g.enter), wire);
    li = a + 1;
    ri = b + 1;
  }
  const ls = left.cells.slice(li).map(leftSlot);
  const rs = right.cells.slice(ri).map(rightSlot);
  for (let i = 0; i < Math.max(ls.length, rs.length); i++) emit(ls[i] ?? 'blank', rs[i] ?? 'blank');

  const out = rows.map((r) => render(r, opts.color).trimEnd());
  for (const n of model.notes) out.push(render(n, opts.color));
  return out.join('\n');
}
