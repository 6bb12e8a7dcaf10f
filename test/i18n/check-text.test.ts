// What checks and questions say, in both languages: the same keys, Chinese that is Chinese
// (not English left in place), and the real evaluation and answers speaking it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, type CheckText } from '../../src/i18n/check-text.js';
import { evaluate, evaluateAll, headline, isProbeNeeded, stepPasses, type Prober } from '../../src/lesson/check-eval.js';
import { parseCheck, type Check } from '../../src/lesson/check-syntax.js';
import { checkAnswer, parseAnswer } from '../../src/lesson/question.js';
import { dockerLab } from '../lesson/fixtures.js';
import { NSLAB, runProcess } from '../helpers/lab.js';

const en = checkText('en');
const zh = checkText('zh-CN');
const CJK = /[\u4e00-\u9fff]/;

type Args<F> = F extends (...args: infer A) => unknown ? A : never;
/** Sample values for every function member; the mapped type makes a new one without a
 * sample a compile error. */
const samples: { [K in keyof CheckText as CheckText[K] extends string ? never : K]: Args<CheckText[K]> } = {
  listMore: ['a, b', 9], joinAnd: [['a', 'b']], joinOr: [['a', 'b']], kindNoun: ['veth'],
  netnsListed: ['n'], netns: ['n'], link: ['l', 'n', { state: 'up', master: 'br0' }], peerIn: ['p', 'n'], veth: ['l', 'n', 'p'],
  addr: ['10.0.0.1/24', 'eth0', 'n'], route: ['default via 10.0.0.1', 'n'], bridgePort: ['p', 'br0', 'n'], sysctl: ['k', '1', 'n'],
  masquerade: ['10.0.0.0/24', 'eth0', 'n'], dnat: ['tcp', 80, '10.0.0.2', 'n'], ping: ['10.0.0.1', 'n', 'host'], container: ['c', 'running', 'none'],
  network: ['m', '10.1.0.0/16', '10.1.0.1'], ran: ['`ip a`'], ranExample: ['ip a'], ranPattern: ['/ip/'], runIt: ['`ip a`'],
  noNamespace: ['n', 'host'], linkElsewhere: ['l', 'a', 'b'], noLink: ['l', 'n', 'lo'], pingAnswers: ['10.0.0.1', true, 'n'],
  walkAnswers: ['10.0.0.1', 'a → b', 'host'], walkNoAnswer: ['10.0.0.1', 'a → b', 'x'], couldNotPing: ['why'], namespaceExists: ['n'],
  netnsLists: ['n'], netnsNotListed: ['n', 'x'], linkDown: ['l', 'n'], linkUp: ['l', 'n'], linkIsKind: ['l', 'n', 'bridge'],
  linkPortOf: ['l', 'n', 'br0'], linkNoMaster: ['l', 'n'], linkHolds: ['l', 'n', { state: 'UP', mtu: 1450 }], linkWrongMtu: ['l', 'n', 1500], notVeth: ['l', 'n', 'bridge'],
  peerNotFound: ['l', 'n'], pairedWith: ['l', 'n', 'p'], pairedNoNs: ['l', 'n', 'p', 'x'], pairedNotIn: ['l', 'n', 'p', 'm'],
  addrHas: ['eth0', 'n', '10.0.0.1/24'], addrNone: ['eth0', 'n', 'inet'], routeName: ['default'], noRoute: ['r', 'n', 'x'],
  routeGoes: ['r', 'n', 'x'], routeWay: ['10.0.0.1', 'eth0'], notBridge: ['b', 'n', 'veth'], bridgeHasPort: ['b', 'p', 'p'],
  bridgePorts: ['b', 'p'], noPorts: ['b'], sysctlUnread: ['k', 'n'], sysctlIs: ['k', '1', 'n'], ruleIn: ['-A X', 'n'],
  noMasquerade: ['n', 'x'], masqueradeRules: ['n', ['-A X']], noDnat: ['n'], dnatRules: ['n', ['-A X']], noContainer: ['c', 'x'],
  containerStatus: [true], containerIs: ['c', 's'], containerNet: ['c', 'm'], containerHolds: ['c', 's', 'm'], noNetwork: ['m', 'x'],
  networkSubnet: ['m', '10.1.0.0/16'], networkGateway: ['m', undefined], networkDriver: ['m', 'bridge'], networkNoKernelBridge: ['m', 'br-1', 'x'],
  bridgeNoGateway: ['br-1', '10.1.0.1'], networkHolds: ['m', 'br-1', '10.1.0.0/16', '10.1.0.1'], youRan: ['ip a'], commandsRun: [['`ip a`'], true],
  cannotCompute: ['x'], networkNoBridge: ['m'], noGateway: ['n'], noPeerInLab: ['l'], noPeer: ['l'], noIpv4: ['l'], noMac: ['l'],
  notPortOfAny: ['l'], notIpv4: ['x'], noRouteMatches: ['n', 'x'],
};

