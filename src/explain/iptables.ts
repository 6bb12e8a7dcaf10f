// iptables in its two printed forms: `iptables [-t nat] -L [-n] [-v]` (a table per chain)
// and `iptables-save` / `iptables -S` (one rule per line, as the command that adds it).
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText, type ExplainNetText } from '../i18n/explain-net-text.js';
import { nsLabel } from './lab-context.js';
import { clean, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

/** A rule reduced to what its explanation needs; fields keep a leading '!' when negated. */
export interface RuleMeaning {
  chain: string;
  target?: string;
  protocol?: string;
  source?: string;
  destination?: string;
  inIface?: string;
  outIface?: string;
  dport?: string;
  toDestination?: string;
  toSource?: string;
  addrtypeLocal?: boolean;
}

/** Port numbers of the service names tools print without -n (from /etc/services). */
export const SERVICE_PORTS: Record<string, string> = {
  http: '80', https: '443', 'http-alt': '8080', ssh: '22', domain: '53', ipp: '631', ntp: '123', bootps: '67', bootpc: '68', mdns: '5353', llmnr: '5355',
};
const PROTOCOLS: Record<string, string> = { '0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp' };
const ANY = new Set(['anywhere', '0.0.0.0/0', '::/0']);

function packets(r: RuleMeaning, t: ExplainNetText): string {
  const parts: string[] = [];
  const proto = r.protocol && r.protocol !== 'all' ? r.protocol.toUpperCase() : '';
  if (r.source && !ANY.has(r.source)) parts.push(r.source.startsWith('!') ? t.notFrom(r.source.slice(1)) : t.from(r.source));
  if (r.destination && !ANY.has(r.destination)) parts.push(r.destination.startsWith('!') ? t.notTo(r.destination.slice(1)) : t.to(r.destination));
  if (r.addrtypeLocal) parts.push(t.toLocal);
  if (r.dport) parts.push(t.toPort(SERVICE_PORTS[r.dport] ?? r.dport));
  if (r.inIface && r.inIface !== '*') parts.push(r.inIface.startsWith('!') ? t.arrivingExcept(r.inIface.slice(1)) : t.arriving(r.inIface));
  if (r.outIface && r.outIface !== '*') parts.push(r.outIface.startsWith('!') ? t.leavingExcept(r.outIface.slice(1)) : t.leaving(r.outIface));
  return t.packets(proto, parts);
}

/** One or two sentences saying which packets a rule matches and what it does to them. */
export function explainRule(r: RuleMeaning, ctx: Context, lang: Lang = currentLang()): { text: string; weight: 0 | 1 | 2 | 3 }[] {
  const t = explainNetText(lang);
  const what = packets(r, t);
  const notes: { text: string; weight: 0 | 1 | 2 | 3 }[] = [];
  switch (r.target) {
    case 'MASQUERADE': {
      notes.push({ text: t.masquerade(what), weight: 3 });
      if (r.source && /^172\.17\./.test(r.source) && r.outIface === '!docker0') notes.push({ text: t.dockerMasquerade, weight: 2 });
      const bare = (a?: string) => a?.replace(/\/32$/, '');
      if (r.source && bare(r.source) === bare(r.destination)) notes.push({ text: t.hairpin(bare(r.source) ?? ''), weight: 0 });
      break;
    }
    case 'SNAT':
      notes.push({ text: t.snat(what, r.toSource), weight: 3 });
      break;
    case 'DNAT': {
      const to = r.toDestination ?? '?';
      const ip = to.split(':')[0];
      const c = ctx.state?.containers.find((x) => x.ip === ip);
      notes.push({ text: t.dnat(what, to, c?.name), weight: 3 });
      break;
    }
    case 'RETURN':
      notes.push({ text: t.ruleReturn(what), weight: 1 });
      break;
    case 'ACCEPT':
      notes.push({ text: t.accept(what), weight: 1 });
      break;
    case 'DROP':
      notes.push({ text: t.drop(what), weight: 2 });
      break;
    case 'REJECT':
      notes.push({ text: t.reject(what), weight: 2 });
      break;
    case 'LOG':
      notes.push({ text: t.log(what), weight: 1 });
      break;
    case undefined:
      notes.push({ text: t.noTarget(what), weight: 0 });
      break;
    default:
      notes.push({ text: t.jump(r.target, what, r.target === 'DOCKER' && !!r.addrtypeLocal), weight: 1 });
  }
  return notes;
}

/** What a chain of that name (iptables) or on that hook (nft) sees. */
export function hookMeaning(name: string, lang: Lang = currentLang()): string | undefined {
  return explainNetText(lang).chains[name.toUpperCase()];
}

function chainNote(name: string, policy: string | undefined, refs: number | undefined, t: ExplainNetText): string {
  return t.chainNote(t.chains[name] ?? t.userChain(name), policy && policy !== '-' ? policy : undefined, refs);
}

// --- iptables -L ---------------------------------------------------------------------

export interface ListedChain {
  line: number;
  name: string;
  policy?: string;
  references?: number;
  headerLine?: number;
  rules: (RuleMeaning & { line: number; pkts?: string; bytes?: string; extra: string })[];
}

export function parseIptablesList(lines: readonly string[]): { verbose: boolean; chains: ListedChain[] } {
  const chains: ListedChain[] = [];
  let current: ListedChain | undefined;
  let verbose = false;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const chain = /^Chain (\S+) \((?:policy (\S+)[^)]*|(\d+) references)\)/.exec(line);
    if (chain) {
      current = { line: i, name: chain[1], policy: chain[2], references: chain[3] === undefined ? undefined : Number(chain[3]), rules: [] };
      chains.push(current);
      return;
    }
    const ws = words(line);
    if (!current || ws.length === 0) return;
    if (ws.includes('target') && ws.includes('prot')) {
      current.headerLine = i;
      verbose = ws[0] === 'pkts';
      return;
    }
    let k = 0;
    let pkts: string | undefined;
    let bytes: string | undefined;
    if (verbose) {
      [pkts, bytes] = ws;
      k = 2;
    }
    // A rule without target starts directly with the protocol; the opt column is "--" or "-f".
    const noTarget = /^(--|-f|!f)$/.test(ws[k + 1] ?? '');
    const target = noTarget ? undefined : ws[k++];
    const protocol = ws[k++];
    const opt = ws[k++];
    if (protocol === undefined || opt === undefined || !/^(--|-f|!f)$/.test(opt)) return;
    let inIface: string | undefined;
    let outIface: string | undefined;
    if (verbose) {
      inIface = ws[k++];
      outIface = ws[k++];
    }
    const source = ws[k++];
    const destination = ws[k++];
    if (source === undefined || destination === undefined) return;
    const extra = ws.slice(k).join(' ');
    const dpt = /dpt:(\S+)/.exec(extra);
    const to = /to:(\S+)/.exec(extra);
    current.rules.push({
      line: i, pkts, bytes, extra, chain: current.name, target, protocol: PROTOCOLS[protocol] ?? protocol,
      source, destination, inIface, outIface, dport: dpt?.[1],
      toDestination: target === 'DNAT' ? to?.[1] : undefined, toSource: target === 'SNAT' ? to?.[1] : undefined,
      addrtypeLocal: /dst-type LOCAL/.test(extra) && !/!\s*dst-type/.test(extra),
    });
  });
  return { verbose, chains };
}

