// kill -9 of nslab at 20 moments of a lesson (seeded, so every run strikes the same
// moments), half as root and half rootless: nothing is left on the machine, and the
// progress file keeps everything reported as saved.
import { rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { schedule, testFaults } from './faults.js';

const rootless = rootlessUnavailable() === undefined ? TEST_USER : undefined;
testFaults('kill -9 at 20 moments of a lesson', schedule(20261123, 'SIGKILL', 20, rootless));
