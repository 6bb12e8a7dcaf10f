// `bridge -j fdb show` → forwarding database entries.
import type { KernelState } from './types.js';
import { parseJsonArray, str, strings } from './json.js';

export type FdbEntry = KernelState['fdb'][number];

/** Entries of one namespace: a bridge's learned and permanent MACs (with `master`), and
 * the devices' own entries (flag 'self'), such as a vxlan's remote VTEPs. */
export function parseBridgeFdb(json: string, ns: string): FdbEntry[] {
  const entries: FdbEntry[] = [];
  for (const raw of parseJsonArray(json, 'bridge -j fdb show')) {
    const mac = str(raw.mac);
    const dev = str(raw.ifname);
    if (!mac || !dev) continue;
    const entry: FdbEntry = { ns, mac, dev, permanent: raw.state === 'permanent' };
    const master = str(raw.master);
    if (master) entry.master = master;
    const dst = str(raw.dst);
    if (dst) entry.dst = dst;
    const flags = strings(raw.flags);
    if (flags.length) entry.flags = flags;
    entries.push(entry);
  }
  return entries;
}
