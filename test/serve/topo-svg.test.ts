// The lab's picture for the page, drawn from the TopoModel of kernel snapshots captured on
// real labs (the ones the terminal drawing is tested on), and from a model whose every
// string is hostile, as a learner who is root in their lab can make it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologySvg } from '../../src/serve/topo-svg.js';
import { buildModel, type TopoModel } from '../../src/view/topo-model.js';
import { UNICODE } from '../../src/view/topo-text.js';
import { captured, TOPO_FIXTURES } from '../view/fixtures.js';

const ELEMENTS = new Set(['svg', 'g', 'rect', 'text', 'tspan', 'path']);
const ATTR_VALUE = /^(?:[^"<&]|&(?:amp|lt|gt|quot|#39);)*$/;
const TEXT = /^(?:[^<>&]|&(?:amp|lt|gt|quot|#39);)*$/;
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

interface Parsed {
  /** Each <text> element's text, entities decoded. */
  texts: string[];
  /** Each element's name and attributes, in document order. */
  elements: { name: string; attrs: Record<string, string> }[];
}

/** A small XML check for what topologySvg writes: one root, balanced tags of the SVG
 * elements it uses, quoted attributes, and no raw < or & in text or attribute values.
 * Throws saying what is wrong. */
function parseSvg(svg: string): Parsed {
  const stack: string[] = [];
  const out: Parsed = { texts: [], elements: [] };
  let roots = 0;
  let text: string | undefined;
  for (const [token] of svg.matchAll(/<[^<>]*>|[^<>]+|[<>]/g)) {
    if (!token.startsWith('<') || token === '<') {
      if (!stack.length) throw new Error(`text outside the root: ${token}`);
      if (!TEXT.test(token)) throw new Error(`unescaped text: ${token}`);
      if (text !== undefined) text += decode(token);
      continue;
    }
    const m = /^<(\/?)([a-z]+)((?:\s+[A-Za-z:-]+="[^"]*")*)\s*(\/?)>$/.exec(token);
    if (!m) throw new Error(`not a tag: ${token}`);
    const [, close, name, attrText, selfClose] = m;
    if (!ELEMENTS.has(name)) throw new Error(`unexpected element <${name}>`);
    if (close) {
      if (attrText || selfClose) throw new Error(`bad end tag: ${token}`);
      if (stack.pop() !== name) throw new Error(`</${name}> does not close the open element`);
      if (name === 'text') { out.texts.push(text!); text = undefined; }
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, k, v] of attrText.matchAll(/([A-Za-z:-]+)="([^"]*)"/g)) {
      if (!ATTR_VALUE.test(v)) throw new Error(`unescaped attribute ${k}: ${v}`);
      if (k in attrs) throw new Error(`attribute ${k} twice`);
      attrs[k] = decode(v);
    }
    out.elements.push({ name, attrs });
    if (!stack.length && ++roots > 1) throw new Error('more than one root element');
    if (!stack.length && name !== 'svg') throw new Error(`root is <${name}>`);
    if (name === 'text') text = '';
    if (!selfClose) stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(' ')}`);
  if (!roots) throw new Error('no root element');
  return out;
}

describe('parseSvg, the test\'s own XML check', () => {
  it('refuses what is not well-formed', () => {
    expect(() => parseSvg('<svg><g></svg>')).toThrow('does not close');
    expect(() => parseSvg('<svg><text>a < b</text></svg>')).toThrow('unescaped text');
    expect(() => parseSvg('<svg><text>a & b</text></svg>')).toThrow('unescaped text');
    expect(() => parseSvg('<svg><g class="a"b"></g></svg>')).toThrow('not a tag');
    expect(() => parseSvg('<svg><script>x</script></svg>')).toThrow('unexpected element');
    expect(() => parseSvg('<svg/><svg/>')).toThrow('more than one root');
    expect(() => parseSvg('<svg><g>')).toThrow('unclosed');
    expect(parseSvg('<svg><text>a &amp; <tspan>b</tspan></text></svg>').texts).toEqual(['a & b']);
  });
});

const model = (name: string): TopoModel => buildModel(captured(name), UNICODE);
const LESSON_STATES = ['lesson1-docker0', 'lesson2-net1-bridge', 'lesson2-veth-down', 'lesson3-net-modes', 'lesson4-wired-by-hand', 'lesson5-published', 'stray-and-down'];
/** The words of the terminal's drawing of a state (its reviewed expected file). */
const drawnWords = (name: string) => readFileSync(join(TOPO_FIXTURES, 'expected', `${name}.txt`), 'utf8').split(/[\s─╌┼┤├└┌┐┘│]+/).filter(Boolean);

describe('topologySvg of real labs', () => {
  for (const name of [...LESSON_STATES, 'twelve-containers']) {
    it(`${name}: well-formed, a box per namespace, a wire per veth pair`, () => {
      const m = model(name);
      const svg = parseSvg(topologySvg(m));
      const boxes = svg.elements.filter((e) => e.name === 'g' && e.attrs.class?.split(' ').includes('ns'));
      expect(boxes.map((b) => b.attrs['data-ns'])).toEqual([m.host.ns, ...m.boxes.map((b) => b.ns)]);
      expect(new Set(boxes.map((b) => b.attrs['data-ns'])).size).toBe(captured(name).namespaces.length);
      const wires = svg.elements.filter((e) => e.name === 'path' && e.attrs.class?.split(' ').includes('wire'));
      expect(wires).toHaveLength(m.wires.length);
      expect(wires.length).toBeGreaterThan(0);
    });
  }

  for (const name of LESSON_STATES) {
    it(`${name}: shows every word the terminal drawing shows, and as many wires`, () => {
      const svg = parseSvg(topologySvg(model(name)));
      const words = new Set(svg.texts.flatMap((t) => t.split(/[\s─├└│]+/)));
      const missing = drawnWords(name).filter((w) => !words.has(w));
      expect(missing).toEqual([]);
      const terminalWires = readFileSync(join(TOPO_FIXTURES, 'expected', `${name}.txt`), 'utf8').split('\n').filter((l) => l.includes('┼')).length;
      expect(svg.elements.filter((e) => e.attrs.class?.startsWith('wire'))).toHaveLength(terminalWires);
    });
  }

  it('lesson1: the interfaces and addresses on their lines', () => {
    const { texts } = parseSvg(topologySvg(model('lesson1-docker0')));
    for (const line of ['eth0 192.168.0.11/24', 'eth0 192.168.0.1/24 router', 'docker0 bridge 172.17.0.1/16', 'eth0 172.17.0.2/16', 'eth0 172.17.0.3/16', 'lo 203.0.113.10/32 public host']) {
      expect(texts).toContain(line);
    }
    expect(texts.some((t) => t.endsWith('vethd44b3c0'))).toBe(true);
    expect(texts.some((t) => t.endsWith('vethd729844'))).toBe(true);
  });

  it('lesson2-veth-down: the veth pair that is down is a dashed wire of class "down"; the uplink is not', () => {
    const svg = topologySvg(model('lesson2-veth-down'));
    const wires = parseSvg(svg).elements.filter((e) => e.name === 'path');
    expect(wires.map((w) => w.attrs.class)).toEqual(['wire', 'wire down']);
    expect(wires[1].attrs['stroke-dasharray']).toBeDefined();
    expect(wires[0].attrs['stroke-dasharray']).toBeUndefined();
    expect(parseSvg(svg).texts).toContain('veth1_p DOWN');
  });
});

describe('topologySvg of hostile text', () => {
  const EVIL = [`<script>alert(1)</script>`, `a & b`, `"quoted" 'single'`, `]]>`, `<![CDATA[x]]>`, `<!-- c -->`, `" onload="alert(1)`, `&amp;`];
  let n = 0;
  const evil = () => EVIL[n++ % EVIL.length];

  function hostile(): TopoModel {
    const m = JSON.parse(JSON.stringify(model('lesson1-docker0'))) as TopoModel;
    for (const box of [m.host, ...m.boxes]) {
      box.ns = evil();
      box.kind = evil() as never;
      box.title = box.title.map((p) => ({ ...p, text: evil() }));
      for (const line of box.lines) {
        line.kind = evil() as never;
        line.parts = line.parts.map((p) => ({ text: evil(), style: (p.style ? p.style : evil()) as never }));
      }
    }
    m.notes = [[{ text: evil() }, { text: evil(), style: '__proto__' as never }]];
    return m;
  }

  it('stays well-formed with no raw markup of its own', () => {
    const text = topologySvg(hostile());
    expect(text).not.toMatch(/<script|<!|onload="/i);
    const svg = parseSvg(text);
    expect(svg.texts.join('\n')).toContain('<script>alert(1)</script>');
    expect(svg.texts.join('\n')).toContain(']]>');
  });

  it('puts the lab\'s strings in attributes only escaped', () => {
    const m = hostile();
    const svg = parseSvg(topologySvg(m));
    expect(svg.elements.filter((e) => e.name === 'g').map((e) => e.attrs['data-ns'])).toEqual([m.host, ...m.boxes].map((b) => b.ns));
    const lineClasses = svg.elements.filter((e) => e.name === 'text' && e.attrs.class).map((e) => e.attrs.class);
    expect(lineClasses).toContain(`line-${EVIL[0]}`);
    expect(svg.elements.every((e) => Object.keys(e.attrs).every((k) => !k.startsWith('on')))).toBe(true);
  });

  it('colours only with the styles it knows', () => {
    const fills = parseSvg(topologySvg(hostile())).elements.filter((e) => e.name === 'tspan').map((e) => e.attrs.fill);
    expect(fills.every((f) => f === undefined || /^#[0-9a-f]{6}$/.test(f))).toBe(true);
  });
});
