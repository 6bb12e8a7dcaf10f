// A process tree read from /proc: every descendant of a pid, with its name and memory.
import { readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';

function children(pid) {
  let tids;
  try { tids = readdirSync(`/proc/${pid}/task`); } catch { return []; }
  return tids.flatMap((tid) => {
    try { return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number); } catch { return []; }
  });
}

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (k) => Number(text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
    return { pid, name: text.match(/^Name:\s+(.*)$/m)?.[1] ?? '?', hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
  } catch {
    return undefined;
  }
}

/** pid and all its descendants that are still alive, with VmHWM (peak RSS) and VmRSS. */
export function processTree(pid) {
  const seen = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    const s = status(p);
    if (!s) continue;
    seen.push(s);
    queue.push(...children(p));
  }
  return seen;
}
