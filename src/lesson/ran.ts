// Whether a learner's command line contains the command a `ran` check names. Words match
// as a prefix of any simple command in the line (`brctl show` matches `sudo brctl show |
// grep veth`); a /regex/ is tried on the whole line.
import type { CheckBody } from './check-syntax.js';

type RanCheck = Extract<CheckBody, { kind: 'ran' }>;

/** Splits a shell line into the words of each simple command, roughly: on | ; && || and
 * newlines, quotes removed. Good enough to recognise a command; not a shell parser. */
export function simpleCommands(line: string): string[][] {
  return line
    .split(/\|\||&&|[|;\n]/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^['"]|['"]$/g, '')))
    .map(dropPrefixes)
    .filter((words) => words.length > 0);
}

/** `sudo`, `VAR=value` and `command`/`exec` in front do not change which command runs. */
function dropPrefixes(words: string[]): string[] {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || ['sudo', 'command', 'exec', 'time'].includes(words[i]))) i++;
  return words.slice(i);
}

export function matchesRan(check: RanCheck, line: string): boolean {
  if (check.pattern !== undefined) return new RegExp(check.pattern, check.flags).test(line);
  const want = check.words ?? [];
  return simpleCommands(line).some((words) => want.length <= words.length && want.every((w, i) => words[i] === w));
}
