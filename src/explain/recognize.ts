// Which explainer fits a command line the learner typed, and where its commands run.
// Wrappers that run a command elsewhere (sudo, ip netns exec, docker exec, nsenter) are
// peeled off first. A line of several commands is read command by command, so that an
// explanation is only given for output that can be tied to the command that printed it.
import type { ExplainerId } from './types.js';
import { dropCommandPrefixes, pipelines, shellWords } from '../shell-words.js';

export { shellWords };

/** The words of the line's first command that actually prints, without wrappers; [] when none. */
export function innerCommand(line: string): string[] {
  return readCommands(line)[0]?.words ?? [];
}

/** What the shell needs to know of a line before it explains what the line printed. */
export interface LineReading {
  /** The explainer for the line's output: undefined when none fits, or when the commands
   * that print would each need another (`ip a; ip r`: the output cannot be split). */
  explainer?: ExplainerId;
  /** The commands that print need different explainers. */
  mixedOutput: boolean;
  /** Where the commands that print run, by the name the learner gave (`net1` for `ip netns
   * exec net1 ip a` or `ip -n net1 a`, `bbox1` for `docker exec bbox1 ip a`); undefined:
   * where the line was typed. */
  outputTarget?: string;
  /** The commands that print run in more than one place: no line of the output can be
   * tied to one namespace (`docker exec bbox1 ip a; ip a`). */
  outputInSeveralPlaces: boolean;
  /** Where all of the line's commands run (for the errors any of them may print). */
  target?: string;
  inSeveralPlaces: boolean;
}

interface CommandReading {
  words: string[];
  target?: string;
  explainer?: ExplainerId;
  /** Known to print nothing on stdout when it works (`ip link set … up`, `cd`). */
  quiet: boolean;
}

export function readLine(line: string): LineReading {
  const commands = readCommands(String(line));
  const printing = commands.filter((c) => !c.quiet);
  const explainers = new Set(printing.map((c) => c.explainer).filter((id): id is ExplainerId => id !== undefined));
  const places = (cs: CommandReading[]) => new Set(cs.map((c) => c.target));
  const outputPlaces = places(printing);
  const allPlaces = places(commands);
  return {
    explainer: explainers.size === 1 ? [...explainers][0] : undefined,
    mixedOutput: explainers.size > 1,
    outputTarget: outputPlaces.size === 1 ? [...outputPlaces][0] : undefined,
    outputInSeveralPlaces: outputPlaces.size > 1,
    target: allPlaces.size === 1 ? [...allPlaces][0] : undefined,
    inSeveralPlaces: allPlaces.size > 1,
  };
}

/** Each pipeline of the line, read from its first stage (a pipe's later stages filter
 * what the first prints: `ip a | grep inet` is still `ip a`'s output). */
function readCommands(line: string): CommandReading[] {
  if (line.length > 4096) return [];
  return pipelines(line).map((stages) => {
    const { words, target } = peelWrappers(stages[0]);
    const explainer = recognizeWords(words);
    return { words, target, explainer, quiet: explainer === undefined && printsNothing(words) };
  });
}

const QUIET = new Set(['cd', 'export', 'unset', 'ln', 'mkdir', 'rm', 'sleep', 'true', 'false', ':', 'modprobe', 'touch']);

/** Commands that change things and print nothing when they work: what such a command
 * prints (its errors) goes to stderr, so it takes no part in explaining stdout. */
function printsNothing(words: string[]): boolean {
  const [cmd, ...args] = words;
  if (cmd === undefined) return true; // `pid=$(…)` alone
  if (QUIET.has(cmd)) return true;
  const changing = ['add', 'del', 'delete', 'set', 'change', 'replace', 'flush', 'append', 'addbr', 'delbr', 'addif', 'delif', 'stp', 'setageing'];
  if (cmd === 'ip' || cmd === 'bridge' || cmd === 'brctl') return args.some((a) => changing.includes(a));
  if (/^ip6?tables(-legacy|-nft)?$/.test(cmd)) return args.some((a) => /^-[a-zA-Z]*[AIDRNXPF]/.test(a) && !/^-[a-zA-Z]*[LS]/.test(a));
  return false;
}

function peelWrappers(command: string): { words: string[]; target?: string } {
  let ws = shellWords(command.trim());
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

/** The explainer for what a command line prints (see LineReading.explainer). */
export function recognize(commandLine: string): ExplainerId | undefined {
  try {
    return readLine(String(commandLine)).explainer;
  } catch {
    return undefined;
  }
}

function recognizeWords(ws: string[]): ExplainerId | undefined {
  try {
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
      case 'ss':
        return args.some((a) => a === '-K' || a === '--kill' || /^-\w*[sE]/.test(a)) ? undefined : 'ss';
      case 'nft':
        return args.filter((a) => !a.startsWith('-'))[0] === 'list' && !args.includes('-j') && !args.includes('--json') ? 'nft' : undefined;
      case 'cat':
        return args.length === 1 && /(^|\/)resolv\.conf$/.test(args[0]) ? 'resolv-conf' : args.length === 1 && /^\/etc\/hosts$/.test(args[0]) ? 'hosts' : undefined;
      case 'getent':
        return args[0] === 'hosts' || args[0] === 'ahostsv4' ? 'hosts' : undefined;
      case 'nslookup':
        return args.some((a) => !a.startsWith('-')) ? 'nslookup' : undefined;
      case 'docker':
        return args[0] === 'network' && args[1] === 'inspect' && !args.some((a) => a === '-f' || a.startsWith('--format')) ? 'docker-network-inspect' : undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
