// The lab's picture for the browser: the same TopoModel the terminal's `.topo` draws
// (view/topo-model.ts), laid out as SVG. The lab host's box on the left with its links
// and routes, every other namespace in a box on the right, each veth pair a wire between
// the two lines that name its ends (dashed red when either end is down). All text comes
// from the learner's lab, so every string is escaped: the SVG is safe to put in a page.
import { displayWidth } from '../view/display-width.js';
import type { Line, Style } from '../view/topo-text.js';
import type { TopoBox, TopoModel } from '../view/topo-model.js';

const CHAR_W = 7.3; // px per character of 12px monospace
const LINE_H = 17;
const PAD = 8;
const TITLE_H = 22;
const GAP_X = 90; // room for the wires between the host box and the others
const GAP_Y = 14;

const COLOR: Record<Style, string> = {
  title: '#1f2937',
  down: '#b91c1c',
  warn: '#b45309',
  dim: '#6b7280',
  addr: '#1d4ed8',
};

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// In columns of the monospace font: a Chinese character takes two.
const plainWidth = (line: Line): number => line.reduce((n, p) => n + displayWidth(p.text), 0);

function spans(line: Line): string {
  return line
    .map((p) => {
      // The lab chose the style too: a name not in COLOR (or one of Object's own) gets none.
      const style = p.style && Object.hasOwn(COLOR, p.style) ? ` fill="${COLOR[p.style]}"${p.style === 'title' ? ' font-weight="bold"' : ''}` : '';
      return `<tspan${style}>${escapeXml(p.text)}</tspan>`;
    })
    .join('');
}

interface Placed {
  box: TopoBox;
  x: number;
  y: number;
  w: number;
  h: number;
  /** y of the middle of each line, by its link key. */
  linkY: Map<string, number>;
}

function boxWidth(box: TopoBox): number {
  const chars = Math.max(plainWidth(box.title), ...box.lines.map((l) => plainWidth(l.parts)), 12);
  return Math.ceil(chars * CHAR_W + 2 * PAD);
}

function place(box: TopoBox, x: number, y: number, w: number): Placed {
  const linkY = new Map<string, number>();
  box.lines.forEach((l, i) => { if (l.link) linkY.set(l.link, y + TITLE_H + i * LINE_H + LINE_H / 2 + 2); });
  return { box, x, y, w, h: TITLE_H + box.lines.length * LINE_H + PAD, linkY };
}

function drawBox(p: Placed): string {
  const kind = p.box.kind;
  const fill = kind === 'host' ? '#f8fafc' : kind === 'outside' ? '#f5f5f4' : '#eff6ff';
  const out = [
    `<g class="ns ns-${escapeXml(kind)}" data-ns="${escapeXml(p.box.ns)}">`,
    `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="6" fill="${fill}" stroke="#94a3b8"/>`,
    `<text x="${p.x + PAD}" y="${p.y + 15}">${spans(p.box.title)}</text>`,
  ];
  p.box.lines.forEach((l, i) => {
    if (l.kind === 'gap' || !l.parts.length) return;
    out.push(`<text x="${p.x + PAD}" y="${p.y + TITLE_H + i * LINE_H + 12}" class="line-${escapeXml(l.kind)}">${spans(l.parts)}</text>`);
  });
  out.push('</g>');
  return out.join('');
}

/** The SVG document of a lab's topology. */
export function topologySvg(model: TopoModel): string {
  const hostW = boxWidth(model.host);
  const host = place(model.host, PAD, PAD, hostW);
  const rightX = PAD + hostW + GAP_X;
  const rightW = Math.max(0, ...model.boxes.map(boxWidth));
  let y = PAD;
  const others = model.boxes.map((b) => {
    const p = place(b, rightX, y, rightW);
    y += p.h + GAP_Y;
    return p;
  });
  const byNs = new Map(others.map((p) => [p.box.ns, p]));
  const wires = model.wires.flatMap((w) => {
    const y1 = host.linkY.get(w.hostLink);
    const other = byNs.get(w.otherNs);
    const y2 = other?.linkY.get(w.otherLink);
    if (y1 === undefined || !other || y2 === undefined) return [];
    const x1 = host.x + host.w;
    const x2 = other.x;
    const mid = (x1 + x2) / 2;
    const style = w.down ? 'stroke="#b91c1c" stroke-dasharray="5 4"' : 'stroke="#0f766e"';
    return [`<path class="wire${w.down ? ' down' : ''}" d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" fill="none" stroke-width="2" ${style}/>`];
  });
  const notesY = Math.max(host.y + host.h, y) + GAP_Y;
  const notes = model.notes.map((n, i) => `<text x="${PAD}" y="${notesY + i * LINE_H + 12}">${spans(n)}</text>`);
  const width = Math.ceil(others.length ? rightX + rightW + PAD : PAD + hostW + PAD);
  const height = Math.ceil(notesY + model.notes.length * LINE_H + PAD);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, monospace" font-size="12" role="img" aria-label="the lab's network">`,
    drawBox(host),
    ...others.map(drawBox),
    ...wires,
    ...notes,
    '</svg>',
  ].join('');
}
