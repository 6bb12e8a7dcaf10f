// Just enough IP address handling for checks and questions: recognise an address or a
// prefix as an author writes it. (Arithmetic lives in src/net/ipv4.ts.)

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+(%\w+)?$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIpAddress(s: string): boolean {
  return IPV4.test(s) || (s.includes(':') && IPV6.test(s) && s.split('::').length <= 2);
}

/** `10.0.0.2/24` → address and prefix; `10.0.0.2` → address alone. */
export function parseCidr(s: string): { address: string; prefixlen?: number } | undefined {
  const [address, prefix, extra] = s.split('/');
  if (extra !== undefined || !isIpAddress(address)) return undefined;
  if (prefix === undefined) return { address };
  const max = address.includes(':') ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return undefined;
  return { address, prefixlen: Number(prefix) };
}

export function isIpOrCidr(s: string): boolean {
  return parseCidr(s) !== undefined;
}

/** A prefix the way `ip route` prints it: a host route without /32 gets it. */
export function normalizeDst(dst: string): string {
  if (dst === 'default' || dst === '0.0.0.0/0' || dst === '::/0') return 'default';
  return dst.includes('/') ? dst : `${dst}/${dst.includes(':') ? 128 : 32}`;
}
