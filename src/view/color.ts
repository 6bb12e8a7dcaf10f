// Whether nslab's own output gets ANSI colours: every command and both shells ask here,
// so that NO_COLOR and --no-color turn colour off everywhere at once, and not only in the
// parts whose library happens to read them (picocolors does; chalk and cli-table3 don't).
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** --no-color is a global option; the CLI turns it into NO_COLOR=1 before any command runs
 * (see cli-program.ts), so that this one variable decides, and the commands a learner runs
 * in the lab see it too. */
export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  // no-color.org: present and not empty, whatever its value ("0" included).
  return Boolean(env.NO_COLOR);
}

/** Colour for a stream: never when asked not to; else on a terminal that can show it, or
 * wherever FORCE_COLOR asks for it. */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (noColorRequested(env)) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** picocolors' functions, on or off as told (never its own guess from the environment). */
export function colors(on: boolean): Colors {
  return pc.createColors(on);
}

/** cli-table3 options for a table with these column titles, coloured by our decision: left
 * to itself, its colour library guesses from the environment (and is off whenever CI is
 * set, even on a terminal). */
export function tableLook(head: string[], on: boolean): { head: string[]; style: { head: string[]; border: string[] } } {
  const c = colors(on);
  return { head: head.map((h) => c.bold(c.cyan(h))), style: { head: [], border: [] } };
}
