// In a class, fifty labs share the server's two CPUs. What a learner feels first is their
// keys echoing; what they wait for anyway is their command. The keys are echoed by the
// server (src/serve/page-line-editor.ts), so the server runs above every lab: each lab,
// from its launcher to the last command its learner runs, at LAB_NICE (the server starts
// it under `nice`, which needs no privilege), and the server itself, where it may (root),
// at SERVER_NICE, above anything else a lab's machine runs at the default. Niceness counts
// only among the processes of one session, though (the kernel shares the CPU between
// sessions first: autogroups), and each lab is a session of its own: so the launcher also
// puts a served lab at nice 19's weight as a whole (bin/lab-launch.pl: a cpu cgroup as
// root, its session's autogroup otherwise). A busy room then slows the commands, never the
// typing (`npm run bench`: the echo figure).
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The niceness of a learner's lab in a class. */
export const LAB_NICE = 10;

/** The niceness `nslab serve` takes where it may (as root). */
export const SERVER_NICE = -5;
/** The niceness of the thread of a class's learners' shells (src/serve/shell-worker.ts):
 * below the server's main thread, which echoes the keys, above the labs. */
export const SHELLS_NICE = 5;

/** Sets the calling thread's niceness (Linux keeps one a thread); false where it may not. */
export function setThreadNice(nice: number): boolean {
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}

/** Raises this process to SERVER_NICE; false where it may not (not root: it stays as it
 * was, still above its labs). A niceness on Linux is a thread's, not a process's: every
 * thread is raised (libuv's pool, which does the server's file work, and V8's, which
 * collect its garbage), not the main one alone. */
export function raiseServerPriority(): boolean {
  let raised = false;
  for (const tid of threads()) {
    try {
      setPriority(tid, SERVER_NICE);
      raised = true;
    } catch {
      // not root (EACCES), or a thread that ended meanwhile
    }
  }
  return raised;
}

function threads(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [process.pid];
  }
}
