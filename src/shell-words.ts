// Reading a learner's shell line well enough to tell which commands it runs: words with
// simple quotes honoured, and the prefixes that do not change the command (`sudo`,
// `VAR=value`, `command`, `exec`, `time`). Not a shell parser; shared by the explainers
// (which command printed this?) and the `ran` checks (was this command run?).

/** Splits a line into words, honouring simple double and single quotes. */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const PREFIXES = new Set(['sudo', 'command', 'exec', 'time']);

/** Drops leading `VAR=value` words and the prefixes above (with the prefixes' options). */
export function dropCommandPrefixes(words: string[]): string[] {
  let ws = words;
  for (;;) {
    if (ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[0])) ws = ws.slice(1);
    else if (ws.length && PREFIXES.has(ws[0])) {
      ws = ws.slice(1);
      while (ws.length && ws[0].startsWith('-')) ws = ws.slice(1);
    } else return ws;
  }
}

/** The words of each simple command of a line (split on | ; && || and newlines), with
 * their prefixes dropped. */
export function simpleCommands(line: string): string[][] {
  return line
    .split(/\|\||&&|[|;\n]/)
    .map((part) => dropCommandPrefixes(shellWords(part.trim())))
    .filter((words) => words.length > 0);
}
