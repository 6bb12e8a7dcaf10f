// The system tools the lab drives, and the Debian package of each. One list, read by the
// set-up script (which installs what is missing) and by `nslab doctor` (which reports it).
// TEST_TOOLS are for nslab's own tests only: the set-up installs them with --for-tests, and
// doctor leaves them out (a lab does not need them).
import { accessSync, constants } from 'node:fs';

export const REQUIRED_TOOLS = [
  { command: 'ip', pkg: 'iproute2', why: 'links, addresses, routes, namespaces' },
  { command: 'bridge', pkg: 'iproute2', why: 'bridge ports and forwarding database' },
  { command: 'brctl', pkg: 'bridge-utils', why: 'brctl show, as in the documents' },
  { command: 'iptables', pkg: 'iptables', why: 'NAT rules' },
  { command: 'nft', pkg: 'nftables', why: 'the nft view of the same rules' },
  { command: 'ping', pkg: 'iputils-ping', why: 'reachability' },
  { command: 'ifconfig', pkg: 'net-tools', why: 'ifconfig, route -n, arp -n' },
  { command: 'route', pkg: 'net-tools', why: 'route -n' },
  { command: 'curl', pkg: 'curl', why: 'published ports' },
  { command: 'tcpdump', pkg: 'tcpdump', why: 'watching packets' },
  { command: 'conntrack', pkg: 'conntrack', why: 'the NAT mappings the packet walk names' },
  { command: 'dnsmasq', pkg: 'dnsmasq-base', why: 'the DNS server on 127.0.0.11 of user-defined networks, and the outside world\'s' },
  { command: 'nslookup', pkg: 'bind9-dnsutils', why: 'nslookup and dig, asking DNS servers by name' },
  { command: 'newuidmap', pkg: 'uidmap', why: 'rootless labs where setgroups stays allowed' },
  { command: 'unshare', pkg: 'util-linux', why: 'creating the lab namespaces' },
  { command: 'nsenter', pkg: 'util-linux', why: 'entering containers and namespaces' },
];

export const TEST_TOOLS = [
  { command: 'chromium', pkg: 'chromium', with: ['fonts-dejavu-core', 'fonts-wqy-microhei'], why: 'the browser tests of nslab serve (headless, through playwright-core)' },
  { command: 'python3', pkg: 'python3', why: 'the tests of the python3 terminal helper of nslab serve' },
];

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The absolute path of a command, looked up in the sbin directories too (an ordinary
 * user's PATH often lacks them, yet the tools work inside a user namespace). */
export function findTool(command) {
  const dirs = [...new Set([...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH])];
  for (const dir of dirs) {
    const p = `${dir}/${command}`;
    try { accessSync(p, constants.X_OK); return p; } catch { /* not here */ }
  }
  return undefined;
}
