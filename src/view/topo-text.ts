// Styled text for the topology drawing: a line is a list of parts, each with an optional
// style, so widths are measured on the plain text and colour is added only at the end
// (escape codes would otherwise throw every column off).
import pc from 'picocolors';
import { displayWidth } from './display-width.js';

export type Style = 'title' | 'down' | 'warn' | 'dim' | 'addr';

export interface Part {
  text: string;
  style?: Style;
}

export type Line = Part[];

export const part = (text: string, style?: Style): Part => (style ? { text, style } : { text });

export function plain(line: Line): string {
  return line.map((p) => p.text).join('');
}

/** Terminal columns: a Chinese character takes two. */
export function width(line: Line): number {
  return displayWidth(plain(line));
}

/** Joins lines with a separator part between them. */
export function joinLines(lines: Line[], sep: string): Line {
  const out: Line = [];
  lines.forEach((l, i) => {
    if (i > 0) out.push(part(sep));
    out.push(...l);
  });
  return out;
}

// The caller decides whether to colour (opts.color), not picocolors' own terminal guess.
const pcOn = pc.createColors(true);
const paint: Record<Style, (s: string) => string> = {
  title: pcOn.bold,
  down: pcOn.red,
  warn: pcOn.yellow,
  dim: pcOn.dim,
  addr: pcOn.cyan,
};

export function render(line: Line, color: boolean): string {
  return line.map((p) => (color && p.style ? paint[p.style](p.text) : p.text)).join('');
}

/** The characters boxes and wires are drawn with: Unicode box drawing, or plain ASCII for
 * terminals and files that cannot show it. */
export interface Glyphs {
  h: string; v: string;
  tl: string; tr: string; bl: string; br: string;
  /** A wire leaving a box through its right border, and one ending on a box's left border. */
  exit: string; enter: string;
  /** The wire of a link that is down (either end), so a break is visible without colour. */
  hDown: string;
  tee: string; corner: string; // a bridge's port tree: ├─ and └─
  pair: string; // the two ends of a veth named on one line
  arrow: string; // where NAT sends a packet
}

export const UNICODE: Glyphs = {
  h: '─', v: '│', tl: '┌', tr: '┐', bl: '└', br: '┘', exit: '┼', enter: '┤', hDown: '╌',
  tee: '├─', corner: '└─', pair: '⇄', arrow: '→',
};

export const ASCII: Glyphs = {
  h: '-', v: '|', tl: '+', tr: '+', bl: '+', br: '+', exit: '+', enter: '+', hDown: '.',
  tee: '|-', corner: '`-', pair: '<->', arrow: '->',
};
