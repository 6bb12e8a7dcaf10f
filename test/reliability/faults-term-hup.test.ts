// SIGTERM and SIGHUP (a closed terminal) to nslab at each moment of a lesson: the lab ends
// at once, nothing is left on the machine, the progress file keeps what was saved.
import { rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { schedule, testFaults, type Fault } from './faults.js';

const rootless = rootlessUnavailable() === undefined ? TEST_USER : undefined;
testFaults('SIGTERM and SIGHUP at each moment of a lesson', [...schedule(7, 'SIGTERM', 5, rootless), ...schedule(11, 'SIGHUP', 5, rootless)]);

// The launcher's own first milliseconds, while it makes its relaunch file, its cgroup and
// its watcher (a signal before its handlers were set could leave the file behind; that
// window was under a millisecond wide, so these strikes cover the start, not that window).
const early: Fault[] = [0, 1, 2, 3, 4, 5, 6, 8].map((delayMs, i) => ({
  phase: 'lesson start', signal: i % 2 ? 'SIGHUP' : 'SIGTERM', delayMs, asUser: i % 4 === 3 ? rootless : undefined,
}));
testFaults('SIGTERM and SIGHUP while the launcher starts', early);
