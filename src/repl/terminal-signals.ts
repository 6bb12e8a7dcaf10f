// What the terminal's learning shell (tty.ts) does with its terminal's signals and its
// terminal going away.
import { shellText } from '../i18n/shell-text.js';
import { stoppedInOurGroup } from './foreground.js';

/** The terminal has gone while a command had it, so its hangup signal went to the
 * command's process group, not to nslab's: nslab ends as that signal would have ended it,
 * and the lab with it (a lab never outlives nslab's terminal). */
export function terminalGone(): void {
  process.kill(process.pid, 'SIGHUP');
}

// Continues nslab's process group, and for half a second whatever in it is still seen
// stopped: a process being forked as Ctrl-Z comes was once seen stopped after the group
// had been continued (the shell's child for the next command of the line).
function keepGroupRunning(): void {
  process.kill(0, 'SIGCONT');
  let checks = 25;
  const check = () => {
    if (stoppedInOurGroup()) process.kill(0, 'SIGCONT');
    if (--checks > 0) setTimeout(check, 20).unref();
  };
  setTimeout(check, 20).unref();
}

/** What the shell does with the terminal's signals and its going away, whoever edits its
 * lines: a running command's Ctrl-C is the command's (never nslab's); Ctrl-Z stops nothing
 * (nslab has no job control: a command stopped in its line would hold nslab forever, with
 * no `fg` to continue it, and nslab itself, stopped, would leave its terminal to nobody, so
 * nslab's process group is continued at once; a program with job control of its own, such
 * as a shell inside, has its own group); a terminal whose reads fail has hung up. */
export function guardTerminalSignals(): void {
  process.on('SIGINT', () => { /* a running command's Ctrl-C is the command's */ });
  process.on('SIGTSTP', () => {
    keepGroupRunning();
    process.stderr.write(`\n${shellText().ctrlZ}\n`);
  });
  process.stdin.on('error', terminalGone);
}
