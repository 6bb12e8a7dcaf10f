// Every question of every lesson, on a real lab replayed up to it: the answers the question
// text says are right are accepted, and near misses are not. "{answer}" stands for the live
// right answer where the lab decides it (a veth's name, a pid, an ifindex), "{answer+1}"
// for that number plus one. A question added to lessons/ needs its row here.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT, runProcess } from '../helpers/lab.js';

type Answers = { right: string[]; wrong: string[] };

const ANSWERS: Record<string, Record<string, Answers>> = {
  '00-first-steps': {
    'Look at the lab': { right: ['192.168.0.11', '192.168.0.11/24', ' 192.168.0.11 '], wrong: ['192.168.0.1', '192.168.0.11/16', 'eth0', '127.0.0.1', ''] },
  },
  '01-docker0': {
    // "with its /prefix": the bare address is not the answer asked for.
    'Find docker0': { right: ['172.17.0.1/16'], wrong: ['172.17.0.1', '172.17.0.0/16', '172.17.0.1/24', 'docker0'] },
    'Read the routing table': { right: ['docker0', 'DOCKER0'], wrong: ['eth0', '172.17.0.1', 'lo'] },
    'Look inside the bridge': { right: ['02:42:a8:64:6c:32', '02:42:A8:64:6C:32'], wrong: ['0242a8646c32', '8000.0242a8646c32', '02:42:ac:11:00:01'] },
    'A new port on docker0': { right: ['{answer}', '{answer}@if4'], wrong: ['eth0', 'docker0', 'bbox1'] },
    'Inside the container: the address': { right: ['172.17.0.2', '172.17.0.2/16'], wrong: ['172.17.0.1', '172.17.0.2/24', 'eth0'] },
    // The question asks for the gateway's address; whose address it is (docker0's) is the recap.
    'Inside the container: the routes': { right: ['172.17.0.1'], wrong: ['docker0', '0.0.0.0', '172.17.0.2', 'eth0'] },
    'Pair the two ends': { right: ['{answer}', 'if{answer}'], wrong: ['{answer+1}', 'eth0'] },
    'Enter it with ip netns exec': { right: ['{answer}'], wrong: ['{answer+1}', 'eth0'] },
    "Docker's view: the bridge network": { right: ['02:42:ac:11:00:02', '02:42:AC:11:00:02'], wrong: ['02:42:ac:11:00:03', '172.17.0.2'] },
    'The layer-2 path through docker0': { right: ['{answer}'], wrong: ['eth0', 'docker0', '02:42:ac:11:00:03'] },
  },
  '02-veth-netns': {
    'Look inside net1': { right: ['1'], wrong: ['2', '0', 'lo'] },
    'Find both ends': { right: ['{answer}', 'if{answer}'], wrong: ['{answer+1}', 'veth1_p'] },
    'Beyond the bridge: no route': { right: ['veth1'], wrong: ['veth1_p', 'mybridge', '10.68.0.1'] },
  },
  '03-net-modes': {
    'Inside a bridge container': { right: ['172.17.0.2', '172.17.0.2/16'], wrong: ['172.17.0.1', '192.168.0.11'] },
    'Inside a host container': { right: ['192.168.0.11', '192.168.0.11/24'], wrong: ['172.17.0.2', '127.0.0.1'] },
    'Inside a none container': { right: ['127.0.0.1', '127.0.0.1/8'], wrong: ['lo', '::1', '172.17.0.3'] },
    'Inside a shared container': { right: ['{answer}', '{answer}/16'], wrong: ['127.0.0.1', '172.17.0.1'] },
    'Neighbours on localhost': { right: ['{answer}', '{answer}/16'], wrong: ['127.0.0.1', '172.17.0.1'] },
  },
  '04-none-by-hand': {
    "Find the container's process": { right: ['{answer}'], wrong: ['{answer+1}', 'vm2', '2778'] },
    'Expose its namespace to ip netns': { right: ['{answer}', '{answer} (id: 0)'], wrong: ['vm2', '{answer+1}'] },
    "Look at docker0's address": { right: ['172.17.0.1', '172.17.0.1/16'], wrong: ['172.17.0.2', 'docker0'] },
    'Ping each other': { right: ['{answer}', '{answer}/16'], wrong: ['172.17.0.1', 'eth0'] },
    'What is left behind': { right: ['{answer}'], wrong: ['docker0', 'eth0'] },
  },
  '05-bridge-nat': {
    'Follow the packet': { right: ['192.168.0.1'], wrong: ['eth0', '172.17.0.1', '203.0.113.10', '192.168.0.11'] },
    'Watch the replies get lost': { right: ['172.17.0.2', '172.17.0.2/16'], wrong: ['192.168.0.11', '203.0.113.10', '172.17.0.1'] },
    // "alone or with its port as the DNAT rule writes it": 172.17.0.3:80.
    'The DNAT rule, from outside': { right: ['172.17.0.3', '172.17.0.3/16', '172.17.0.3:80'], wrong: ['172.17.0.3:8080', '192.168.0.11:8080', '192.168.0.11', '172.17.0.2'] },
  },
  '06-user-networks': {
    'Find its bridge': { right: ['{answer}', '{answer}:'], wrong: ['docker0', 'mynet', 'br-', 'br-000000000000'] },
    'Who answered the name': { right: ['127.0.0.11'], wrong: ['172.18.0.1', '8.8.8.8', '127.0.0.1', '172.18.0.2'] },
    'The isolation rules': { right: ['DOCKER-ISOLATION-STAGE-2', 'docker-isolation-stage-2'], wrong: ['DOCKER-ISOLATION-STAGE-1', 'FORWARD', 'DOCKER', 'DOCKER-USER'] },
    // bridge sorts before mynet: docker0's gateway stays plain's way out.
    'On two networks at once': { right: ['172.17.0.1'], wrong: ['172.18.0.1', '192.168.0.1', '172.18.0.4'] },
  },
  '07-macvlan': {
    // m1's own MAC, which the router learned; not the host's, whose eth0 is the parent.
    'What the router sees': { right: ['02:42:c0:a8:00:02', '02:42:C0:A8:00:02'], wrong: ['08:00:27:70:b6:ef', '02:42:c0:a8:00:03', '192.168.0.2'] },
    'The host cannot reach them': { right: ['eth0'], wrong: ['mac0', 'docker0', '192.168.0.1'] },
    'Trunk mode needs 802.1q': { right: ['802.1q', '802.1Q'], wrong: ['vlan', '802.1d', '8021q'] },
  },
  '08-overlay': {
    'Two hosts on one LAN': { right: ['192.168.0.12', '192.168.0.12/24'], wrong: ['192.168.0.11', '192.168.0.1', '172.17.0.1', 'host2'] },
    // The VTEP is host2's LAN address, not c2's overlay address nor the router.
    "The VXLAN's forwarding table": { right: ['192.168.0.12'], wrong: ['10.0.9.3', '192.168.0.11', '192.168.0.1', '02:42:0a:00:09:03'] },
    'Encapsulation on the wire': { right: ['4789'], wrong: ['4096', '8472', '53'] },
    'The MTU of 1450': { right: ['1450'], wrong: ['1500', '1422', '1472', '50'] },
  },
};

