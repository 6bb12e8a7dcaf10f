// Tab completion: dot-commands after a `.`, common commands for the first word, and the
// live lab's link, namespace and container names (from the latest snapshot) after that.
import type { KernelState } from '../kernel/types.js';
import { DOT_COMMANDS } from './dot-commands.js';
import { liveNames } from '../place/places.js';

const COMMANDS = ['ip', 'bridge', 'brctl', 'route', 'ifconfig', 'arp',
  'iptables', 'iptables-save', 'nft', 'ping', 'curl', 'tcpdump', 'docker', 'nsenter', 'sysctl', 'ls', 'cat', 'ln'];
const WORDS = ['netns', 'exec', 'link', 'addr', 'route', 'add', 'del', 'set', 'show', 'type', 'veth', 'bridge', 'peer', 'name', 'master',
  'nomaster', 'up', 'down', 'dev', 'via', 'default', 'run', 'inspect', 'network', 'ps', 'rm', 'stop', 'busybox', '--net=none', '--net=host',
  '--name', '-itd', 'addif', 'delif', 'fdb', 'POSTROUTING', 'PREROUTING', 'MASQUERADE', 'DNAT', '-t', 'nat'];

export function complete(line: string, state: KernelState | undefined): [string[], string] {
  const token = line.match(/(\S*)$/)?.[1] ?? '';
  if (line.startsWith('.') && !line.includes(' ')) {
    return [DOT_COMMANDS.map((c) => '.' + c.name).filter((c) => c.startsWith(line)), line];
  }
  if (/^\.enter\s+\S*$/.test(line)) {
    const names = ['outside', ...(state?.namespaces.flatMap((n) => n.names) ?? [])];
    return [[...new Set(names)].filter((n) => n.startsWith(token) && !/^[0-9a-f]{64}$/.test(n)), token];
  }
  const firstWord = !/\s/.test(line.trimStart());
  const pool = firstWord ? COMMANDS : [...liveNames(state), ...WORDS];
  return [[...new Set(pool)].filter((c) => c.startsWith(token)).sort(), token];
}
