// `nslab serve` run by an ordinary user: their learners' labs are made by them and reached
// from outside by them (nsenter into a lab whose ids are not theirs, a snapshot read by the
// lab's agent, the preset built from outside). test/fixtures/serve/outside-lab.mjs does it
// as the user nslabtest, as the server would; here its findings are checked.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutFor, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';

const why = rootlessUnavailable();
if (why) console.log(`skipped: a workshop lab reached by an ordinary user: ${why}`);

describe.skipIf(why !== undefined)('a workshop lab made and reached by an ordinary user', () => {
  it('builds its preset, runs programs and reads it from outside, and runs the learner\'s lines', () => {
    const script = join(checkoutFor(TEST_USER), 'test', 'fixtures', 'serve', 'outside-lab.mjs');
    const r = spawnSync('setpriv', [`--reuid=${TEST_USER}`, `--regid=${TEST_USER}`, '--init-groups', '--', 'env', `HOME=/tmp`, 'node', script], { encoding: 'utf8', timeout: 90_000 });
    expect(r.status, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(found.mode).not.toBe('root');
    expect(found.built).toEqual({ exitCode: 0, stderr: '' });
    // Root of the lab, in its pid 1's user namespace (where what it makes is the learner's).
    expect(found.entered[0]).toBe('0');
    expect(found.entered[1]).toBe('nslab');
    expect(found.entered[2]).toBe(found.entered[3]);
    expect(found.links).toEqual(expect.arrayContaining(['host:eth0', 'outside:eth0']));
    expect(found.line).toMatch(/^eth0@if\d+ +UP +192\.168\.0\.11\/24/);
    expect(found.line.trim().split('\n').pop()).toBe('1'); // NSLAB_IN_LAB, from the lab's environment
  });
});
