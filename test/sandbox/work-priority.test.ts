// In a class the learner's commands run below the shell that echoes their keys
// (src/sandbox/work-priority.ts): checked on a real lab, as the learner's lines see it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workNice } from '../../src/sandbox/work-priority.js';
import { startLab } from '../helpers/sandbox.js';

describe('workNice', () => {
  it('takes 1 to 19 and nothing else', () => {
    expect(['1', '10', '19'].map((v) => workNice({ NSLAB_WORK_NICE: v }))).toEqual([1, 10, 19]);
    expect(['', '0', '20', '-5', '010', '5 ', 'ten'].map((v) => workNice({ NSLAB_WORK_NICE: v }))).toEqual(Array(7).fill(undefined));
    expect(workNice({})).toBeUndefined();
  });
});

// In a lesson (its checks read the kernel after every line). The line prints its own niceness, its shell's parent's (the lab's Node) and the kernel
// reader's (found by the tmpfs its script mounts), each after a marker.
const PROBE = [
  'echo "line=$(nice)"',
  'echo "shell=$(cut -d" " -f19 /proc/$PPID/stat)"',
  'for f in /proc/[0-9]*/cmdline; do if grep -qa nslab-snapshot "$f" 2>/dev/null; then echo "reader=$(cut -d" " -f19 "${f%/cmdline}/stat")"; break; fi; done',
].join('; ');

async function niceness(env: NodeJS.ProcessEnv): Promise<string[]> {
  const state = mkdtempSync(join(tmpdir(), 'nslab-nice-'));
  const lab = startLab({ env: { ...env, XDG_STATE_HOME: state }, args: ['start', '01-docker0'] });
  try {
    // The first line makes the shell take a snapshot, which starts the reader.
    lab.send('echo FIRST-DONE');
    const from = await lab.waitFor('\nFIRST-DONE\n', { timeoutMs: 60_000 });
    lab.send(`${PROBE}; echo PROBE-DONE`);
    await lab.waitFor('\nPROBE-DONE\n', { from, timeoutMs: 60_000 });
    return lab.output.slice(from).split(/\r?\n/).filter((l) => /^(line|shell|reader)=/.test(l));
  } finally {
    lab.send('.quit');
    await lab.exited;
    rmSync(state, { recursive: true, force: true });
  }
}

describe('the work a lab runs, at NSLAB_WORK_NICE', () => {
  it('runs the learner\'s lines and the kernel reader at 10, the shell itself at 0', async () => {
    expect(await niceness({ NSLAB_WORK_NICE: '10' })).toEqual(['line=10', 'shell=0', 'reader=10']);
  });

  it('leaves every priority alone without it', async () => {
    expect(await niceness({ NSLAB_WORK_NICE: '' })).toEqual(['line=0', 'shell=0', 'reader=0']);
  });
});
