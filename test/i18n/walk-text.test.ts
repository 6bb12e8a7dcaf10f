// The packet walk's words in both languages: the same keys, and Chinese that is Chinese
// (not English left in place). The walk itself in Chinese, on real captures:
// test/walk/analyse.test.ts.
import { describe, expect, it } from 'vitest';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';
import { walkText, type WalkText } from '../../src/i18n/walk-text.js';

const en = walkText('en');
const zh = walkText('zh-CN');

/** Every message, its function members called with sample values. */
const sample = (t: WalkText) => [
  t.acrossVeth('c1:eth0', 'host:veth1'), t.overLink('vxlan', 'a:x', 'b:y'), t.overLink(undefined, 'a:x', 'b:y'), t.upIntoStack('docker0', 'host'),
  t.bridged('docker0', 'x'), t.sentOutOfPort('docker0', 'veth1', 'x'), t.routedBy('host', '1.2.3.4 dev eth0'), t.routedOut('host', 'eth0'),
  t.ttl(64, 63), t.macToPort('veth1'), t.macLearned('02:42:ac:11:00:02', '172.17.0.2', 'veth1'), t.macFlooded('02:42:ac:11:00:02', '172.17.0.2'),
  t.natByRule('SNAT', 'source', 'a → b', '-A POSTROUTING -j SNAT'), t.natUndone('destination', 'a → b', 'icmp 1'), t.natUndone('source', 'a → b', undefined),
  t.nowhere, t.noPacketSeen, t.droppedByPolicy('host', 'filter', 'FORWARD'), t.droppedByRule('host', 'filter', 'FORWARD', '-A FORWARD -j DROP'),
  t.forwardingOff('host'), t.noRoute('host', '1.2.3.4', 'unreachable', []), t.noRoute('host', '1.2.3.4', 'unreachable', ['eth0', 'eth1']),
  t.outOfDownLink('host', 'eth0'), t.unexplained('host:eth0'), t.arpBridgeDown('c1', '172.17.0.1', 'host', 'veth1', 'docker0'),
  t.arpUnanswered('host', '192.168.0.99', 'eth0'), t.noMasquerade('host', '172.17.0.2', 'outside', 'eth0'), t.noRouteBack('outside', '172.17.0.2', 'unreachable'),
  t.noReply('outside'), t.arpProbe('172.17.0.1'), t.title, t.request, t.reply, t.wayIn, t.wayOut, t.delivered('1.2.3.4', 'c1'), t.thereAndBack(4, 4),
  t.lostAt('host:eth0', 'x'), t.tcpdumpSlow('c1'), t.tcpdumpFailed('c1', 'x'), t.tcpdumpNoUser('setgroups'), t.tcpdumpCannotStart('x'), t.watchedOnly(24, 30),
  t.nothingToFollow,
];

describe('the packet walk\'s words, in English and in Chinese', () => {
  it('have the same keys, and the sample calls every one of them', () => expectSameKeysAllSampled(en, zh, sample));

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => expectTranslated(en, zh, sample));

  it('keep rule text, addresses and interface names as they are inside the Chinese', () => {
    expect(zh.natByRule('MASQUERADE', 'source', '172.17.0.2 → 192.168.0.11', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'))
      .toBe('MASQUERADE：源地址 172.17.0.2 → 192.168.0.11（规则 `-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`）');
    expect(zh.noRoute('host', '203.0.113.10', 'RTNETLINK answers: Network is unreachable', ['eth0', 'eth1'])).toBe('host 没有到 203.0.113.10 的路由（RTNETLINK answers: Network is unreachable）；eth0、eth1 已关闭（down），经过它的路由也随之消失');
    expect(en.noRoute('host', '203.0.113.10', 'x', ['eth0', 'eth1'])).toBe('host has no route to 203.0.113.10 (x); eth0, eth1 are down, and the routes through them are gone with them');
  });
});
