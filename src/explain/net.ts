// Address arithmetic and plain words for the things the kernel prints. Pure.

export { parseIpv4, formatIpv4, maskOf, prefixToMask, maskToPrefix, ipv4Net, inIpv4Net, type Ipv4Net } from '../net/ipv4.js';
import { ipv4Net, prefixToMask } from '../net/ipv4.js';
import { explainIpText } from '../i18n/explain-ip-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';

/** "172.17.0.0/16 (netmask 255.255.0.0, 65,536 addresses: 172.17.0.0–172.17.255.255)". */
export function describeIpv4Net(addr: string, prefix: number, lang: Lang = currentLang()): string {
  const net = ipv4Net(addr, prefix);
  if (!net) return `${addr}/${prefix}`;
  const t = explainIpText(lang);
  if (prefix === 32) return t.netSingle(addr);
  return t.netRange(net.network, prefix, prefixToMask(prefix), net.size.toLocaleString('en-US'), net.broadcast);
}

/** What kind of IPv6 address this is, in a few words. */
export function describeIpv6(addr: string, lang: Lang = currentLang()): string {
  const k = explainIpText(lang).ipv6Kinds;
  const a = addr.toLowerCase();
  if (a === '::1') return k.loopback;
  if (a === '::') return k.unspecified;
  if (/^fe[89ab][0-9a-f]?:/.test(a)) return k.linkLocal;
  if (/^f[cd][0-9a-f]{0,2}:/.test(a)) return k.uniqueLocal;
  if (/^ff[0-9a-f]{0,2}:/.test(a)) return k.multicast;
  if (a.startsWith('2001:db8:') || a === '2001:db8::' || a.startsWith('2001:db8::')) return k.documentation;
  if (/^[23][0-9a-f]{0,3}:/.test(a)) return k.global;
  return k.other;
}

/** True when a link-local IPv6 address was made from this MAC (EUI-64: ff:fe in the middle, bit 7 flipped). */
export function ipv6FromMac(addr: string, mac: string): boolean {
  const m = mac.toLowerCase().split(':');
  if (m.length !== 6 || m.some((x) => !/^[0-9a-f]{2}$/.test(x))) return false;
  const first = (parseInt(m[0], 16) ^ 2).toString(16).padStart(2, '0');
  const groups = [first + m[1], m[2] + 'ff', 'fe' + m[3], m[4] + m[5]].map((g) => g.replace(/^0+(?=.)/, ''));
  return addr.toLowerCase().endsWith(':' + groups.join(':'));
}

export function describeMac(mac: string, lang: Lang = currentLang()): string | undefined {
  const t = explainIpText(lang);
  const m = mac.toLowerCase();
  if (m === 'ff:ff:ff:ff:ff:ff') return t.macBroadcast;
  if (m === '00:00:00:00:00:00') return undefined;
  if (m.startsWith('33:33:')) return t.macIpv6Multicast;
  if (m.startsWith('01:00:5e:')) return t.macIpv4Multicast;
  if (m.startsWith('02:42:')) {
    const b = m.split(':').slice(2).map((x) => parseInt(x, 16));
    if (b.length === 4 && b.every((x) => Number.isInteger(x)) && b[0] === 172) return t.macDockerContainer(b.join('.'));
    return t.macDocker;
  }
  const first = parseInt(m.slice(0, 2), 16);
  if (Number.isInteger(first) && first & 2) return t.macLocal;
  return undefined;
}

/** Hops a packet took, guessed from the TTL it arrived with (starting values 64, 128, 255). */
export function hopsFromTtl(ttl: number): { start: number; hops: number } | undefined {
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 255) return undefined;
  const start = ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
  return { start, hops: start - ttl };
}

/** Edit distance (Levenshtein, with a swap of two neighbours as one edit), for "did you
 * mean" on short words. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two letters swapped (`ruote`) is one slip of the fingers, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
