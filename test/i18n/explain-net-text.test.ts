// The rules-and-reachability explanations in both languages: the same keys, Chinese that
// is Chinese (not English left in place), and real captured outputs explained in Chinese
// with their rule text, chain names, addresses and kernel messages left as printed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { explainNetText, spaceCjk, type ExplainNetText } from '../../src/i18n/explain-net-text.js';
import { explain, explainError } from '../../src/explain/index.js';
import { diagnoseNoAnswer } from '../../src/explain/diagnose.js';
import type { KernelState } from '../../src/kernel/types.js';
import { fixture, notesAt, notesOf } from '../explain/helpers.js';

const en = explainNetText('en');
const zh = explainNetText('zh-CN');
const CHINESE = /[\u4e00-\u9fff]/;
const state = JSON.parse(fixture('_lab-state/state.json')) as KernelState;

/** Members that rearrange text they are given rather than say something of their own. */
const TRANSFORMS = new Set(['lang', 'sentences', 'nftParts', 'networkOption']);
/** Arguments for members that take more than strings; the rest get 'x' for each. */
const SAMPLES: Partial<Record<keyof ExplainNetText, unknown[]>> = {
  packets: ['TCP', ['x']],
  didYouMean: [['eth0', 'eth1']],
  netnsContainer: ['web', ['net1']],
  liveNetns: [['net1']],
  linkExists: [['veth0'], 'veth0', 'x', 'y'],
  // Without the description (the explainer passes one from this catalogue when it has it).
  table: ['nat', undefined],
  driver: ['ipvlan', undefined],
  mac: ['00:11:22:33:44:55', undefined],
};

/** Every message of a catalogue, by a path naming it: functions called with samples. */
function messages(t: ExplainNetText): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(t)) {
    if (TRANSFORMS.has(key)) continue;
    if (typeof value === 'string') out.set(key, value);
    else if (typeof value === 'function') {
      const args = SAMPLES[key as keyof ExplainNetText] ?? Array.from({ length: value.length }, () => 'x');
      out.set(key, value(...args));
    } else for (const [k, v] of Object.entries(value as Record<string, string>)) out.set(`${key}.${k}`, v);
  }
  return out;
}

describe('the rules-and-reachability catalogue, in English and in Chinese', () => {
  it('has the same keys, and the same keys in every table', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      if (typeof value === 'object') expect(Object.keys(zh[key as keyof ExplainNetText] as object).sort(), key).toEqual(Object.keys(value).sort());
    }
  });

  it('is translated: every Chinese message has Chinese in it and differs from the English', () => {
    const [e, z] = [messages(en), messages(zh)];
    expect([...z.keys()]).toEqual([...e.keys()]);
    expect(z.size).toBeGreaterThan(150);
    for (const [key, text] of z) {
      expect(text, key).toMatch(CHINESE);
      expect(text, key).not.toBe(e.get(key));
    }
  });

  it('joins and lists in Chinese, and says which language it is (namespaces are named in it by lab-context)', () => {
    expect([en.lang, zh.lang]).toEqual(['en', 'zh-CN']);
    expect(zh.sentences(['甲。', '乙。'])).toBe('甲。乙。');
    expect(zh.nftParts(['a', 'b'])).toBe('a；b。');
    expect(zh.networkOption('parent', 'eth0', zh.networkOptions.parent)).toMatch(/^parent = eth0：容器的 macvlan/);
  });

  it('sets a space where Chinese meets a name or a number, and nowhere else', () => {
    expect(spaceCjk('接口eth0是DOWN：`ip link set eth0 up`。')).toBe('接口 eth0 是 DOWN：`ip link set eth0 up`。');
    expect(spaceCjk('（172.17.0.2）：容器')).toBe('（172.17.0.2）：容器');
    expect(zh.linkDown('veth1', '网络命名空间 net1')).toBe('网络命名空间 net1 里的 veth1 是 DOWN：`ip link set veth1 up`。');
  });
});