export function annotateIptablesList(v: { verbose: boolean; chains: ListedChain[] }, ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  for (const c of v.chains) {
    out.add(c.line, t.listedChain(chainNote(c.name, c.policy, c.references, t)), 0);
    if (c.headerLine !== undefined) out.add(c.headerLine, v.verbose ? t.listHeaderVerbose : t.listHeader);
    for (const r of c.rules) {
      for (const n of explainRule(r, ctx, lang)) out.add(r.line, n.text, n.weight);
      if (r.pkts !== undefined) out.add(r.line, t.matchedSoFar(r.pkts));
      if (/dpt:[a-z]/.test(r.extra)) out.add(r.line, t.serviceNames);
    }
  }
  return out;
}

export const iptablesListExplainer: Explainer<{ verbose: boolean; chains: ListedChain[] }> = {
  id: 'iptables-list',
  names: ['iptables -t nat -L', 'iptables -L', 'iptables -t nat -L -n', 'iptables -t nat -L -n -v', 'iptables -L -n -v'],
  parse: parseIptablesList,
  annotate: annotateIptablesList,
};

// --- iptables-save / iptables -S -----------------------------------------------------

export interface SavedRules {
  tables: { line: number; name: string }[];
  chains: { line: number; name: string; policy?: string; counters?: string }[];
  rules: (RuleMeaning & { line: number; table?: string })[];
  commits: number[];
  comments: number[];
}

