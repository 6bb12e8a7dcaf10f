// `nslab walk` on the real kernel, as root and rootless: the three paths the documents
// describe and three labs broken on purpose, each walked in a fresh lab; and the learner's
// rules are as they were after a walk (the trace table is gone).
import { afterEach, describe, expect, it } from 'vitest';
import type { Walk } from '../../src/walk/analyse.js';
import { join } from 'node:path';
import { startOnPty, type PtySession } from '../helpers/pty.js';
import { hostState, NSLAB, nslabArgv, pathFor, ROOT, rootlessUnavailable, runInLab, runProcess, TEST_USER } from '../helpers/lab.js';

const PING_OUT = ['docker', 'exec', 'c1', 'ping', '-c1', '-W1', '203.0.113.10'];

const CASES: { name: string; args: string[]; expect: (w: Walk) => void }[] = [
  {
    name: 'container to container on docker0',
    args: ['--containers', '2', '--', 'docker', 'exec', 'c1', 'ping', '-c1', '-W1', '172.17.0.3'],
    expect: (w) => {
      expect(w.ok).toBe(true);
      expect(w.request.hops.flatMap((h) => h.notes).some((n) => n.startsWith('bridged by docker0:'))).toBe(true);
    },
  },
  {
    name: 'container to the outside through MASQUERADE and back',
    args: ['--containers', '1', '--', ...PING_OUT],
    expect: (w) => {
      expect(w.ok).toBe(true);
      expect(w.request.hops.flatMap((h) => h.notes)).toContain('MASQUERADE: source 172.17.0.2 → 192.168.0.11 (rule `-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`)');
      expect(w.reply?.hops.flatMap((h) => h.notes).some((n) => n.startsWith('conntrack undoes the NAT for the reply: destination 192.168.0.11 → 172.17.0.2'))).toBe(true);
    },
  },
  {
    name: 'outside to a published port through DNAT and back',
    args: ['--setup', 'docker run -d -p 8080:80 --name web nginx >/dev/null', '--', 'nsenter', '--net=/run/nslab/ns/outside', 'curl', '-s', '-m2', '-o', '/dev/null', 'http://192.168.0.11:8080/'],
    expect: (w) => {
      expect(w.ok).toBe(true);
      expect(w.request.hops.flatMap((h) => h.notes).some((n) => n.startsWith('DNAT: destination 192.168.0.11:8080 → 172.17.0.2:80'))).toBe(true);
    },
  },
  {
    name: 'forwarding off',
    args: ['--containers', '1', '--setup', 'sysctl -qw net.ipv4.ip_forward=0', '--', ...PING_OUT],
    expect: (w) => expect(w.lost).toMatchObject({ where: 'host:docker0', cause: expect.stringMatching(/^forwarding is off in host/) }),
  },
  {
    name: 'MASQUERADE deleted',
    args: ['--containers', '1', '--setup', 'iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', '--', ...PING_OUT],
    expect: (w) => expect(w.lost).toMatchObject({ where: 'outside', cause: expect.stringMatching(/^no MASQUERADE: host sent the request on with its source 172\.17\.0\.2 unchanged/) }),
  },
  {
    name: 'a DROP in FORWARD',
    args: ['--containers', '1', '--setup', 'iptables -I FORWARD -i docker0 -j DROP', '--', ...PING_OUT],
    expect: (w) => expect(w.lost).toEqual({ where: 'host:docker0', cause: 'dropped in host by a rule of the filter table\'s FORWARD chain: `-A FORWARD -i docker0 -j DROP`' }),
  },
];

async function walk(args: string[], asUser?: string): Promise<{ walk?: Walk; problem?: string; exitCode: number; stderr: string }> {
  const r = await runProcess(nslabArgv(['walk', '--json', ...args], asUser));
  try {
    return { ...JSON.parse(r.stdout), exitCode: r.exitCode, stderr: r.stderr };
  } catch {
    throw new Error(`nslab walk printed no JSON (exit ${r.exitCode}): ${r.stdout}${r.stderr}`);
  }
}

for (const asUser of [undefined, TEST_USER]) {
  describe(`nslab walk, ${asUser ? 'rootless' : 'as the current user'}`, () => {
    for (const c of CASES) {
      it(c.name, async (ctx) => {
        const why = asUser ? rootlessUnavailable() : undefined;
        if (why) return ctx.skip(why);
        const before = hostState();
        const r = await walk(c.args, asUser);
        if (!r.walk && r.problem && /cannot drop to its own user/.test(r.problem)) return ctx.skip(r.problem);
        expect(r.walk, r.problem ?? r.stderr).toBeDefined();
        c.expect(r.walk!);
        expect(r.exitCode).toBe(r.walk!.ok ? 0 : 2);
        expect(hostState()).toBe(before);
      }, 60_000);
    }
  });
}

describe('after a walk', () => {
  it('the learner\'s rules read the same as before (nft list ruleset, iptables-save), though the walk added its table while it watched', async () => {
    // Counters aside: the ping itself moves them.
    const rules = 'rules() { { nft list ruleset; iptables-save | grep -v "^#"; } | sed -E "s/counter packets [0-9]+ bytes [0-9]+/counter/; s/\\[[0-9]+:[0-9]+\\]//"; }';
    const walker = pathFor(join(ROOT, 'test', 'walk', 'walk-in-lab.mjs'));
    const r = await runInLab(`${rules}; rules > /tmp/before; node ${walker} '${PING_OUT.join(' ')}'; rules > /tmp/after; diff /tmp/before /tmp/after && echo RULES-SAME`, { containers: 1 });
    const [json, verdict] = r.stdout.trim().split('\n');
    expect(JSON.parse(json)).toEqual({ ok: true, tableDuring: true });
    expect(verdict).toBe('RULES-SAME');
  }, 60_000);
});

describe('.walk in the shell, on a terminal', () => {
  let session: PtySession | undefined;
  afterEach(() => session?.kill());

  it('runs the command where the learner is and prints the path, then the prompt comes back', async () => {
    session = startOnPty(`${NSLAB} sandbox --containers 1`, { NO_COLOR: '1' });
    let at = await session.waitFor('host # ');
    session.send('.walk docker exec c1 ping -c1 -W1 203.0.113.10\r');
    at = await session.waitFor('there and back', at);
    const out = session.output.replace(/\r/g, '');
    expect(out).toContain('1 received');
    expect(out).toMatch(/host:eth0 +out {2}192\.168\.0\.11 → 203\.0\.113\.10 {2}ttl 63/);
    expect(out).toContain('MASQUERADE: source 172.17.0.2 → 192.168.0.11');
    await session.waitFor('host # ', at);
    session.send('.walk\r');
    await session.waitFor('usage: .walk COMMAND', at);
  }, 60_000);
});

describe('the `ping … via` check', () => {
  it('fails while the packet cannot go that way and passes once it does (nslab solve on a fixture lesson)', async () => {
    const r = await runProcess(nslabArgv(['solve', '--json', '01-walk-check']), { env: { NSLAB_LESSONS: join(ROOT, 'test', 'fixtures', 'walk', 'lessons') } });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const [proof] = JSON.parse(r.stdout);
    // Before the step's command the check failed (the walk lost the ping at docker0),
    // after it the check passed (the request seen leaving through host:eth0).
    expect(proof).toMatchObject({ ok: true, steps: [{ step: 1, passedBefore: [], failedAfter: [], ok: true }] });
  }, 90_000);
});
