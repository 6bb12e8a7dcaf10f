// The link/address/route explainers in both languages: the same keys, Chinese that is
// Chinese, and real captured output explained in Chinese with the names, addresses and
// flags left as the command printed them.
import { describe, expect, it } from 'vitest';
import { explainIpText, type ExplainIpText } from '../../src/i18n/explain-ip-text.js';
import { explain, type ExplainerId } from '../../src/explain/index.js';
import type { KernelState } from '../../src/kernel/types.js';
import { allFixtures, fixture } from '../explain/helpers.js';
import { NSLAB, runProcess } from '../helpers/lab.js';

const en = explainIpText('en');
const zh = explainIpText('zh-CN');
const HAN = /[\u4e00-\u9fff]/;

/** Members that only put other words together (a full stop, a list, a counter's name with
 * its meaning): their Chinese comes from what they are given, so they are held only to
 * differ from the English. maskPart reads text rather than saying any. */
const COMPOSERS = new Set(['sentence', 'kind', 'briefKind', 'statsCounterNamed', 'statsErrorKinds', 'rnFlags', 'inet6', 'briefInet6', 'ifcInet6']);
/** Arguments for members a string cannot stand in for. */
const SAMPLES: Partial<Record<keyof ExplainIpText, unknown[][]>> = {
  maskPart: [],
  statsErrorKinds: [[[['crc', 1, 'bad checksum'], ['frame', 2, 'misaligned']]]],
  statsTotals: [['eth0', true, '3', '180', [], 'RX'], ['eth0', false, '3', '180', [[1, 'dropped']], undefined]],
  statsHeader: [['RX', true, 'eth0', true, ['bytes', 'crc = bad checksum']], ['TX', false, 'eth0', false, []]],
  rnFlags: [['UG', ['U = up (the route is in use)', 'G = via a gateway (router)']]],
  routeTypes: ['local', 'broadcast', 'unreachable', 'blackhole', 'prohibit'].map((t) => [t, '10.0.0.1']),
};

/** Every message with sample values: each function with all-'x' (truthy) and all-''
 * (falsy) arguments unless SAMPLES says otherwise; each table entry. */
function messages(t: ExplainIpText): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(t)) {
    if (typeof value === 'function') {
      const sets = SAMPLES[key as keyof ExplainIpText] ?? [Array(value.length).fill('x'), Array(value.length).fill('')];
      sets.forEach((args, k) => out.set(`${key}#${k}`, (value as (...a: unknown[]) => unknown)(...args)));
    } else if (typeof value === 'object') {
      for (const [name, text] of Object.entries(value as Record<string, string>)) out.set(`${key}.${name}`, text);
    } else out.set(key, value);
  }
  return out;
}

