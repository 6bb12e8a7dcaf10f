// In a class, fifty labs share the server's two CPUs. What a learner feels first is their
// keys echoing and their prompt coming back; what they wait for anyway is their command.
// So where NSLAB_WORK_NICE says so (nslab serve sets it for every lab), the work the lab's
// shell starts (the bash that runs the learner's lines, and everything it runs: docker
// commands, pings; the kernel reader behind the checks) runs at that niceness, while the
// shell itself keeps the priority it started with. A busy room then slows the commands,
// not the typing. (The shell cannot lower a niceness again: a lab has no CAP_SYS_NICE
// outside itself. So it is set on each child, not on the lab.)
import { setPriority } from 'node:os';

/** The niceness NSLAB_WORK_NICE asks for (1–19), or undefined: leave priorities alone. */
export function workNice(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.NSLAB_WORK_NICE;
  if (v === undefined || !/^(1[0-9]|[1-9])$/.test(v)) return undefined;
  return Number(v);
}

/** Lowers a just-started child's priority to the work's, before it has forked anything
 * (its children inherit it). A child already gone is no matter. */
export function lowerToWorkPriority(pid: number | undefined, nice = workNice()): void {
  if (pid === undefined || nice === undefined) return;
  try {
    setPriority(pid, nice);
  } catch {
    /* exited meanwhile */
  }
}

/** The niceness `nslab serve` takes where it may (as root): above everything its labs run,
 * the labs' own launchers and brokers included, so that the one process that echoes the
 * whole class's keys (src/serve/page-line-editor.ts) is never the one that waits. */
export const SERVER_NICE = -5;

/** Raises this process to SERVER_NICE; false where it may not (not root: it stays at 0). */
export function raiseServerPriority(): boolean {
  try {
    setPriority(SERVER_NICE);
    return true;
  } catch {
    return false;
  }
}
