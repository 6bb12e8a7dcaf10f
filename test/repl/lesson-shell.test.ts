// The learning shell driven through its stdin, as `nslab start L < file`: real labs, a test
// lesson from test/fixtures/shell/lessons, and a private progress directory per test.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT, runProcess } from '../helpers/lab.js';

const LESSONS = join(ROOT, 'test', 'fixtures', 'shell', 'lessons');

function startLesson(lines: string[], extraArgs: string[] = []) {
  const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
  const run = runProcess([NSLAB, 'start', '1', ...extraArgs], {
    input: lines.join('\n') + '\n',
    env: { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, NO_COLOR: '1' },
  });
  return run.then((r) => ({ ...r, state }));
}

describe('lesson shell without a terminal', () => {
  it('the reference solution completes the lesson (exit 0) and saves progress', async () => {
    const r = await startLesson([
      'ip netns add net1',
      'ip link add v0 type veth peer name v1 netns net1',
      'ip addr add 10.9.0.1/24 dev v0',
      'ip link set v0 up',
      'ip link',
      '999',
      '$(ip -j link show v0 | sed -E "s/.*\\"link_index\\":([0-9]+).*/\\1/")', // not an answer: checked as text
      '.solution',
    ]);
    expect(r.stdout).toContain('[01 · 1/3] host # ip netns add net1');
    expect(r.stdout).toContain('✔ Step 1 done. net1 exists.');
    expect(r.stdout).toContain('✔ Step 2 done.');
    expect(r.stdout).toMatch(/\? What is the ifindex of v0's peer\?/);
    expect(r.stdout).toMatch(/answer> 999\n✘ /);
    // The right answer is read from the kernel: find what it is from the output of ip link.
    const peer = r.stdout.match(/\d+: v0@if(\d+):/)?.[1];
    expect(peer).toBeDefined();
    const r2 = await startLesson([
      'ip netns add net1', 'ip link add v0 type veth peer name v1 netns net1', 'ip addr add 10.9.0.1/24 dev v0', 'ip link set v0 up', 'ip link', peer!,
    ]);
    expect(r2.stdout).toContain('✔ Step 3 done.');
    expect(r2.stdout).toContain('Lesson complete: Shell test lesson');
    expect(r2.exitCode).toBe(0);
    const progress = JSON.parse(readFileSync(join(r2.state, 'nslab', 'progress.json'), 'utf8'));
    expect(progress.lessons['01-shell-test'].completed).toBe(true);
  });

  it('a command typed while a question waits runs as a command, and the question keeps waiting', async () => {
    const r = await startLesson([
      'ip netns add net1', 'ip link add v0 type veth peer name v1 netns net1', 'ip addr add 10.9.0.1/24 dev v0', 'ip link set v0 up',
      'ip link', 'ip -br link show v0',
    ]);
    const asked = r.stdout.indexOf("? What is the ifindex of v0's peer?");
    expect(asked).toBeGreaterThan(0);
    const after = r.stdout.slice(asked);
    expect(after.match(/\? What is the ifindex/g)).toHaveLength(1); // asked once, not re-asked
    expect(after).toMatch(/answer> ip -br link show v0\nv0@if\d+ +DOWN/);
    expect(after).toContain('(the question still waits for your answer)');
    expect(after).not.toContain('✘');
  });

  it('equivalent commands pass the same checks (checks read the kernel, not the transcript)', async () => {
    const r = await startLesson([
      'mkdir -p /var/run/netns && ip netns add net1',
      'ip link add v0 type veth peer name v1',
      'ip link set v1 netns net1',
      'ifconfig v0 10.9.0.1 netmask 255.255.255.0 up',
    ]);
    expect(r.stdout).toContain('✔ Step 2 done.');
  });

  it('stops short: exit 1, naming the unfinished steps', async () => {
    const r = await startLesson(['ip netns add net1']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/not finished: step\(s\) 2 \(Plug a veth pair into it\), 3 \(Find the peer\)/);
  });

  it('resuming at a later step replays the earlier ones in the learner\'s own shell: their variables stay', async () => {
    const r = await startLesson(['echo "ns=$ns"; ip netns list'], ['--step', '2']);
    expect(r.stdout).toContain('replaying steps 1–1');
    expect(r.stdout).toMatch(/host # echo "ns=\$ns"; ip netns list\nns=net1\nnet1/);
  });

  it('keeps variables and the working directory between lines', async () => {
    const r = await startLesson(['name=net1', 'cd /run/netns', 'ip netns add "$name"', 'ls']);
    expect(r.stdout).toContain('✔ Step 1 done.');
    expect(r.stdout).toMatch(/host # ls\nnet1\n/);
  });

  it('answers every dot-command', async () => {
    const r = await startLesson([
      '.help', '.hint', '.hint', '.hint', '.solution', '.check', '.explain off', '.explain', '.explain on', '.trace on', '.trace off',
      '.foo', '.next', '.back', 'ip netns add net1', '.enter net1', 'ip -br link', '.host', '.enter nowhere', '.topo', '.lessons', '.quit', 'echo not-reached',
    ]);
    const out = r.stdout;
    expect(out).toMatch(/\.hint +the next hint/);
    expect(out).toContain('hint 1/2: Namespaces are made with `ip netns`.');
    expect(out).toContain('hint 2/2: `ip netns add net1`');
    expect(out).toMatch(/host # \.solution\n {2}ns=net1\n {2}ip netns add "\$ns"\n/);
    expect(out).toMatch(/✘ netns net1\n {4}expected: .*\n {4}found: /);
    expect(out).toContain('explanations off');
    expect(out).toContain('explanations: off (on|off to change)');
    expect(out).toContain('docker trace on');
    expect(out).toMatch(/unknown command \.foo/);
    expect(out).toMatch(/Step 2\/3: Plug a veth pair/);
    expect(out).toMatch(/now in net1 \(\.host to come back\)\n\[01 · 2\/3\] net1 # ip -br link\nlo +DOWN/);
    expect(out).toMatch(/cannot enter: no namespace or container called "nowhere"/);
    expect(out).toMatch(/┌ netns net1|net1/);
    expect(out).toContain('01-shell-test');
    expect(out).not.toContain('not-reached\n');
  });

  it('explains recognised output under it, and in full with a trailing ?', async () => {
    const r = await startLesson(['ip route', 'ip route ?']);
    expect(r.stdout).toMatch(/default via 192\.168\.0\.1 dev eth0[^\n]*\n(.*\n)*? *» /);
  });
});

describe('explanations tied to the command that printed them', () => {
  it('two commands in two places on one line (`docker exec bbox1 ip -br a; ip -br a`): no peer named from the wrong namespace', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
    const r = await runProcess([NSLAB, 'start', '01-docker0'], {
      input: ['docker run -itd --name bbox1 busybox', 'docker exec bbox1 ip -br a; ip -br a ?'].join('\n') + '\n',
      env: { XDG_STATE_HOME: state, NO_COLOR: '1' },
    });
    const out = r.stdout.slice(r.stdout.indexOf('# docker exec bbox1 ip -br a; ip -br a ?'));
    // Both eth0 lines are printed; what is said of them may not come from the wrong place.
    expect(out).toMatch(/^eth0@if\d+ +UP +172\.17\.0\.2\/16/m);
    expect(out).toMatch(/^eth0@if2 +UP +192\.168\.0\.11\/24/m);
    const host = out.slice(out.search(/^eth0@if2 /m)).split('\n').slice(1).filter((l) => l.startsWith('      ↳')).join('\n');
    expect(host).not.toMatch(/called veth|in the host namespace|in container bbox1/);
    expect(out).not.toMatch(/the other end is interface \d+, called/);
  });
});

describe('a command that is not found', () => {
  it('`rout -n` is said as bash says it, with the likely command', async () => {
    const r = await startLesson(['rout -n', 'hint']);
    expect(r.stderr).toContain('bash: rout: command not found\n');
    expect(r.stderr + r.stdout).not.toMatch(/environment: line/);
    expect(r.stdout).toContain('↳ rout: did you mean `route`?');
    expect(r.stdout).toContain('↳ hint: did you mean `.hint`?');
  });
});