describe('real outputs explained in Chinese (NSLAB_LANG=zh-CN)', () => {
  beforeEach(() => {
    vi.stubEnv('NSLAB_LANG', 'zh-CN');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('iptables -t nat -S of the docker host: the rules as printed, the explanation in Chinese', () => {
    const text = fixture('iptables-save/lab-iptables-S.txt');
    const lines = explain('iptables-save', text, { detail: 'full' });
    expect(lines.map((l) => l.text).join('\n')).toBe(text.replace(/\n$/, ''));
    const masq = notesAt('iptables-save', text, '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect(masq).toContain('MASQUERADE：来自 172.17.0.0/16、从 docker0 以外的任意接口出去的包');
    expect(masq).toContain('源地址转换');
    expect(masq).toContain('这是 Docker 的规则');
    expect(notesAt('iptables-save', text, '-j DNAT')).toMatch(/^DNAT：目的端口为 8080、从 docker0 以外的任意接口进来的 TCP 包，目的地址改写成 172\.17\.0\.2:80/);
    expect(notesAt('iptables-save', text, '-P PREROUTING ACCEPT')).toMatch(/^PREROUTING：.*默认策略 ACCEPT/);
    expect(notesAt('iptables-save', text, '-N DOCKER')).toBe('DOCKER：用户自定义链，只有别的规则跳转过来才会进入。');
    expect(notesOf('iptables-save', text)).not.toMatch(/\b(packets|rewritten|chain)\b/);
  });

  it('iptables -t nat -L -n -v: chains, counters and the header in Chinese', () => {
    const notes = notesOf('iptables-list', fixture('iptables-list/lab-nat-L-n-v.txt'));
    expect(notes).toMatch(/^链 PREROUTING：/m);
    expect(notes).toMatch(/个包匹配了这条规则/);
    expect(notes).toContain('pkts/bytes：');
  });

  it('a ping that fails: 100% loss, and the causes found in the lab, in Chinese', () => {
    expect(notesOf('ping', fixture('ping/lab-iputils-loss.txt'))).toContain('100% 丢包：2 个请求一个回复都没收到。');
    const notes = notesOf('ping', fixture('_lab-state/ping-loss.txt'), { state, ns: 'host' });
    expect(notes).toContain('网桥 docker0 没有载波，因为它的端口（veth1_p）都没有载波');
    expect(notes).toContain('网络命名空间 net1 里的 veth1 是 DOWN：`ip link set veth1 up`。');
    expect(notesOf('ping', fixture('ping/lab-unreachable.txt'))).toMatch(CHINESE);
  });

  it('RTNETLINK answers: File exists, and other kernel errors, with the cause in Chinese', () => {
    const opts = { state, ns: 'host' };
    expect(explainError('ip link add veth1_p type veth peer name x', 'RTNETLINK answers: File exists', opts))
      .toEqual(['宿主机里已经有叫 veth1_p 的接口了：换个名字，或者先用 `ip link del` 删掉旧的。']);
    const route = explainError('ip route add default via 192.168.0.1', 'RTNETLINK answers: File exists', opts).join('\n');
    expect(route).toContain('已经有去往 default 的路由了：default via 192.168.0.1 dev eth0。');
    expect(route).toContain('`ip route replace …`');
    expect(explainError('ip link set dockr0 up', 'Cannot find device "dockr0"', opts).join('\n')).toContain('你是不是想用 docker0？');
    expect(explainError('ip link set dev veth1_p name eth9', 'RTNETLINK answers: Device or resource busy', opts)[0]).toMatch(/^接口在 UP 状态下不能改名（veth1_p 现在是 UP）/);
    expect(explainError('ip netns exec net1 ping -c1 8.8.8.8', 'ping: connect: Network is unreachable', { state, ns: 'net1' })[0]).toMatch(/^网络命名空间 net1 里没有默认路由/);
  });

  it('a language asked for wins over the process\'s', () => {
    expect(explainError('ip link add x type bridge', 'RTNETLINK answers: Operation not permitted', { lang: 'en' })[0]).toMatch(/CAP_NET_ADMIN capability/);
    expect(diagnoseNoAnswer(state, 'host', '172.17.0.2', 'en').join('\n')).toMatch(/veth1 in namespace net1 is DOWN/);
  });

  it('docker network inspect: the fields as printed, what they mean in Chinese', () => {
    const text = fixture('docker-network-inspect/seed-bridge-two-containers.txt');
    expect(notesAt('docker-network-inspect', text, '"Name": "bridge"')).toMatch(/^Name bridge：默认网络/);
    expect(notesAt('docker-network-inspect', text, '"Driver": "bridge"')).toContain('veth 对');
    expect(notesAt('docker-network-inspect', text, '"IPv4Address": "172.17.0.2/16"')).toMatch(/^IPv4Address 172\.17\.0\.2\/16：busybox1 在这个网络上的接口地址/);
    expect(notesOf('docker-network-inspect', text)).toContain('接入了 2 个容器');
    const empty = fixture('docker-network-inspect/lab-user-network-empty.txt');
    expect(notesOf('docker-network-inspect', empty)).toMatch(/Containers \{\}：还没有容器接入（br-[0-9a-f]{12} 显示 NO-CARRIER）/);
  });

  it('ss, nft and the DNS files are explained in Chinese too', () => {
    expect(notesOf('ss', fixture('ss/lab-tlnp.txt'))).toMatch(/docker-proxy：Docker 为发布的端口/);
    expect(notesOf('nft', fixture('nft/lab-ruleset-nat.txt'))).toMatch(/挂在 prerouting 钩子上的基础链/);
    expect(notesOf('resolv-conf', fixture('resolv-conf/lab-user-network.txt'))).toMatch(/nameserver 127\.0\.0\.11：Docker 内嵌的 DNS 服务器/);
    expect(notesOf('nslookup', fixture('nslookup/lab-bind9-nxdomain.txt'))).toMatch(/没有找到 \S+：没有这个名字/);
  });
});