describe('the ip explainers\' words, in English and in Chinese', () => {
  it('have the same keys, tables included', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect([...messages(zh).keys()].sort()).toEqual([...messages(en).keys()].sort());
  });

  it('are translated: every Chinese message has Chinese in it and differs from the English', () => {
    const e = messages(en);
    for (const [key, text] of messages(zh)) {
      expect(text, key).not.toBe(e.get(key));
      if (!COMPOSERS.has(key.replace(/#\d+$/, ''))) expect(text, `Chinese for ${key}: "${e.get(key)}"`).toMatch(HAN);
    }
  });
});

const MINE: ExplainerId[] = ['ip-addr', 'ip-route', 'route-n', 'ifconfig', 'ip-neigh', 'arp', 'ip-netns', 'brctl-show', 'bridge-link', 'bridge-fdb'];
const labState = JSON.parse(fixture('_lab-state/state.json')) as KernelState;
const notesZh = (id: ExplainerId, file: string, state?: KernelState) => explain(id, fixture(file), { detail: 'full', lang: 'zh-CN', state, ns: 'host' });
const at = (lines: ReturnType<typeof notesZh>, needle: string) => lines.find((l) => l.text.replace(/\u00a0/g, ' ').includes(needle))!.notes.join('\n');

describe('real output explained in Chinese', () => {
  it('ip a of a busybox container: the veth peer by its ifindex, M-DOWN as expected, the netmask', () => {
    const lines = notesZh('ip-addr', 'ip-addr/seed-busybox-container.txt');
    const eth0 = at(lines, 'eth0@if5');
    expect(eth0).toContain('4：接口索引（ifindex），内核在这个网络命名空间里给 eth0 的编号。');
    expect(eth0).toContain('@if5：eth0 的对端（网线的另一头）是另一个网络命名空间里 ifindex 为 5 的接口');
    expect(eth0).toMatch(/M-DOWN：.*是正常的/);
    expect(eth0).toContain('LOWER_UP：有载波');
    expect(at(lines, 'inet 172.17.0.2/16')).toContain('172.17.0.2/16：eth0 的 IPv4 地址；/16 即子网掩码 255.255.0.0，共 65,536 个地址');
    expect(at(lines, 'link/ether')).toContain('容器的 MAC 后四个字节就是它的 IPv4 地址（172.17.0.2）');
  });

  it('ip a on the lab host: the peer named in its namespace, DOWN there, and how to bring it up', () => {
    const lines = notesZh('ip-addr', '_lab-state/ip-a-host.txt', labState);
    const veth = at(lines, 'veth1_p@if5');
    expect(veth).toContain('@if5：veth1_p 是 veth 对的一端；对端是网络命名空间 net1 里 ifindex 为 5 的 veth1（它在那里是 DOWN 的）。');
    expect(veth).toContain('（ip netns exec net1 ip link set veth1 up）');
    expect(at(lines, '3: docker0')).toContain('docker0 已启用（UP），但是 NO-CARRIER：它的端口（veth1_p）都没有载波');
  });

  it('route -n of a CentOS host: the default route, a connected network, the flags', () => {
    const lines = notesZh('route-n', 'route-n/seed-centos7-host.txt');
    expect(at(lines, 'Kernel IP routing table')).toContain('内核的 IPv4 路由表（main 表）');
    const def = at(lines, '192.168.0.1');
    expect(def).toContain('默认路由（0.0.0.0，Genmask 0.0.0.0 = /0，匹配一切）：没有更好匹配的数据包发给 192.168.0.1，从 enp0s3 出去。');
    expect(def).toContain('Flags UG：U = up（路由在用）；G = 经过网关（路由器）。');
    expect(at(lines, '172.17.0.0')).toContain('172.17.0.0/16（Genmask 255.255.0.0 = /16）是直连网络：发往它的数据包从 docker0 直接出去');
  });

  it('brctl show: the bridge id taken apart, STP, the ports', () => {
    const lines = notesZh('brctl-show', 'brctl-show/centos7-two-ports.txt');
    const docker0 = at(lines, 'docker0');
    expect(docker0).toContain('bridge id 8000.0242a8646c32 = 优先级 8000（十六进制，即 32768）+ 网桥的 MAC 02:42:a8:64:6c:32');
    expect(docker0).toContain('STP enabled no：生成树协议关闭');
    expect(at(lines, 'vethe9a0e73')).toContain('vethe9a0e73 是 docker0 的端口。');
  });

  it('every note on every captured output of these commands is Chinese, with no English sentence left', () => {
    const macvlanState = JSON.parse(fixture('_lab-state-macvlan/state.json')) as KernelState;
    const states: [KernelState | undefined, string][] = [[undefined, 'host'], [labState, 'host'], [labState, 'net1'], [macvlanState, 'host'], [macvlanState, 'container:m1']];
    const captured = allFixtures().concat(['ip-a-host', 'ip-a-net1', 'brctl-show'].map((f) => ({ id: (f === 'brctl-show' ? 'brctl-show' : 'ip-addr') as ExplainerId, file: `_lab-state/${f}.txt`, text: fixture(`_lab-state/${f}.txt`) })),
      ['ip-a-m1', 'ip-d-link-m1'].map((f) => ({ id: 'ip-addr' as ExplainerId, file: `_lab-state-macvlan/${f}.txt`, text: fixture(`_lab-state-macvlan/${f}.txt`) })));
    let checked = 0;
    for (const f of captured.filter((x) => MINE.includes(x.id))) {
      for (const [state, ns] of states) {
        for (const line of explain(f.id, f.text, { detail: 'full', lang: 'zh-CN', state, ns })) {
          for (const note of line.notes) {
            // What a note quotes (a command, an error the kernel prints) stays in English.
            const own = note.replace(/`[^`]*`|"[^"]*"|“[^”]*”/g, '');
            expect(note, f.file).toMatch(HAN);
            expect(own, `${f.file}: ${note}`).not.toMatch(/\b(the|is|are|of|with|and|to|from)\b/);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('English is what a process without a Chinese locale gets', () => {
    const lines = explain('route-n', fixture('route-n/seed-centos7-host.txt'), { detail: 'full', lang: 'en' });
    expect(at(lines, '192.168.0.1')).toContain('The default route (0.0.0.0 with Genmask 0.0.0.0 = /0');
  });

  it('nslab explain speaks Chinese with NSLAB_LANG=zh-CN', async () => {
    const r = await runProcess([NSLAB, 'explain', '--as', 'brctl show'], { input: fixture('brctl-show/centos7-two-ports.txt'), env: { NO_COLOR: '1', NSLAB_LANG: 'zh-CN' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('↳ veth0a1b2c3 是 docker0 的端口。这是 veth：它的另一端通常是某个容器的 eth0。');
  }, 60_000);
});