/** Reads an iptables-save rule specification (everything after `-A CHAIN`). */
export function parseRuleSpec(chain: string, spec: string[]): RuleMeaning {
  const r: RuleMeaning = { chain };
  let not = false;
  for (let k = 0; k < spec.length; k++) {
    const w = spec[k];
    if (w === '!') {
      not = true;
      continue;
    }
    const v = spec[k + 1];
    const val = v === undefined ? undefined : (not ? '!' : '') + v;
    switch (w) {
      case '-s': case '--source': r.source = val; k++; break;
      case '-d': case '--destination': r.destination = val; k++; break;
      case '-i': case '--in-interface': r.inIface = val; k++; break;
      case '-o': case '--out-interface': r.outIface = val; k++; break;
      case '-p': case '--protocol': r.protocol = val; k++; break;
      case '--dport': case '--destination-port': r.dport = val; k++; break;
      case '-j': case '--jump': case '-g': r.target = v; k++; break;
      case '--to-destination': r.toDestination = v; k++; break;
      case '--to-source': r.toSource = v; k++; break;
      case '--dst-type': if (v === 'LOCAL' && !not) r.addrtypeLocal = true; k++; break;
      default: break;
    }
    not = false;
  }
  return r;
}

export function parseIptablesSave(lines: readonly string[]): SavedRules {
  const v: SavedRules = { tables: [], chains: [], rules: [], commits: [], comments: [] };
  let table: string | undefined;
  lines.forEach((line, i) => {
    const ws = words(line);
    if (ws.length === 0) return;
    const w = ws[0];
    if (w.startsWith('#')) v.comments.push(i);
    else if (/^\*\w+$/.test(w)) {
      table = w.slice(1);
      v.tables.push({ line: i, name: table });
    } else if (/^:\S+$/.test(w)) v.chains.push({ line: i, name: w.slice(1), policy: ws[1], counters: /^\[\d+:\d+\]$/.test(ws[2] ?? '') ? ws[2] : undefined });
    else if (w === '-P' && ws[1]) v.chains.push({ line: i, name: ws[1], policy: ws[2] });
    else if (w === '-N' && ws[1]) v.chains.push({ line: i, name: ws[1] });
    else if ((w === '-A' || w === '-I') && ws[1]) v.rules.push({ ...parseRuleSpec(ws[1], ws.slice(2)), line: i, table });
    else if (w === 'COMMIT') v.commits.push(i);
  });
  return v;
}

export function annotateIptablesSave(v: SavedRules, ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  for (const tb of v.tables) out.add(tb.line, t.table(tb.name, t.tables[tb.name]));
  for (const c of v.chains) {
    out.add(c.line, chainNote(c.name, c.policy, undefined, t) + (c.counters ? t.savedCounters(c.counters) : ''));
  }
  for (const r of v.rules) {
    for (const n of explainRule(r, ctx, lang)) out.add(r.line, n.text, n.weight);
    if (r.chain === 'POSTROUTING' && r.target === 'MASQUERADE' && ctx.state) {
      const fwd = ctx.state.sysctls[ctx.ns]?.['net.ipv4.ip_forward'];
      if (fwd === '0') out.add(r.line, t.masqueradeButNoForward(nsLabel(ctx.state, ctx.ns, t.lang)), 3);
    }
  }
  for (const c of v.commits) out.add(c, t.commit);
  for (const c of v.comments) out.mark(c);
  return out;
}

export const iptablesSaveExplainer: Explainer<SavedRules> = {
  id: 'iptables-save',
  names: ['iptables-save', 'iptables -S', 'iptables -t nat -S'],
  parse: parseIptablesSave,
  annotate: annotateIptablesSave,
};
