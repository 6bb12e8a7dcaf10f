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

/**
 * The pipelines of a line, in order: its parts between unquoted list operators (`;`, `&`,
 * `&&`, `||`, newlines), each as its stages (the parts between unquoted `|`). Quotes,
 * backslashes and `$(…)` are honoured, so `sh -c 'ip a; ip r'` stays one command and
 * `2>&1` is no operator. Not a shell parser: enough to tell which commands a line runs.
 */
export function pipelines(line: string): string[][] {
  const out: string[][] = [];
  let stages: string[] = [];
  let word = '';
  let quote: '"' | "'" | '`' | undefined;
  let depth = 0; // inside $( … )
  const endStage = () => { stages.push(word.trim()); word = ''; };
  const endPipeline = () => {
    endStage();
    const kept = stages.filter((st) => st !== '');
    if (kept.length) out.push(kept);
    stages = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = line[i + 1];
    if (quote) {
      if (c === '\\' && quote !== "'" && next !== undefined) { word += c + next; i++; continue; }
      if (c === quote) quote = undefined;
      word += c;
      continue;
    }
    if (c === '\\' && next !== undefined) { word += c + next; i++; continue; }
    if (c === '"' || c === "'" || c === '`') { quote = c; word += c; continue; }
    if (c === '$' && next === '(') { depth++; word += '$('; i++; continue; }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      word += c;
      continue;
    }
    if (c === '|' && next === '|') { endPipeline(); i++; continue; }
    if (c === '|') { endStage(); if (next === '&') i++; continue; }
    if (c === '&' && next === '&') { endPipeline(); i++; continue; }
    // `2>&1`, `<&3`, `&>file` redirect; any other `&` runs what precedes it in the background.
    if (c === '&' && !/[<>]$/.test(word) && next !== '>') { endPipeline(); continue; }
    if (c === ';' || c === '\n') { endPipeline(); continue; }
    word += c;
  }
  endPipeline();
  return out;
}

/** The words of each simple command of a line (every stage of every pipeline), with their
 * prefixes dropped. */
export function simpleCommands(line: string): string[][] {
  return pipelines(line)
    .flat()
    .map((part) => dropCommandPrefixes(shellWords(part)))
    .filter((words) => words.length > 0);
}
