// While a question waits for its answer, a learner often types a command to look first
// (`ip a`, `brctl show`). Such a line runs as a command; anything else is the answer.
import { accessSync, constants } from 'node:fs';
import { currentLab } from '../sandbox/lab-access.js';

const BUILTINS = new Set(['cd', 'echo', 'export', 'printf', 'read', 'set', 'unset', 'source', 'type', 'alias', 'pwd', 'history', 'exit', 'kill', 'test', '[', 'for', 'while', 'if']);

// By PATH and word: every lab of one machine has the machine's programs (and nslab's docker).
const found = new Map<string, boolean>();
function onPath(word: string, path: string): boolean {
  const key = `${path}\0${word}`;
  const known = found.get(key);
  if (known !== undefined) return known;
  const root = currentLab().root;
  const yes = path.split(':').filter(Boolean).some((dir) => {
    try { accessSync(`${root}${dir}/${word}`, constants.X_OK); return true; } catch { return false; }
  });
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
