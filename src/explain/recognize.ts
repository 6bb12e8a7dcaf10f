// Which explainer fits a command line the learner typed. Wrappers that run a command
// elsewhere (sudo, ip netns exec, docker exec, nsenter) are peeled off first.
import type { ExplainerId } from './types.js';
import { dropCommandPrefixes, shellWords } from '../shell-words.js';

export { shellWords };

/** The words of the command that actually prints, without wrappers; [] when none. */
export function innerCommand(line: string): string[] {
  return peelWrappers(line).words;
}

/** Where a wrapped command runs, by the name the learner gave: `net1` for `ip netns exec
 * net1 ip a` or `ip -n net1 a`, `bbox1` for `docker exec bbox1 ip a`; undefined when the
 * line runs where it was typed. Explanations look there, not in the shell's own place. */
export function commandTarget(line: string): string | undefined {
  return peelWrappers(line).target;
}

function peelWrappers(line: string): { words: string[]; target?: string } {
  if (line.length > 4096) return { words: [] };
  const first = line.split(/\||&&|;|\|\|/)[0] ?? '';
  let ws = shellWords(first.trim());
  let target: string | undefined;
  for (let guard = 0; guard < 8 && ws.length > 0; guard++) {
    ws = dropCommandPrefixes(ws); // LANG=C ip a, sudo ip a
    const w = ws[0];
    if (w === undefined) break;
    if (w === 'ip' && ws[1] === 'netns' && ws[2] === 'exec' && ws.length > 4) { target = ws[3]; ws = ws.slice(4); }
    else if (w === 'ip' && (ws[1] === '-n' || ws[1] === '-netns') && ws.length > 3 && ws[3] !== undefined) { target = ws[2]; ws = ['ip', ...ws.slice(3)]; }
    else if (w === 'docker' && ws[1] === 'exec') {
      let k = 2;
      while (k < ws.length && ws[k].startsWith('-')) k += /^-(e|u|w|-env|-user|-workdir)$/.test(ws[k]) ? 2 : 1;
      target = ws[k];
      ws = ws.slice(k + 1);
    } else if (w === 'nsenter') {
      let k = 1;
      while (k < ws.length && ws[k].startsWith('-')) {
        const net = /^--net=\/run\/netns\/(.+)$|^--net=\/var\/run\/netns\/(.+)$/.exec(ws[k]);
        if (net) target = net[1] ?? net[2];
        k += /^-[tn]$/.test(ws[k]) && ws[k + 1] && !ws[k + 1].startsWith('-') && ws[k] === '-t' ? 2 : 1;
      }
      ws = ws.slice(ws[k] === '--' ? k + 1 : k);
    } else break;
  }
  // /usr/sbin/ip and /sbin/route name the same commands.
  return { words: ws.length > 0 ? [ws[0].replace(/^.*\//, ''), ...ws.slice(1)] : ws, target };
}

function matchesObject(word: string | undefined, full: string, min = 1): boolean {
  return word !== undefined && word.length >= min && full.startsWith(word);
}

function recognizeIp(args: string[]): ExplainerId | undefined {
  let k = 0;
  while (k < args.length && args[k].startsWith('-')) k += /^-(n|netns|f|family|b|batch|rc|c(olor)?=?)$/.test(args[k]) && !args[k].includes('=') && args[k] !== '-c' ? 2 : 1;
  if (args.some((a) => a === '-j' || a === '-json' || a === '--json')) return undefined;
  const obj = args[k];
  const verb = args[k + 1];
  const showing = verb === undefined || ['show', 'list', 'ls', 'lst', 'sh', 's', 'l'].includes(verb) || (!['add', 'del', 'delete', 'set', 'change', 'replace', 'flush', 'append', 'exec', 'get', 'monitor', 'identify', 'pids', 'attach', 'set'].includes(verb) && !verb.startsWith('-'));
  if (!obj) return undefined;
  if (obj === 'netns') return verb === undefined || verb === 'list' || verb === 'ls' || verb === 'show' ? 'ip-netns' : undefined;
  if (!showing) return undefined;
  if (matchesObject(obj, 'address') || matchesObject(obj, 'link')) return 'ip-addr';
  if (matchesObject(obj, 'route')) return verb === 'get' ? undefined : 'ip-route';
  if (matchesObject(obj, 'neighbour') || matchesObject(obj, 'neighbor')) return 'ip-neigh';
  return undefined;
}

function recognizeIptables(args: string[]): ExplainerId | undefined {
  let list = false;
  let save = false;
  for (const a of args) {
    if (a === '--list' || (/^-[a-zA-Z]+$/.test(a) && a.includes('L'))) list = true;
    if (a === '--list-rules' || (/^-[a-zA-Z]+$/.test(a) && a.includes('S'))) save = true;
    if (/^-[a-zA-Z]*[AIDRNXPFZE]/.test(a) && !/^-[a-zA-Z]*[LS]/.test(a) && a !== '-t' && a !== '-n' && a !== '-v') return undefined;
  }
  return save ? 'iptables-save' : list ? 'iptables-list' : undefined;
}

export function recognize(commandLine: string): ExplainerId | undefined {
  try {
    const ws = innerCommand(String(commandLine));
    const [cmd, ...args] = ws;
    switch (cmd) {
      case 'ip':
        return recognizeIp(args);
      case 'route':
        return args.every((a) => a.startsWith('-')) ? 'route-n' : undefined;
      case 'netstat':
        return args.some((a) => /^-\w*r/.test(a)) ? 'route-n' : undefined;
      case 'brctl':
        return args[0] === 'show' ? 'brctl-show' : undefined;
      case 'bridge':
        if (args.some((a) => a === '-j' || a === '-json')) return undefined;
        return matchesObject(args.find((a) => !a.startsWith('-')), 'link') && !args.includes('set') ? 'bridge-link'
          : matchesObject(args.find((a) => !a.startsWith('-')), 'fdb') && !args.some((a) => a === 'add' || a === 'del' || a === 'append' || a === 'replace') ? 'bridge-fdb' : undefined;
      case 'iptables':
      case 'ip6tables':
      case 'iptables-legacy':
      case 'iptables-nft':
        return recognizeIptables(args);
      case 'iptables-save':
      case 'iptables-legacy-save':
      case 'iptables-nft-save':
        return 'iptables-save';
      case 'ping':
      case 'ping6':
        return 'ping';
      case 'ifconfig':
        return args.filter((a) => !a.startsWith('-')).length <= 1 ? 'ifconfig' : undefined;
      case 'arp':
        return args.some((a) => a === '-s' || a === '-d') ? undefined : 'arp';
      case 'docker':
        return args[0] === 'network' && args[1] === 'inspect' && !args.some((a) => a === '-f' || a.startsWith('--format')) ? 'docker-network-inspect' : undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
