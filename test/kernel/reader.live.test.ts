// The long-lived snapshot reader (src/kernel/reader.ts) against the one-shot script it
// replaces: the same state, snapshot after snapshot, while namespaces come and go — made
// after the reader started (seen only through /proc/PID/root), deleted (their links dangle),
// and with the reader killed in between.
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';

// Runs in the lab: after each step, snapshots through the reader and through the one-shot
// script; prints `label SAME|DIFFERENT namespace-ids`.
const COMPARE = `
import { execSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
const root = process.env.NSLAB_ROOT;
const { takeSnapshot } = await import(root + '/dist/kernel/snapshot.js');
const { listContainers } = await import(root + '/dist/runtime/store.js');
const { run } = await import(root + '/dist/sandbox/exec.js');
// Counters and iptables-save's timestamp differ between any two reads; so do the bridge's
// learned addresses, which come with traffic (a new interface's IPv6 start-up sends some
// for a second or so, and a lab is ready well within that).
const clean = (s) => {
  const c = JSON.parse(JSON.stringify(s, (k, v) => (k === 'stats64' || k === 'stats' ? undefined : typeof v === 'string' ? v.replace(/^# .*$/gm, '') : v)));
  c.fdb = c.fdb.filter((e) => e.permanent);
  return c;
};
const sh = (c) => execSync(c, { stdio: 'inherit', shell: '/bin/bash' });
// The state also moves on its own for a second or two after an interface appears: IPv6
// duplicate address detection ends, and the kernel adds the link-local address's local
// route (fe80::…/128). Two reads that differ then say nothing about the reader. So the
// script's read is taken between two of the reader's; when those two agree, the state
// held still meanwhile and the script's read must agree with them too. When they do not,
// the pair is taken again, a moment later.
const reader = () => takeSnapshot({ listContainers }).then(clean);
const script = () => takeSnapshot({ listContainers, runScript: (argv) => run(argv) }).then(clean);
async function compare(label) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const before = await reader();
    const once = await script();
    const after = await reader();
    if (isDeepStrictEqual(before, after)) {
      console.log(label, isDeepStrictEqual(before, once) ? 'SAME' : 'DIFFERENT', before.namespaces.map((n) => n.id).join(','));
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(label, 'UNSETTLED: the state kept changing for 10 s');
}
await compare('start');
sh('ip netns add net1; ip link add veth1 type veth peer name veth1_p; ip link set veth1 netns net1; docker run -d --name late busybox >/dev/null');
await compare('added');
sh('ip netns del net1; docker rm -f c2 >/dev/null');
await compare('deleted');
const readerLine = execSync('ps -o pid=,comm= --ppid ' + process.pid).toString().split('\\n').find((l) => l.trim().endsWith('bash'));
process.kill(Number(readerLine.trim().split(/\\s+/)[0]), 'SIGKILL');
sh('ip netns add net2; ip netns add net3; ip link add va type veth peer name vb; ip link set va netns net2; ip link set vb netns net3');
await compare('after-kill');
`;

describe('the snapshot reader', () => {
  it('reads what the one-shot script reads, as namespaces come and go and when it is killed', async () => {
    const r = await runInLab(`cat > /run/nslab/compare.mjs <<'EOF'\n${COMPARE}\nEOF\nnode /run/nslab/compare.mjs`, { containers: 3 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      'start SAME host,outside,container:c1,container:c2,container:c3',
      'added SAME host,outside,container:c1,container:c2,container:c3,container:late,net1',
      'deleted SAME host,outside,container:c1,container:c3,container:late',
      'after-kill SAME host,outside,container:c1,container:c3,container:late,net2,net3',
    ]);
  });
});
