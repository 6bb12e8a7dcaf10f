// `ip netns` / `ip netns list`: the namespaces with a name under /run/netns.
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
  const out = new Annotations();
  for (const n of list) {
    const ns = ctx.state?.namespaces.find((x) => x.names.includes(n.name));
    if (ctx.state && !ns) {
      // `ip netns` lists the files in /run/netns; a link to a process that has ended stays
      // listed, though the namespace it pointed to is gone.
      out.add(n.line, `${n.name}: listed, but no namespace is there any more: /run/netns/${n.name} points to one that ended (a container removed, a process gone). Remove the stale entry with \`rm /run/netns/${n.name}\` (or \`ip netns del ${n.name}\`).`, 3);
      continue;
    }
    const container = ns && ctx.state?.containers.find((c) => c.ns === ns.id);
    const what = container ? ` It is the network namespace of container ${container.name} (linked there by hand).` : '';
    out.add(n.line, `${n.name}: a network namespace with a name (the file /run/netns/${n.name}); run commands in it with \`ip netns exec ${n.name} …\`.${what}`, 2);
    if (n.id !== undefined) out.add(n.line, `(id: ${n.id}): the number the current namespace uses for ${n.name}; \`ip a\` shows it as link-netnsid ${n.id} on interfaces whose peer lives there.`, 1);
    else out.add(n.line, `No "(id: …)": the current namespace has no link into ${n.name} yet (no veth pair between them).`);
  }
  return out;
}

export const ipNetnsExplainer: Explainer<NamedNetns[]> = {
  id: 'ip-netns',
  names: ['ip netns', 'ip netns list', 'ip netns ls'],
  parse: parseIpNetns,
  annotate: annotateIpNetns,
};
