// A lab read from outside (src/sandbox/lab-access.ts), as `nslab serve` reads its learners'
// labs: the snapshot taken through the lab's pid 1 is the one its own Node takes inside,
// containers, named namespaces and the documents' `ln -s /proc/PID/ns/net` included.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT } from '../helpers/lab.js';
import { takeLabSnapshot } from '../../src/lab-setup/lab-snapshot.js';
import { outsideLab, withLab } from '../../src/sandbox/lab-access.js';
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
node -e "import('${ROOT}/dist/lab-setup/lab-snapshot.js').then((m) => m.takeLabSnapshot()).then((s) => console.log(JSON.stringify(s)))"
echo READY
read -r _
`;

/** The lab's pid 1 among the processes below `pid`: the one numbered 1 in its own pid namespace. */
function labInit(pid: number): number | undefined {
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number)) {
      const nspid = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1].trim().split(/\s+/);
      if (nspid && nspid.length > 1 && nspid[nspid.length - 1] === '1') return c;
      const deeper = labInit(c);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

describe('a lab reached from outside', () => {
  it('gives the same snapshot as its own Node takes inside', async () => {
    const child = spawn(NSLAB, ['run', '--preset', 'docker-host', '--', SETUP], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const ended = new Promise((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          if (out.includes('READY\n')) { clearInterval(t); resolve(); }
          if (child.exitCode !== null) { clearInterval(t); reject(new Error(`the lab ended: ${err}`)); }
        }, 50);
      });
      const inside = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!);
      const pid1 = labInit(child.pid!);
      expect(pid1).toBeDefined();
      const lab = outsideLab(pid1!, { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' });
      const outside = await withLab(lab, () => takeLabSnapshot());
      withLab(lab, () => closeReader());
      expect(outside.namespaces.map((n) => n.id).sort()).toEqual(['container:bbox1', 'host', 'net1', 'outside']);
      expect(outside.namespaces.find((n) => n.id === 'container:bbox1')?.names).toContain('bbox1');
      expect(outside).toEqual(inside);
      // The lab's programs, as its PATH finds them, for "did you mean".
      expect(withLab(lab, () => commandsOnPath('/usr/sbin:/usr/bin'))).toContain('brctl');
    } finally {
      child.stdin.end('\n');
      await ended;
    }
  }, 60_000);
});
