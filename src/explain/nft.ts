// `nft list ruleset` (and `nft list table …`): tables of chains of rules, in nftables' own
// syntax. iptables-nft (the iptables of this lab and of most distributions today) keeps
// its rules here, so Docker's NAT rules show up too; each rule is read into the same
// meaning as an iptables rule and explained in the same words.
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText } from '../i18n/explain-net-text.js';
import { explainRule, hookMeaning, type RuleMeaning } from './iptables.js';
import { clean, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface NftChain {
  line: number;
  name: string;
  table: string;
  /** The base chain's line: `type nat hook prerouting priority dstnat; policy accept;`. */
  baseLine?: number;
  type?: string;
  hook?: string;
  priority?: string;
  policy?: string;
}

export interface NftRule extends RuleMeaning {
  line: number;
  table: string;
  counters?: { packets: number; bytes: number };
  ctState?: string;
}

export interface NftRuleset {
  tables: { line: number; family: string; name: string }[];
  chains: NftChain[];
  rules: NftRule[];
  /** `# Warning: table ip nat is managed by iptables-nft, do not touch!` */
  managedBy: { line: number; tool: string }[];
  closing: number[];
}

const VERDICTS: Record<string, string> = { accept: 'ACCEPT', drop: 'DROP', reject: 'REJECT', return: 'RETURN', masquerade: 'MASQUERADE', log: 'LOG' };

/** Words of a rule with quotes and set braces kept together: `{ 22, 80 }` is one word. */
function ruleWords(line: string): string[] {
  const out: string[] = [];
  const re = /\{[^}]*\}|"[^"]*"|\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[0]);
  return out;
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');
const unset = (s: string) => s.replace(/^\{\s*(.*?)\s*\}$/, '$1');

/** Reads one nft rule statement into what its explanation needs. */
export function parseNftRule(text: string, chain: string): Omit<NftRule, 'line' | 'table'> {
  const r: Omit<NftRule, 'line' | 'table'> = { chain };
  const ws = ruleWords(text);
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k];
    const not = ws[k + 1] === '!=';
    const value = () => {
      const v = ws[k + (not ? 2 : 1)];
      k += not ? 2 : 1;
      return v === undefined ? undefined : (not ? '!' : '') + unset(unquote(v));
    };
    switch (w) {
      case 'iifname': case 'iif': r.inIface = value(); break;
      case 'oifname': case 'oif': r.outIface = value(); break;
      case 'saddr': r.source = value(); break;
      case 'daddr':
        if (ws[k - 1] === 'fib') {
          if (ws[k + 1] === 'type' && ws[k + 2] === 'local') r.addrtypeLocal = true;
          k += 2;
        } else r.destination = value();
        break;
      case 'tcp': case 'udp': case 'sctp':
        r.protocol = w;
        if (ws[k + 1] === 'dport') { k++; r.dport = value(); }
        break;
      case 'protocol': case 'l4proto': r.protocol = value(); break;
      case 'ct':
        if (ws[k + 1] === 'state') { k++; r.ctState = value(); }
        break;
      case 'counter':
        if (ws[k + 1] === 'packets' && ws[k + 3] === 'bytes') {
          r.counters = { packets: Number(ws[k + 2]), bytes: Number(ws[k + 4]) };
          k += 4;
        }
        break;
      case 'jump': case 'goto': r.target = ws[++k]; break;
      case 'dnat': case 'snat':
        if (ws[k + 1] === 'to') k++;
        if (w === 'dnat') r.toDestination = ws[++k];
        else r.toSource = ws[++k];
        r.target = w.toUpperCase();
        break;
      default:
        if (VERDICTS[w]) r.target = VERDICTS[w];
    }
  }
  return r;
}

export function parseNft(lines: readonly string[]): NftRuleset {
  const v: NftRuleset = { tables: [], chains: [], rules: [], managedBy: [], closing: [] };
  let table: string | undefined;
  let chain: NftChain | undefined;
  lines.forEach((raw, i) => {
    const line = clean(raw).trim();
    const ws = words(line);
    if (ws.length === 0) return;
    const managed = /^# Warning: table \S+ \S+ is managed by ([^\s,!]+)/.exec(line);
    if (managed) { v.managedBy.push({ line: i, tool: managed[1] }); return; }
    if (ws[0] === 'table' && ws.length >= 3 && ws[ws.length - 1] === '{') {
      const [family, name] = ws.length >= 4 ? [ws[1], ws[2]] : ['ip', ws[1]];
      table = `${family} ${name}`;
      v.tables.push({ line: i, family, name });
      return;
    }
    if (!table) return;
    if (ws[0] === 'chain' && ws[2] === '{') {
      chain = { line: i, name: ws[1], table };
      v.chains.push(chain);
      return;
    }
    if (line === '}') {
      v.closing.push(i);
      if (chain) chain = undefined;
      else table = undefined;
      return;
    }
    if (!chain) return;
    if (ws[0] === 'type' && ws.includes('hook')) {
      const after = (key: string) => { const k = ws.indexOf(key); return k >= 0 ? ws[k + 1]?.replace(/;$/, '') : undefined; };
      Object.assign(chain, { baseLine: i, type: ws[1], hook: after('hook'), priority: after('priority'), policy: after('policy') });
      return;
    }
    v.rules.push({ ...parseNftRule(line, chain.name), line: i, table });
  });
  return v;
}

export function annotateNft(v: NftRuleset, ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  for (const m of v.managedBy) out.add(m.line, t.nftManagedBy(m.tool), 1);
  for (const tb of v.tables) out.add(tb.line, t.nftTable(tb.family, tb.name, t.nftFamilies[tb.family]), 0);
  for (const c of v.chains) {
    if (c.baseLine === undefined) {
      out.add(c.line, t.nftRegularChain(c.name), 0);
      continue;
    }
    out.mark(c.line);
    const hook = c.hook ? hookMeaning(c.hook, lang) : undefined;
    const parts = [
      t.nftBaseChain(c.hook ?? '?', hook),
      t.nftTypes[c.type ?? ''] ?? t.nftType(`${c.type}`),
      t.nftPriority(c.priority ?? '?'),
    ];
    if (c.policy) parts.push(t.nftPolicy(c.policy, c.policy === 'drop'));
    out.add(c.baseLine, t.nftParts(parts), c.policy === 'drop' ? 2 : 0);
  }
  for (const r of v.rules) {
    for (const n of explainRule(r, ctx, lang)) out.add(r.line, n.text, n.weight);
    if (r.ctState) out.add(r.line, t.nftCtState(r.ctState, r.ctState.includes('established')), 1);
    if (r.counters) out.add(r.line, t.nftCounter(r.counters.packets, r.counters.bytes));
  }
  for (const c of v.closing) out.mark(c);
  return out;
}

export const nftExplainer: Explainer<NftRuleset> = {
  id: 'nft',
  names: ['nft list ruleset', 'nft list table', 'nft'],
  parse: parseNft,
  annotate: annotateNft,
};
