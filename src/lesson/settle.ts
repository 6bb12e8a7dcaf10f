// Some of the kernel's work finishes a moment after the command that asked for it: a
// deleted namespace is torn down by a kernel worker, and its interfaces (with the peers of
// its veth pairs) disappear only then. A check that fails right after such a command is
// looked at again, briefly, before it counts as failed.

/** Commands whose effects the kernel may complete asynchronously. */
export function mayFinishLater(commandLine: string): boolean {
  return /\b(del|delete|rm|flush|down|stop|delif|delbr)\b/.test(commandLine);
}

/** Runs `attempt` until `done` says its result holds, at most `tries` more times, `delayMs`
 * apart; returns the last result. */
export async function settle<T>(attempt: () => Promise<T>, done: (t: T) => boolean, tries = 5, delayMs = 100): Promise<T> {
  let result = await attempt();
  for (let i = 0; i < tries && !done(result); i++) {
    await new Promise((r) => setTimeout(r, delayMs));
    result = await attempt();
  }
  return result;
}
