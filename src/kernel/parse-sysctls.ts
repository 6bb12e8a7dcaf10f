// Sysctl values as `sysctl` prints them ("net.ipv4.ip_forward = 1") or as key=value.

/** The sysctls nslab reads in every namespace, by their dotted name. */
export const SNAPSHOT_SYSCTLS = [
  'net.ipv4.ip_forward',
  'net.ipv4.conf.all.forwarding',
  'net.ipv4.conf.all.rp_filter',
  'net.bridge.bridge-nf-call-iptables', // only present once br_netfilter is loaded
] as const;

/** The /proc/sys file behind a dotted sysctl name. */
export function sysctlPath(name: string): string {
  return `/proc/sys/${name.replaceAll('.', '/')}`;
}

export function parseSysctls(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([\w.\-/]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  return values;
}
