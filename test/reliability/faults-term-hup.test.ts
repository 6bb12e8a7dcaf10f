// SIGTERM and SIGHUP (a closed terminal) to nslab at each moment of a lesson: the lab ends
// at once, nothing is left on the machine, the progress file keeps what was saved.
import { rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { schedule, testFaults } from './faults.js';

const rootless = rootlessUnavailable() === undefined ? TEST_USER : undefined;
testFaults('SIGTERM and SIGHUP at each moment of a lesson', [...schedule(7, 'SIGTERM', 5, rootless), ...schedule(11, 'SIGHUP', 5, rootless)]);
