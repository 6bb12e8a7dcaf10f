// What `conntrack -L` prints, as data: each tracked connection's original direction and
// the reply it expects, which is where a NAT rewrite shows (the reply's addresses are not
// the original's swapped). Pure; tested on output captured in a lab.

export interface Tuple { src: string; dst: string; sport?: number; dport?: number; id?: number }

export interface Tracked {
  proto: string;
  original: Tuple;
  reply: Tuple;
  /** The entry as printed, for the learner to see. */
  line: string;
}

function tuple(words: string[]): Tuple | undefined {
  const kv = new Map(words.map((w) => w.split('=') as [string, string]));
  const src = kv.get('src');
  const dst = kv.get('dst');
  if (!src || !dst) return undefined;
  const num = (k: string) => (kv.has(k) ? Number(kv.get(k)) : undefined);
  const t: Tuple = { src, dst };
  for (const [k, v] of [['sport', num('sport')], ['dport', num('dport')], ['id', num('id')]] as const) if (v !== undefined) t[k] = v;
  return t;
}

export function parseConntrack(text: string): Tracked[] {
  const out: Tracked[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('conntrack ')) continue;
    const words = line.split(/\s+/);
    const firstSrc = words.findIndex((w) => w.startsWith('src='));
    const secondSrc = words.findIndex((w, i) => i > firstSrc && w.startsWith('src='));
    if (firstSrc < 0 || secondSrc < 0) continue;
    const original = tuple(words.slice(firstSrc, secondSrc).filter((w) => w.includes('=')));
    const reply = tuple(words.slice(secondSrc).filter((w) => w.includes('=')));
    if (original && reply) out.push({ proto: words[0], original, reply, line });
  }
  return out;
}

/** Whether the connection was rewritten: its reply does not come from where it went, or
 * not back to where it came from. */
export function isNatted(t: Tracked): boolean {
  return t.reply.src !== t.original.dst || t.reply.dst !== t.original.src;
}
