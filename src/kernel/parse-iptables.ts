// `iptables-save` → tables, chains and rules; the nat table's rules → NatRule[].

import type { NatRule } from './types.js';

export interface IptablesChain {
  name: string;
  /** 'ACCEPT' | 'DROP' for a built-in chain; '-' for a user-defined one. */
  policy: string;
}

export interface IptablesTable {
  name: string; // 'nat', 'filter', …
  chains: IptablesChain[];
  /** Rules in order; spec is the rule as printed, without '-A CHAIN'. */
  rules: { chain: string; spec: string }[];
}

/** Splits a rule the way iptables-save quotes it: words, with "double quoted" strings
 * (a comment) kept whole and \" unescaped. */
export function splitRuleWords(spec: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < spec.length) {
    if (spec[i] === ' ' || spec[i] === '\t') { i++; continue; }
    let word = '';
    while (i < spec.length && spec[i] !== ' ' && spec[i] !== '\t') {
      if (spec[i] === '"') {
        i++;
        while (i < spec.length && spec[i] !== '"') {
          if (spec[i] === '\\' && i + 1 < spec.length) i++;
          word += spec[i++];
        }
        i++; // the closing quote
      } else {
        word += spec[i++];
      }
    }
    words.push(word);
  }
  return words;
}

export function parseIptablesSave(text: string): IptablesTable[] {
  const tables: IptablesTable[] = [];
  let current: IptablesTable | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      current = { name: line.slice(1).trim(), chains: [], rules: [] };
      tables.push(current);
    } else if (!current || line.startsWith('#')) {
      continue;
    } else if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (name) current.chains.push({ name, policy: policy ?? '-' });
    } else if (line.startsWith('-A ')) {
      const m = /^-A\s+(\S+)\s*(.*)$/.exec(line);
      if (m) current.rules.push({ chain: m[1], spec: m[2] });
    } else if (line.trim() === 'COMMIT') {
      current = undefined;
    }
  }
  return tables;
}

// Each option iptables-save prints in its long or short form, and where it goes.
const FIELDS: Record<string, 'source' | 'destination' | 'inIface' | 'outIface' | 'protocol' | 'dport' | 'target' | 'toDestination' | 'toSource' | 'toPorts'> = {
  '-s': 'source', '--source': 'source',
  '-d': 'destination', '--destination': 'destination',
  '-i': 'inIface', '--in-interface': 'inIface',
  '-o': 'outIface', '--out-interface': 'outIface',
  '-p': 'protocol', '--protocol': 'protocol',
  '--dport': 'dport', '--destination-port': 'dport',
  '-j': 'target', '--jump': 'target', '-g': 'target', '--goto': 'target',
  '--to-destination': 'toDestination',
  '--to-source': 'toSource',
  '--to-ports': 'toPorts',
};

/** One rule as data. A negated match keeps its '!' on the value ('!docker0'); a negated
 * or ranged --dport (not one port) is left out of `dport` but stays in `spec`. */
export function parseRule(ns: string, chain: string, spec: string): NatRule {
  const rule: NatRule = { ns, chain, spec, target: '' };
  const words = splitRuleWords(spec);
  for (let i = 0; i < words.length; i++) {
    let negated = false;
    if (words[i] === '!') { negated = true; i++; }
    const field = FIELDS[words[i]];
    const value = words[i + 1];
    if (!field || value === undefined) continue;
    i++;
    if (field === 'dport') {
      if (!negated && /^\d+$/.test(value)) rule.dport = Number(value);
    } else if (field === 'target') {
      rule.target = value;
    } else {
      rule[field] = negated ? `!${value}` : value;
    }
  }
  return rule;
}

/** The nat table's rules of one namespace, in order. */
export function parseNatRules(iptablesSave: string, ns: string): NatRule[] {
  const nat = parseIptablesSave(iptablesSave).find((t) => t.name === 'nat');
  return nat ? nat.rules.map((r) => parseRule(ns, r.chain, r.spec)) : [];
}
