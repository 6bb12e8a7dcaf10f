// What `nft monitor trace` prints, as data: for each chain a traced packet entered, the
// packet as the chain saw it (addresses, interfaces, IP id) and the rule or policy that
// decided. The packet walk takes its NAT rules and its drops from here. Pure; tested on
// output captured in a lab (test/fixtures/walk/).

export interface TraceStep {
  family: string; // 'ip' | 'inet' | 'bridge' | …
  table: string; // 'nat' | 'filter' | …
  chain: string; // 'POSTROUTING', 'FORWARD', 'DOCKER', …
  /** The packet as this chain saw it (from the chain's `packet:` line). */
  packet: { ipId?: number; saddr?: string; daddr?: string; iif?: string; oif?: string; sport?: number; dport?: number };
  /** What decided: a rule (its text as nft prints it), or the chain's policy. */
  rule?: string;
  policy?: string;
  verdict?: string; // 'accept' | 'drop' | 'continue' | 'jump DOCKER' | …
}

const LINE = /^trace id (\S+) (\S+) (\S+) (\S+) (packet|rule|policy):? ?(.*)$/;

function field(text: string, name: string): string | undefined {
  const m = new RegExp(`(?:^| )${name} "?([^" ]+)"?`).exec(text);
  return m?.[1];
}

function packetOf(text: string): TraceStep['packet'] {
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const p: TraceStep['packet'] = {
    ipId: num(field(text, 'ip id')),
    saddr: field(text, 'ip saddr'),
    daddr: field(text, 'ip daddr'),
    iif: field(text, 'iif'),
    oif: field(text, 'oif'),
    sport: num(field(text, '(?:tcp|udp) sport')),
    dport: num(field(text, '(?:tcp|udp) dport')),
  };
  for (const k of Object.keys(p) as (keyof typeof p)[]) if (p[k] === undefined) delete p[k];
  return p;
}

/** The rule and policy decisions, in order, each with the packet its chain saw. */
export function parseNftTrace(text: string): TraceStep[] {
  const steps: TraceStep[] = [];
  // The last `packet:` line of each trace id and table: the rule lines that follow it are
  // about that packet, in a chain jumped to as well (nft prints no packet line for it).
  const seen = new Map<string, TraceStep['packet']>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const [, id, family, table, chain, kind, rest] = m;
    const key = `${id} ${family} ${table}`;
    if (kind === 'packet') {
      seen.set(key, packetOf(rest));
      continue;
    }
    const packet = seen.get(key) ?? {};
    if (kind === 'rule') {
      const v = /^(.*) \(verdict ([^)]+)\)$/.exec(rest);
      steps.push({ family, table, chain, packet, rule: (v ? v[1] : rest).trim(), ...(v ? { verdict: v[2] } : {}) });
    } else {
      const policy = rest.trim();
      steps.push({ family, table, chain, packet, policy, verdict: policy });
    }
  }
  return steps;
}
