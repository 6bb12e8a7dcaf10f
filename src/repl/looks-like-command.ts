// While a question waits for its answer, a learner often types a command to look first
// (`ip a`, `brctl show`). Such a line runs as a command; anything else is the answer.
import { labExecutable } from '../sandbox/lab-files.js';
import { currentLab } from '../sandbox/lab-access.js';

const BUILTINS = new Set(['cd', 'echo', 'export', 'printf', 'read', 'set', 'unset', 'source', 'type', 'alias', 'pwd', 'history', 'exit', 'kill', 'test', '[', 'for', 'while', 'if']);

// By lab, PATH and word, and bounded: a class's server asks for every learner's words.
const found = new Map<string, boolean>();
const FOUND_MAX = 2000;
function onPath(word: string, path: string): boolean {
  const key = `${currentLab().root}\0${path}\0${word}`;
  const known = found.get(key);
  if (known !== undefined) return known;
  const yes = path.split(':').filter(Boolean).some((dir) => labExecutable(`${dir}/${word}`));
  if (found.size >= FOUND_MAX) found.clear();
  found.set(key, yes);
  return yes;
}

export function looksLikeCommand(line: string, path = currentLab().env.PATH ?? ''): boolean {
  const text = line.trim();
  if (/[|;<>`]|\$\(|&&/.test(text)) return true;
  const first = text.split(/\s+/)[0] ?? '';
  if (/^(\.\/|\/)/.test(first)) return true;
  if (/^\w+=/.test(first)) return true;
  if (!/^[a-z][\w.+-]*$/.test(first)) return false;
  return BUILTINS.has(first) || onPath(first, path);
}
