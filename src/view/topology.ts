// The live lab as a picture: a box for the lab host and one for each other namespace (the
// outside world, containers, named netns), bridges with their ports, and veth pairs as
// wires between their two ends. Built from a kernel snapshot only, so it shows what the
// learner made by hand (net1, mybridge, A/B) as it shows what Docker made. Beyond
// MAX_DRAWN_NAMESPACES, or when the drawing would not fit the width, it becomes a list.
import type { KernelState } from '../kernel/types.js';
import { drawDiagram } from './topo-diagram.js';
import { drawList } from './topo-list.js';
import { buildModel, markLinks } from './topo-model.js';
import { ASCII, UNICODE } from './topo-text.js';

/** Containers and namespaces drawn as boxes; more than this becomes the compact list. */
export const MAX_DRAWN_NAMESPACES = 10;
export const DEFAULT_WIDTH = 100;

export interface TopologyOptions {
  /** ANSI colour: titles bold, addresses cyan, DOWN red, strays yellow. */
  color: boolean;
  /** Columns available (default 100). */
  width?: number;
  /** Plain ASCII instead of box-drawing characters, for terminals that cannot show them. */
  ascii?: boolean;
  /** Always the compact list. */
  list?: boolean;
  /** Labels to show beside links (by linkKey): the packet walk numbers the hops of its
   * path this way, so the drawing shows where the packet went. */
  marks?: ReadonlyMap<string, string>;
}

export function drawTopology(state: KernelState, opts: TopologyOptions): string {
  const glyphs = opts.ascii ? ASCII : UNICODE;
  const model = buildModel(state, glyphs);
  if (opts.marks?.size) markLinks(model, opts.marks);
  const boxes = model.boxes.filter((b) => b.kind !== 'outside').length;
  if (opts.list) return drawList(model, { glyphs, color: opts.color });
  if (boxes > MAX_DRAWN_NAMESPACES) {
    const why = `${boxes} containers and namespaces: listed, as the drawing shows up to ${MAX_DRAWN_NAMESPACES}`;
    return drawList(model, { glyphs, color: opts.color, why });
  }
  const width = opts.width ?? DEFAULT_WIDTH;
  const drawn = drawDiagram(model, { width, glyphs, color: opts.color });
  return drawn ?? drawList(model, { glyphs, color: opts.color, why: `the drawing needs more than ${width} columns: listed` });
}