/** Every text a catalogue holds, by name, its function members called with the samples. */
function texts(t: CheckText): [string, string][] {
  return Object.entries(t).flatMap(([key, value]): [string, string][] => {
    if (typeof value === 'string') return [[key, value]];
    const out = (value as (...a: unknown[]) => unknown)(...(samples as Record<string, unknown[]>)[key]);
    if (typeof out === 'string') return [[key, out]];
    const p = out as { expected: string; expectedNot: string };
    return [[`${key}.expected`, p.expected], [`${key}.expectedNot`, p.expectedNot]];
  });
}

function check(line: string): Check {
  const p = parseCheck(line);
  if (!p.ok) throw new Error(`${line}: ${p.error}`);
  return p.value;
}

// One line of each check kind and outcome on the fixture lab (test/lesson/check-eval.test.ts
// holds what they say in English).
const LINES = [
  'netns net1', 'netns net2', 'netns c1 listed', 'link veth1 in net1', 'link veth1', 'link nothere in net1', 'link veth1 in net1 is up',
  'link veth1_p is down', 'link eth0 kind bridge', 'link veth1_p master docker0', 'link veth1a2b3c4 master docker0', 'not link veth1_p master docker0',
  'veth veth1_p peer veth1 in net1', 'veth veth1_p peer veth1 in c1', 'veth docker0 peer x', 'addr 172.17.0.2/16 on eth0 in c1',
  'addr 10.0.0.2/24 on veth1 in net1', 'route default via 192.168.0.1', 'route default in net1', 'route 172.17.0.0/16 dev eth0',
  'bridge docker0 has port veth1a2b3c4', 'bridge docker0 has port A', 'bridge eth0 has port A', 'sysctl net.ipv4.ip_forward = 1 in net1',
  'nat masquerade 172.17.0.0/16', 'nat masquerade 10.0.0.0/24 in net1', 'nat dnat tcp 8080 to 172.17.0.2:80', 'nat dnat udp 8080 to 172.17.0.2:80',
  'container c1 running', 'container c2 running', 'container c2 net none', 'container bbox1', 'network mynet', 'ran ip a',
];

