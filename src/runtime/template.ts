// The part of Go's text/template that `docker inspect -f` users type: field paths
// ({{.State.Pid}}, {{.NetworkSettings.Networks.bridge.IPAddress}}), {{json .X}},
// {{range .X}}…{{end}}, {{index .X "key"}}, {{upper}}/{{lower}} and {{println}}. Pure.

export class TemplateError extends Error {}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; words: string[] }
  | { kind: 'range'; words: string[]; body: Node[] };

function tokenize(src: string): (string | { action: string })[] {
  const out: (string | { action: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) { out.push(src.slice(i)); break; }
    if (open > i) out.push(src.slice(i, open));
    const close = src.indexOf('}}', open);
    if (close < 0) throw new TemplateError(`template: :1: unclosed action`);
    out.push({ action: src.slice(open + 2, close).replace(/^-\s*/, '').replace(/\s*-$/, '').trim() });
    i = close + 2;
  }
  return out;
}

function words(action: string): string[] {
  return action.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

function parse(src: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const t of tokenize(src)) {
    const top = stack[stack.length - 1];
    if (typeof t === 'string') { top.push({ kind: 'text', text: t }); continue; }
    const w = words(t.action);
    if (w[0] === 'range') {
      const node: Node = { kind: 'range', words: w.slice(1), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (w[0] === 'end') {
      if (stack.length === 1) throw new TemplateError('template: :1: unexpected {{end}}');
      stack.pop();
    } else {
      top.push({ kind: 'action', words: w });
    }
  }
  if (stack.length !== 1) throw new TemplateError('template: :1: unexpected EOF (a {{range}} has no {{end}})');
  return root;
}

function field(dot: unknown, path: string): unknown {
  if (path === '.') return dot;
  let v: unknown = dot;
  for (const key of path.split('.').slice(1)) {
    if (v === null || typeof v !== 'object') throw new TemplateError(`template: :1: executing "" at <${path}>: can't evaluate field ${key} in type ${goType(v)}`);
    const obj = v as Record<string, unknown>;
    if (!(key in obj)) {
      // Docker's inspect objects are maps at the JSON level; Go prints <no value> for a
      // missing map key, which is what a learner sees for a misspelt field too.
      return undefined;
    }
    v = obj[key];
  }
  return v;
}

function goType(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** How Go's template prints a value with no formatting function. */
export function goPrint(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `map[${keys.map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

function argValue(dot: unknown, w: string): unknown {
  if (w.startsWith('"')) {
    try {
      return JSON.parse(w);
    } catch {
      throw new TemplateError(`template: :1: malformed string ${w}`);
    }
  }
  if (w.startsWith('.')) return field(dot, w);
  if (/^-?\d+$/.test(w)) return Number(w);
  throw new TemplateError(`template: :1: function "${w}" not defined`);
}

function evalAction(dot: unknown, w: string[]): unknown {
  if (w.length === 0) throw new TemplateError('template: :1: missing value for command');
  const [head, ...rest] = w;
  switch (head) {
    case 'json': return JSON.stringify(argValue(dot, rest[0] ?? '.') ?? null);
    case 'upper': return goPrint(argValue(dot, rest[0] ?? '.')).toUpperCase();
    case 'lower': return goPrint(argValue(dot, rest[0] ?? '.')).toLowerCase();
    case 'println': return rest.map((r) => goPrint(argValue(dot, r))).join(' ') + '\n';
    case 'index': {
      let v = argValue(dot, rest[0] ?? '.');
      for (const k of rest.slice(1)) {
        const key = argValue(dot, k);
        v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[String(key)] : undefined;
      }
      return v;
    }
    default:
      if (rest.length) throw new TemplateError(`template: :1: can't give argument to non-function ${head}`);
      return argValue(dot, head);
  }
}

function exec(nodes: Node[], dot: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'action') {
      const v = evalAction(dot, n.words);
      out += typeof v === 'string' ? v : goPrint(v);
    } else {
      const coll = evalAction(dot, n.words);
      const items = Array.isArray(coll) ? coll : coll && typeof coll === 'object'
        ? Object.keys(coll).sort().map((k) => (coll as Record<string, unknown>)[k]) : [];
      for (const item of items) out += exec(n.body, item);
    }
  }
  return out;
}

/** Renders a template against one object, as `docker inspect -f` does (no newline added). */
export function renderTemplate(src: string, data: unknown): string {
  return exec(parse(src), data);
}
