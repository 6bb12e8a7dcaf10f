// "Did you mean route?" for a command bash did not find: the names closest to what was
// typed, among the commands on the lab's PATH and the shell's own dot-commands.
import { listLabDir } from '../sandbox/lab-files.js';
import { currentLab } from '../sandbox/lab-access.js';
import { editDistance } from '../explain/net.js';
import { shellText, type ShellText } from '../i18n/shell-text.js';

/** Commands the lessons use: among names equally close, these come first. */
const LAB_COMMANDS = ['ip', 'route', 'brctl', 'bridge', 'iptables', 'iptables-save', 'docker', 'ping', 'ifconfig', 'arp', 'ss', 'nft', 'tcpdump', 'curl', 'nsenter', 'netstat', 'sysctl'];

/** The candidates closest to `typed` (at most `max`, all equally close): one edit away for
 * short names, two for longer ones. */
export function nearestNames(typed: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = typed.length <= 4 ? 1 : 2;
  const bare = (c: string) => c.replace(/^\./, '');
  const scored = [...new Set(candidates)]
    .filter((c) => c !== typed && Math.abs(bare(c).length - typed.length) <= limit)
    .map((c) => ({ c, d: editDistance(typed, bare(c)) }))
    .filter((x) => x.d <= limit);
  const rank = (c: string) => { const k = LAB_COMMANDS.indexOf(c); return k < 0 ? LAB_COMMANDS.length : k; };
  scored.sort((x, y) => x.d - y.d || rank(x.c) - rank(y.c) || x.c.localeCompare(y.c));
  return scored.filter((x) => x.d === scored[0].d).slice(0, max).map((x) => x.c);
}

let cached: { key: string; names: string[] } | undefined;

/** Every file name in the current lab's PATH's directories (read once per PATH and lab). */
export function commandsOnPath(path = currentLab().env.PATH ?? ''): string[] {
  const root = currentLab().root;
  if (cached?.key === `${root}\0${path}`) return cached.names;
  const names = new Set<string>();
  for (const dir of path.split(':').filter(Boolean)) {
    // (A PATH entry that does not exist or cannot be read has no commands to offer.)
    for (const name of listLabDir(dir)) names.add(name);
  }
  cached = { key: `${root}\0${path}`, names: [...names] };
  return cached.names;
}

/** The line to show under "bash: NAME: command not found", or undefined when nothing is close. */
export function didYouMean(typed: string, candidates: Iterable<string>, t: ShellText = shellText()): string | undefined {
  const near = nearestNames(typed, candidates);
  if (near.length === 0) return undefined;
  return t.didYouMean(typed, near.map((n) => `\`${n}\``));
}