describe('what checks and questions say, in English and in Chinese', () => {
  it('have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => {
    const [e, z] = [new Map(texts(en)), texts(zh)];
    expect(z.length).toBe(e.size);
    for (const [key, text] of z) {
      if (key === 'listSep') continue; // a separator: 、 where English has a comma
      expect(text, `Chinese for ${key}: "${e.get(key)}"`).toMatch(CJK);
      expect(text, key).not.toBe(e.get(key));
    }
  });

  it('a check reads naturally in Chinese, names and flags left as they are', () => {
    const lab = dockerLab();
    const zhRun = (line: string, commands: string[] = []) => {
      const r = evaluate(check(line), lab, { commands, lang: 'zh-CN' });
      if (isProbeNeeded(r)) throw new Error('unexpected probe');
      return r;
    };
    expect(zhRun('link veth1')).toEqual({ ok: false, expected: 'host 中有网卡 veth1', found: 'veth1 在 net1 中，不在 host 中' });
    expect(zhRun('link nothere in net1').found).toBe('net1 中没有网卡 nothere（那里的网卡：lo、veth1）');
    expect(zhRun('link veth1 in net1 is up')).toMatchObject({ expected: 'net1 中的 veth1 状态为 UP', found: 'veth1 在 net1 中，但状态为 DOWN' });
    expect(zhRun('not link veth1_p master docker0').expected).toBe('host 中的 veth1_p 不是 docker0 的端口');
    expect(zhRun('link eth0 kind bridge').found).toBe('eth0 在 host 中，但它是普通网卡');
    expect(zhRun('route default in net1').found).toBe('net1 中没有默认路由（现有路由：无）');
    expect(zhRun('route default via 192.168.0.1').found).toBe('host 中的默认路由：经网关 192.168.0.1（出口 eth0）');
    expect(zhRun('ran ip a', ['ip r'])).toMatchObject({ expected: '这一步里运行过 `ip a`', found: '这一步里运行过的命令：`ip r`' });
    // Every kind and outcome says something Chinese, and never its English words.
    for (const line of LINES) {
      const [e, z] = [evaluate(check(line), lab, { commands: [] }), zhRun(line)];
      if (isProbeNeeded(e)) throw new Error('unexpected probe');
      expect(z.ok, line).toBe(e.ok);
      for (const field of ['expected', 'found'] as const) {
        expect(z[field], `${line}: ${field} "${e[field]}"`).toMatch(CJK);
        expect(z[field].replace(/`[^`]*`/g, ''), `${line}: ${field}`).not.toMatch(/\b(in|is|not|has|a|no|the|and|but)\b/);
      }
    }
  });

  it('a ping, its probe and .check\'s headline speak Chinese too', async () => {
    const lab = dockerLab();
    const ctx = { commands: [], lang: 'zh-CN' as const };
    const prober: Prober = { ping: async () => false, walk: async () => ({ reachable: false, path: ['net1:veth1', 'host:veth1_p'], lost: 'host: no route' }) };
    const [plain, via] = await evaluateAll([check('ping 10.0.0.1 from net1'), check('ping 8.8.8.8 from net1 via host')], lab, prober, ctx);
    expect(plain.result).toEqual({ ok: false, expected: '从 net1 ping 10.0.0.1 有回应', found: '从 net1 ping 10.0.0.1 没有回应' });
    expect(via.result.found).toBe('8.8.8.8 没有回应，请求的路径：net1:veth1 → host:veth1_p；丢失于：host: no route');
    const failing = await stepPasses([check('netns net2'), check('ping 10.0.0.1 from net1')], lab, prober, ctx);
    expect(failing.reports[1].result.found).toBe(zh.notProbedYet);
    const thrown = await evaluateAll([check('ping 10.0.0.1 from net1 via host')], lab, { ping: async () => true }, ctx);
    expect(thrown[0].result.found).toBe('无法运行 ping：这个前端无法跟踪数据包（没有 packet walk）');
    const ran = check('ran /^ip\\s+a/');
    const r = evaluate(ran, lab, { ...ctx, examples: ['ip a'] });
    if (isProbeNeeded(r)) throw new Error('unexpected probe');
    expect(headline(ran, r, { ...ctx, examples: ['ip a'] })).toBe('运行 `ip a`（或类似的命令）');
  });

  it('an answer\'s verdicts speak Chinese', () => {
    const answer = (text: string) => {
      const p = parseAnswer(text);
      if (!p.ok) throw new Error(p.error);
      return p.value;
    };
    expect(checkAnswer(answer('cidr-of docker0'), '', dockerLab(), 'zh-CN')).toEqual({ ok: false, expected: '172.17.0.1/16', found: '没有作答' });
    expect(checkAnswer(answer('mac-of nothere'), 'x', dockerLab(), 'zh-CN').expected).toBe('（无法算出：host 中没有网卡 nothere（那里的网卡：lo、eth0、docker0、veth1a2b3c4、veth1_p））');
    expect(checkAnswer(answer('master-of veth1_p'), 'x', dockerLab(), 'zh-CN').expected).toBe('（无法算出：veth1_p 不是任何网桥的端口）');
    expect(checkAnswer(answer('cidr-of docker0'), '', dockerLab()).found).toBe('no answer');
  });

  it('nslab in Chinese says a check\'s found in Chinese', async () => {
    // A progress file of its own, so that a saved one does not move the lesson to another step.
    const state = mkdtempSync(join(tmpdir(), 'nslab-check-text-'));
    const r = await runProcess([NSLAB, 'start', '00', '--step', '2', '--lang', 'zh-CN'], { input: '.check\n.quit\n', env: { XDG_STATE_HOME: state } });
    rmSync(state, { recursive: true, force: true });
    expect(r.stdout).toContain('有网络命名空间 net1');
    expect(r.stdout).toContain('没有命名空间 net1（现有命名空间：');
  }, 60_000);
});
