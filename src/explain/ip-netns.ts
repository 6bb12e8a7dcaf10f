// `ip netns` / `ip netns list`: the namespaces with a name under /run/netns.
import { explainIpText } from '../i18n/explain-ip-text.js';
import { words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface NamedNetns {
  line: number;
  name: string;
  id?: number;
}

export function parseIpNetns(lines: readonly string[]): NamedNetns[] {
  const out: NamedNetns[] = [];
  lines.forEach((line, i) => {
    const m = /^(\S+)(?:\s+\(id:\s*(\d+)\))?\s*$/.exec(words(line).join(' '));
    if (m && !/[<>:]/.test(m[1]) && m[1].length <= 255) out.push({ line: i, name: m[1], id: m[2] === undefined ? undefined : Number(m[2]) });
  });
  return out;
}

export function annotateIpNetns(list: NamedNetns[], ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const n of list) {
    const ns = ctx.state?.namespaces.find((x) => x.names.includes(n.name));
    if (ctx.state && !ns) {
      // `ip netns` lists the files in /run/netns; a link to a process that has ended stays
      // listed, though the namespace it pointed to is gone.
      out.add(n.line, t.netnsStale(n.name), 3);
      continue;
    }
    const container = ns && ctx.state?.containers.find((c) => c.ns === ns.id);
    out.add(n.line, t.netnsNamed(n.name, container ? t.netnsOfContainer(container.name) : ''), 2);
    if (n.id !== undefined) out.add(n.line, t.netnsId(n.id, n.name), 1);
    else out.add(n.line, t.netnsNoId(n.name));
  }
  return out;
}

export const ipNetnsExplainer: Explainer<NamedNetns[]> = {
  id: 'ip-netns',
  names: ['ip netns', 'ip netns list', 'ip netns ls'],
  parse: parseIpNetns,
  annotate: annotateIpNetns,
};
