// Whether a learner's command line contains the command a `ran` check names. Words match
// as a prefix of any simple command in the line (`brctl show` matches `sudo brctl show |
// grep veth`); a /regex/ is tried on the whole line.
import type { CheckBody } from './check-syntax.js';
import { simpleCommands } from '../shell-words.js';

export { simpleCommands };

type RanCheck = Extract<CheckBody, { kind: 'ran' }>;

export function matchesRan(check: RanCheck, line: string): boolean {
  if (check.pattern !== undefined) return new RegExp(check.pattern, check.flags).test(line);
  const want = check.words ?? [];
  return simpleCommands(line).some((words) => want.length <= words.length && want.every((w, i) => words[i] === w));
}
