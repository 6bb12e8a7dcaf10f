// The terminal's foreground process group, taken back after a command. A program run on
// the terminal may give the foreground to a process group of its own (an interactive shell
// does) and never return it: killed first (`kill -9 $$` in a bash), or unable to name
// nslab's group. nslab would then sit in the background of its own terminal, where the
// kernel stops it (SIGTTOU) at its next tcsetattr, or answers EIO when nothing could ever
// continue it. Node cannot call tcsetpgrp: a tiny perl in nslab's process group does,
// with SIGTTOU ignored, as the kernel sends it to a background process that tries.
// (bin/lab-init.pl puts Node in a group of its own inside the lab, so that it can be named.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TerminalGroups {
  /** Our process group; 0 when it was made outside our pid namespace (it has no number here). */
  pgrp: number;
  /** The controlling terminal's foreground group; 0: one outside our pid namespace; -1: no
   * controlling terminal any more (it hung up). */
  foreground: number;
}

/** From /proc/PID/stat: after `(comm)`, fields 3.. are state ppid pgrp session tty_nr tpgid. */
export function parseTerminalGroups(stat: string): TerminalGroups | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(fields[2]);
  const foreground = Number(fields[5]);
  return Number.isInteger(pgrp) && Number.isInteger(foreground) ? { pgrp, foreground } : undefined;
}

function terminalGroups(): TerminalGroups | undefined {
  try {
    return parseTerminalGroups(readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

// Exit 2: the terminal is gone (hung up, or no longer ours to control).
const TAKE_FOREGROUND = `
$SIG{TTOU} = 'IGNORE';
require POSIX;
POSIX::tcsetpgrp(0, getpgrp()) and exit 0;
exit(($!{EIO} || $!{ENOTTY} || $!{ENXIO}) ? 2 : 1);
`;

/** 'ours': the terminal's foreground is nslab's group (now); 'gone': the terminal went
 * away; 'unknown': not known, or our group cannot be named (nslab then runs as before). */
export function reclaimForeground(): 'ours' | 'gone' | 'unknown' {
  const groups = terminalGroups();
  if (!groups) return 'unknown';
  if (groups.foreground === -1) return 'gone';
  if (groups.foreground === groups.pgrp) return 'ours';
  if (groups.pgrp === 0) return 'unknown';
  const r = spawnSync('perl', ['-e', TAKE_FOREGROUND], { stdio: ['inherit', 'ignore', 'ignore'] });
  if (r.status === 0) return 'ours';
  return r.status === 2 ? 'gone' : 'unknown';
}

/** Whether a process of our group is stopped (Ctrl-Z, SIGTSTP). */
export function stoppedInOurGroup(): boolean {
  const own = terminalGroups();
  if (!own) return false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'T' && Number(fields[2]) === own.pgrp) return true;
    } catch { /* gone meanwhile */ }
  }
  return false;
}