const lessonFiles = readdirSync(join(ROOT, 'lessons')).filter((f) => /^\d.*\.md$/.test(f)).sort();

/** The titles of a lesson's steps that ask a question, read from the file. */
function questionSteps(file: string): string[] {
  const titles: string[] = [];
  let title = '';
  for (const line of readFileSync(join(ROOT, 'lessons', file), 'utf8').split('\n')) {
    if (line.startsWith('## ')) title = line.slice(3).trim();
    if (/^```question\s*$/.test(line)) titles.push(title);
  }
  return titles;
}

interface InLab {
  lesson: string;
  questions: { step: number; title: string; answer: string[] | string; results: Record<string, boolean>; giveaways: string[] }[];
}

async function answersInLab(file: string): Promise<InLab> {
  const id = file.replace(/\.md$/, '');
  const preset = /^preset:\s*(\S+)/m.exec(readFileSync(join(ROOT, 'lessons', file), 'utf8'))?.[1] ?? 'docker-host';
  // On standard input: the lab has a /tmp of its own, so a file in ours is not there.
  const candidates = JSON.stringify(Object.fromEntries(Object.entries(ANSWERS[id] ?? {}).map(([t, a]) => [t, [...a.right, ...a.wrong]])));
  const script = `NSLAB_ROOT='${ROOT}' node '${join(ROOT, 'test', 'lesson', 'answers-in-lab.mjs')}' '${join(ROOT, 'lessons', file)}' -`;
  const r = await runProcess([NSLAB, 'run', '--preset', preset, '--', script], { input: candidates });
  try {
    return JSON.parse(r.stdout) as InLab;
  } catch {
    throw new Error(`the lab printed no JSON (exit ${r.exitCode}): ${r.stderr || r.stdout}`);
  }
}

describe('answers to every question', () => {
  it('every question in lessons/ has right and wrong answers here', () => {
    const asked = Object.fromEntries(lessonFiles.map((f) => [f.replace(/\.md$/, ''), questionSteps(f)]));
    const covered = Object.fromEntries(Object.entries(ANSWERS).map(([id, qs]) => [id, Object.keys(qs)]));
    expect(covered).toEqual(asked);
    for (const qs of Object.values(ANSWERS)) for (const a of Object.values(qs)) expect(a.right.length * a.wrong.length).toBeGreaterThan(0);
  });

  it.each(lessonFiles)('%s: right answers accepted, wrong ones refused, on a real lab', async (file) => {
    const id = file.replace(/\.md$/, '');
    const got = await answersInLab(file);
    const wrongly: string[] = [];
    for (const q of got.questions) {
      const expected = ANSWERS[id][q.title];
      const resolve = (g: string) => Object.keys(q.results).find((k) => k === g) ?? g;
      const live = Array.isArray(q.answer) ? q.answer[0] : undefined;
      const fill = (g: string) => g.replace('{answer+1}', String(Number(live) + 1)).replace('{answer}', String(live));
      if (!Array.isArray(q.answer)) wrongly.push(`${q.title}: the answer cannot be computed: ${q.answer}`);
      for (const g of expected.right) if (q.results[resolve(fill(g))] !== true) wrongly.push(`${q.title}: "${fill(g)}" refused (right: ${JSON.stringify(q.answer)})`);
      for (const g of expected.wrong) if (q.results[resolve(fill(g))] !== false) wrongly.push(`${q.title}: "${fill(g)}" accepted`);
    }
    expect(wrongly).toEqual([]);
    expect(got.questions.map((q) => q.title)).toEqual(questionSteps(file));
  });

  it('the brctl show note that spells out docker0\'s MAC is recognised as giving lesson 1 step 3 away', async () => {
    const got = await answersInLab('01-docker0.md');
    const bridge = got.questions.find((q) => q.title === 'Look inside the bridge')!;
    expect(bridge.giveaways.join('\n')).toMatch(/02:42:a8:64:6c:32/);
    // Notes that only repeat what the output shows are not held back.
    expect(got.questions.filter((q) => q.title !== 'Look inside the bridge').flatMap((q) => q.giveaways)).toEqual([]);
  });

  it('the shell holds that note back until the question is answered', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-answers-'));
    const r = await runProcess([NSLAB, 'start', '01', '--step', '3'], { input: 'brctl show\n02:42:a8:64:6c:32\n', env: { XDG_STATE_HOME: state, NO_COLOR: '1' } });
    const asked = r.stdout.indexOf("? What is docker0's MAC address?");
    expect(asked).toBeGreaterThan(0);
    const before = r.stdout.slice(0, asked);
    expect(before).toMatch(/bridge id|8000\.0242a8646c32/);
    expect(before).toMatch(/a note is held back here/);
    expect(before.split('\n').filter((l) => /»/.test(l) && /02:42:a8:64:6c:32/i.test(l))).toEqual([]);
    expect(r.stdout.slice(asked)).toMatch(/✔ 02:42:a8:64:6c:32/);
  });
});
