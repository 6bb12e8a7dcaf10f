// Some of the kernel's work finishes a moment after the command that asked for it: a
// deleted namespace is torn down by a kernel worker, and its interfaces (with the peers of
// its veth pairs) disappear only then. A check that fails right after such a command is
// looked at again, briefly, before it counts as failed.
import type { Check } from './check-syntax.js';

/** Whether a failing check is one that asynchronous teardown can explain: an absence
 * (`no link veth1_p`) or a veth's peer, which change when a namespace finally goes. */
export function mayFinishLater(check: Check): boolean {
  return check.negated || check.kind === 'veth';
}

/** Given a first result, runs `attempt` again until `done` says its result holds, at most
 * `tries` more times, `delayMs` apart; returns the last result. */
export async function settle<T>(first: T, attempt: () => Promise<T>, done: (t: T) => boolean, tries = 5, delayMs = 100): Promise<T> {
  let result = first;
  for (let i = 0; i < tries && !done(result); i++) {
    await new Promise((r) => setTimeout(r, delayMs));
    result = await attempt();
  }
  return result;
}
