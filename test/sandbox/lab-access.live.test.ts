// A lab read from outside (src/sandbox/lab-access.ts), as `nslab serve` reads its learners'
// labs: the snapshot taken through the lab's pid 1 is the one its own Node takes inside,
// containers, named namespaces and the documents' `ln -s /proc/PID/ns/net` included.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT } from '../helpers/lab.js';
import { takeLabSnapshot } from '../../src/lab-setup/lab-snapshot.js';
import { labPidOne, outsideLab, withLab } from '../../src/sandbox/lab-access.js';
import { closeReader } from '../../src/kernel/reader.js';
import { commandsOnPath } from '../../src/repl/command-suggest.js';

const SETUP = `
set -e
ip netns add net1
ip link add veth1 type veth peer name veth1_p
ip link set veth1_p netns net1
ip addr add 10.9.0.1/24 dev veth1
docker run -itd --name bbox1 busybox >/dev/null
pid=$(docker inspect -f '{{.State.Pid}}' bbox1)
ln -s /proc/$pid/ns/net /var/run/netns/bbox1
echo READY
# A snapshot for each line read: the lab's own Node, inside.
while read -r _; do
  node -e "import('${ROOT}/dist/lab-setup/lab-snapshot.js').then((m) => m.takeLabSnapshot()).then((s) => console.log(JSON.stringify(s)))"
done
`;

// What moves between any two reads on its own: counters, iptables-save's timestamp, the
// bridge's learned addresses (see test/kernel/reader.live.test.ts).
function clean(state: unknown): unknown {
  const c = JSON.parse(JSON.stringify(state, (k, v) => (k === 'stats64' || k === 'stats' ? undefined : typeof v === 'string' ? v.replace(/^# .*$/gm, '') : v)));
  c.fdb = c.fdb.filter((e: { permanent?: boolean }) => e.permanent);
  return c;
}

describe('a lab reached from outside', () => {
  it('gives the same snapshot as its own Node takes inside', async () => {
    const child = spawn(NSLAB, ['run', '--preset', 'docker-host', '--', SETUP], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const ended = new Promise((resolve) => child.on('close', resolve));
    const lines = (): string[] => out.split('\n').filter((l) => l.startsWith('{'));
    const until = (done: () => boolean) => new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (done()) { clearInterval(t); resolve(); }
        if (child.exitCode !== null) { clearInterval(t); reject(new Error(`the lab ended: ${err}`)); }
      }, 20);
    });
    const inside = async () => {
      const n = lines().length;
      child.stdin.write('\n');
      await until(() => lines().length > n);
      return JSON.parse(lines()[n]);
    };
    try {
      await until(() => out.includes('READY\n'));
      const pid1 = labPidOne(child.pid!);
      expect(pid1).toBeDefined();
      const lab = outsideLab(pid1!, { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' });
      const outside = () => withLab(lab, () => takeLabSnapshot()).then(clean);
      // The state settles for a second or two after an interface appears (IPv6 address
      // detection, the link-local route): the inside read is taken between two outside
      // ones, and counts only when those agree, the state having held still meanwhile.
      let pair: { before: unknown; within: unknown } | undefined;
      for (let attempt = 0; attempt < 50 && !pair; attempt++) {
        const before = await outside();
        const within = clean(await inside());
        if (JSON.stringify(await outside()) === JSON.stringify(before)) pair = { before, within };
      }
      withLab(lab, () => closeReader());
      expect(pair).toBeDefined();
      const seen = pair!.before as Awaited<ReturnType<typeof takeLabSnapshot>>;
      expect(seen.namespaces.map((n) => n.id).sort()).toEqual(['container:bbox1', 'host', 'net1', 'outside']);
      expect(seen.namespaces.find((n) => n.id === 'container:bbox1')?.names).toContain('bbox1');
      expect(pair!.within).toEqual(seen);
      // The lab's programs, as its PATH finds them, for "did you mean".
      expect(withLab(lab, () => commandsOnPath('/usr/sbin:/usr/bin'))).toContain('brctl');
    } finally {
      child.stdin.end();
      await ended;
    }
  }, 60_000);
});
