// The shapes every explainer shares. An explainer turns the text a command printed into a
// typed value (parse) and that value into notes attached to the original lines (annotate).
import type { Lang } from '../i18n/lang.js';
import type { KernelState } from '../kernel/types.js';

export type ExplainerId =
  | 'ip-addr' // ip addr / ip a / ip link, full and -br forms
  | 'ip-route'
  | 'route-n' // route -n, route, netstat -rn
  | 'brctl-show'
  | 'bridge-link'
  | 'bridge-fdb'
  | 'ip-netns'
  | 'iptables-list' // iptables [-t nat] -L [-n] [-v]
  | 'iptables-save' // iptables-save, iptables -S
  | 'ping'
  | 'ifconfig'
  | 'docker-network-inspect'
  | 'ip-neigh'
  | 'arp'
  | 'ss' // ss -tlnp, ss -tulnp, ss -tan
  | 'nft' // nft list ruleset
  | 'resolv-conf' // cat /etc/resolv.conf
  | 'nslookup'
  | 'hosts'; // getent hosts NAME, cat /etc/hosts

/** One line of the original output with what nslab can say about it. */
export interface AnnotatedLine {
  text: string;
  notes: string[];
  /** False when no explainer rule recognised the line: it is passed through untouched. */
  understood: boolean;
}

export interface ExplainOptions {
  /** Live lab state: lets notes name the namespace or container behind a number. */
  state?: KernelState;
  /** Netns.id of the namespace where the command ran; 'host' when absent. */
  ns?: string;
  detail: 'compact' | 'full';
  /** The language of the notes; the process's own when absent. */
  lang?: Lang;
}

/**
 * How much a note matters. Compact explanations keep only the highest-weighted few:
 * 0 = only in the full explanation, 3 = the point of the output (NO-CARRIER, a veth peer,
 * 100% packet loss).
 */
export type Weight = 0 | 1 | 2 | 3;

export interface Note {
  text: string;
  weight: Weight;
}

/** What the lab state adds, resolved once for the namespace the command ran in. */
export interface Context {
  state?: KernelState;
  ns: string;
  /** The language of the notes; the process's own when absent. */
  lang?: Lang;
}

/** Notes per line index, and which lines were recognised. */
export class Annotations {
  readonly notes = new Map<number, Note[]>();
  readonly understood = new Set<number>();

  mark(line: number): void {
    this.understood.add(line);
  }

  add(line: number, text: string, weight: Weight = 0): void {
    this.understood.add(line);
    const list = this.notes.get(line);
    if (list) list.push({ text, weight });
    else this.notes.set(line, [{ text, weight }]);
  }
}

export interface Explainer<T> {
  id: ExplainerId;
  /** The command names `nslab explain --as` accepts for it. */
  names: readonly string[];
  parse(lines: readonly string[]): T;
  annotate(value: T, ctx: Context): Annotations;
}
