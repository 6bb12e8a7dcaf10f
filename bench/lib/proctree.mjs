// A process tree read from /proc: every descendant of a pid, with its name and memory.
import { readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';

const kbField = (text, k) => Number(text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);

import { execFileSync } from 'node:child_process';

let ticks;
/** CPU seconds of a process: its own (user + system) and its reaped children's. */
export function cpuSeconds(pid) {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14–17 of proc(5): utime, stime, cutime, cstime.
    return { self: (f[11] + f[12]) / ticks, children: (f[13] + f[14]) / ticks };
  } catch {
    return { self: 0, children: 0 };
  }
}

/** CPU seconds a whole tree has used so far: every live process's own and its reaped
 * children's (a command a lab ran and ended counts in the lab process that waited for it). */
export function treeCpuSeconds(tree) {
  return tree.reduce((a, p) => { const c = cpuSeconds(p.pid); return a + c.self + c.children; }, 0);
}

/** When the process started (clock ticks since boot, /proc/PID/stat field 22): with the
 * pid, it names one process, not whichever one reuses the pid later. */
function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

/** Proportional set size: each shared page divided among the processes that map it. */
function pssKb(pid) {
  try { return kbField(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss'); } catch { return 0; }
}

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
    return { pid, name: text.match(/^Name:\s+(.*)$/m)?.[1] ?? '?', hwmKb: kbField(text, 'VmHWM'), rssKb: kbField(text, 'VmRSS'), started: startTime(pid) };
  } catch {
    return undefined;
  }
}

/** pid and all its descendants that are still alive, with VmHWM (peak RSS) and VmRSS,
 * and with { pss: true } their PSS too. */
export function processTree(pid, { pss = false } = {}) {
  const seen = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    const s = status(p);
    if (!s) continue;
    seen.push(pss ? { ...s, pssKb: pssKb(p) } : s);
    queue.push(...children(p));
  }
  return seen;
}

/** Those of `procs` (from processTree) that still run: same pid, same start time, and not
 * a zombie (ended, waiting for its parent to read its exit status). */
export function stillRunning(procs) {
  return procs.filter((p) => {
    if (p.started === undefined || startTime(p.pid) !== p.started) return false;
    try { return !/^State:\s+Z/m.test(readFileSync(`/proc/${p.pid}/status`, 'utf8')); } catch { return false; }
  });
}
