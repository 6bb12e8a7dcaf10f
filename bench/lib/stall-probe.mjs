// How long the machine itself keeps a process from running: a child doing nothing but a
// 2 ms timer, at the priority the server would have, reports the longest it waited past
// its timer. It does no work, so whatever it waited for is the machine's (the kernel, the
// other processes, the VM's host), not nslab's: beside the echo figures it tells how much
// of an echo's tail any process on this machine would have seen at that moment.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const PROBE = `
try { require('node:os').setPriority(-5); } catch {}
console.log(require('node:os').getPriority());
let last = performance.now(), worst = 0;
setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last - 2); last = now; }, 2);
require('node:readline').createInterface({ input: process.stdin }).on('line', () => { console.log(worst.toFixed(1)); worst = 0; });
`;

/** A probe; `take()` resolves with the longest stall (ms) since the last take; `nice()`
 * with the niceness it runs at (-5 where it may raise itself, as root). */
export function stallProbe() {
  const child = spawn(process.execPath, ['-e', PROBE], { stdio: ['pipe', 'pipe', 'ignore'] });
  const answers = createInterface({ input: child.stdout });
  let niceness;
  const nice = new Promise((resolve) => { niceness = resolve; });
  const waiting = [];
  answers.on('line', (l) => {
    if (niceness) { niceness(Number(l)); niceness = undefined; return; }
    waiting.shift()?.(Number(l));
  });
  return {
    child,
    nice: () => nice,
    take: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      waiting.push(resolve);
      child.stdin.write('\n');
    }),
    stop: () => { child.kill(); },
  };
}
