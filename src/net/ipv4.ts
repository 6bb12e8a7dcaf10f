// IPv4 arithmetic, pure: one place for the explainers, the runtime's address management,
// route lookups and questions.

export function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function maskOf(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function prefixToMask(prefix: number): string {
  return formatIpv4(maskOf(prefix));
}

/** 255.255.0.0 → 16; undefined for a mask whose ones are not contiguous. */
export function maskToPrefix(mask: string): number | undefined {
  const n = parseIpv4(mask);
  if (n === undefined) return undefined;
  let prefix = 0;
  while (prefix < 32 && n & (0x80000000 >>> prefix)) prefix++;
  return maskOf(prefix) === n ? prefix : undefined;
}

export interface Ipv4Net {
  network: string;
  broadcast: string;
  prefix: number;
  size: number;
}

export function ipv4Net(addr: string, prefix: number): Ipv4Net | undefined {
  const n = parseIpv4(addr);
  if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const mask = maskOf(prefix);
  const network = (n & mask) >>> 0;
  return { network: formatIpv4(network), broadcast: formatIpv4((network | (~mask >>> 0)) >>> 0), prefix, size: 2 ** (32 - prefix) };
}

export function inIpv4Net(addr: string, cidr: string): boolean {
  const [net, p] = cidr.split('/');
  const a = parseIpv4(addr);
  const b = parseIpv4(net);
  const prefix = p === undefined ? 32 : Number(p);
  if (a === undefined || b === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const mask = maskOf(prefix);
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}
