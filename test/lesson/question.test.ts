import { describe, expect, it } from 'vitest';
import { checkAnswer, computeAnswer, normalizeGiven, parseAnswer, type AnswerExpr } from '../../src/lesson/index.js';
import { givesAwayAnswer } from '../../src/lesson/question.js';
import { dockerLab, emptyState } from './fixtures.js';

function expr(text: string): AnswerExpr {
  const p = parseAnswer(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('answers computed from the live lab', () => {
  it.each([
    ['port-of docker0', ['veth1a2b3c4'], 'veth1a2b3c4'],
    ['peer-of veth1a2b3c4', ['eth0'], 'eth0'],
    ['peer-ifindex-of eth0 in c1', ['6'], '6'],
    ['peer-ifindex-of veth1a2b3c4', ['5'], '5'],
    ['peer-ns-of veth1a2b3c4', ['c1', '3f2a9c'], 'c1'],
    ['ifindex-of docker0', ['3'], '3'],
    ['ip-of eth0 in c1', ['172.17.0.2', '172.17.0.2/16'], '172.17.0.2/16'],
    ['mac-of eth0 in c1', ['02:42:ac:11:00:02'], '02:42:ac:11:00:02'],
    ['master-of veth1a2b3c4', ['docker0'], 'docker0'],
    ['mtu-of eth0 in c1', ['1500'], '1500'],
    ['gateway-of c1', ['172.17.0.1'], '172.17.0.1'],
    ['pid-of c1', ['4242'], '4242'],
    ['literal 16', ['16'], '16'],
  ])('%s', (text, accepted, shown) => {
    expect(computeAnswer(expr(text), dockerLab())).toEqual({ ok: true, accepted, shown });
  });

  it.each([
    ['port-of docker0', 'no link docker0 in host (links there: none)'],
    ['gateway-of net1', 'there is no namespace net1 (namespaces: host)'],
    ['pid-of c1', 'no container c1'],
  ])('%s in an empty lab cannot be computed', (text, found) => {
    expect(computeAnswer(expr(text), emptyState())).toEqual({ ok: false, found });
  });

  it('a bridge with no ports, a veth with no peer found, a link with no address', () => {
    const s = dockerLab();
    expect(computeAnswer(expr('port-of eth0'), s)).toEqual({ ok: false, found: 'eth0 has no ports' });
    expect(computeAnswer(expr('ip-of veth1 in net1'), s)).toEqual({ ok: false, found: 'veth1 has no IPv4 address' });
    expect(computeAnswer(expr('master-of eth0'), s)).toEqual({ ok: false, found: 'eth0 is not a port of any bridge' });
  });
});

describe('checkAnswer: what the learner typed against the live answer', () => {
  it('accepts the forms ip prints: veth1a2b3c4@if5, if6, with a prefix or without, any case', () => {
    const s = dockerLab();
    expect(checkAnswer(expr('port-of docker0'), 'veth1a2b3c4@if5', s)).toEqual({ ok: true, expected: 'veth1a2b3c4', found: 'veth1a2b3c4@if5' });
    expect(checkAnswer(expr('peer-ifindex-of eth0 in c1'), 'if6', s).ok).toBe(true);
    expect(checkAnswer(expr('ip-of eth0 in c1'), ' 172.17.0.2/16 ', s).ok).toBe(true);
    expect(checkAnswer(expr('mac-of eth0 in c1'), '02:42:AC:11:00:02', s).ok).toBe(true);
  });
  it('a wrong answer says what was expected and what was given', () => {
    expect(checkAnswer(expr('port-of docker0'), 'eth0', dockerLab())).toEqual({ ok: false, expected: 'veth1a2b3c4', found: 'eth0' });
    expect(checkAnswer(expr('port-of docker0'), '', dockerLab())).toEqual({ ok: false, expected: 'veth1a2b3c4', found: 'no answer' });
  });
  it('an answer that cannot be computed fails and says why', () => {
    expect(checkAnswer(expr('pid-of c9'), '1', dockerLab())).toEqual({ ok: false, expected: '(cannot be computed: no container c9)', found: '1' });
  });
  it('normalizeGiven', () => {
    expect(normalizeGiven('`Veth1@if5:`')).toBe('veth1');
    expect(normalizeGiven('if12')).toBe('12');
  });
});

describe('parseAnswer errors', () => {
  it.each([
    ['colour-of eth0', 'unknown answer "colour-of": an answer is one of port-of, peer-of, peer-ifindex-of, peer-ns-of, ifindex-of, ip-of, cidr-of, mac-of, master-of, mtu-of, gateway-of, route-dev-of, pid-of, bridge-of, literal'],
    ['', 'unknown answer "": an answer is one of port-of, peer-of, peer-ifindex-of, peer-ns-of, ifindex-of, ip-of, cidr-of, mac-of, master-of, mtu-of, gateway-of, route-dev-of, pid-of, bridge-of, literal'],
    ['port-of', '"port-of" needs a bridge name'],
    ['ip-of eth0 on c1', 'write "ip-of NAME" or "ip-of NAME in NAMESPACE" (then optionally "port N"), not "ip-of eth0 on c1"'],
    ['pid-of c1 c2', '"pid-of" takes only a container name, found "c2"'],
    ['literal', '"literal" needs the answer text'],
  ])('%j', (text, error) => {
    expect(parseAnswer(text)).toEqual({ ok: false, error });
  });
});

describe('route-dev-of', () => {
  it('answers with the interface of the longest matching route', async () => {
    const { computeAnswer, parseAnswer } = await import('../../src/lesson/question.js');
    const state = {
      namespaces: [{ id: 'host', kind: 'host', names: ['host'], path: '/proc/1/ns/net', inode: 1 }],
      links: [], nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [],
      routes: [
        { ns: 'host', dst: 'default', gateway: '192.168.0.1', dev: 'eth0', table: 'main' },
        { ns: 'host', dst: '172.17.0.0/16', dev: 'docker0', table: 'main' },
        { ns: 'host', dst: '172.17.5.0/24', dev: 'br-x', table: 'main' },
      ],
    } as never;
    const ask = (text: string) => {
      const p = parseAnswer(text);
      if (!p.ok) throw new Error(p.error);
      return computeAnswer(p.value, state);
    };
    expect(ask('route-dev-of 172.17.0.0/16')).toMatchObject({ ok: true, shown: 'docker0' });
    expect(ask('route-dev-of 172.17.5.9')).toMatchObject({ ok: true, shown: 'br-x' });
    expect(ask('route-dev-of 8.8.8.8')).toMatchObject({ ok: true, shown: 'eth0' });
    expect(ask('route-dev-of 10.0.0.1 in nowhere')).toMatchObject({ ok: false });
  });
});

describe('answers that say their form', () => {
  it('cidr-of wants the address with its /prefix, and only so', () => {
    const s = dockerLab();
    expect(checkAnswer(expr('cidr-of eth0 in c1'), '172.17.0.2/16', s).ok).toBe(true);
    expect(checkAnswer(expr('cidr-of eth0 in c1'), '172.17.0.2', s).ok).toBe(false);
    expect(checkAnswer(expr('cidr-of eth0 in c1'), '172.17.0.2/24', s).ok).toBe(false);
  });
  it('ip-of … port N also takes ADDRESS:N, and no other port', () => {
    const s = dockerLab();
    expect(checkAnswer(expr('ip-of eth0 in c1 port 80'), '172.17.0.2:80', s).ok).toBe(true);
    expect(checkAnswer(expr('ip-of eth0 in c1 port 80'), '172.17.0.2', s).ok).toBe(true);
    expect(checkAnswer(expr('ip-of eth0 in c1 port 80'), '172.17.0.2:8080', s).ok).toBe(false);
    expect(checkAnswer(expr('ip-of eth0 in c1'), '172.17.0.2:80', s).ok).toBe(false);
  });
  it('a bad port, or a port on another kind of answer, is a lint error', () => {
    expect(parseAnswer('ip-of eth0 port 0')).toEqual({ ok: false, error: '"port" needs a port number from 1 to 65535, not "0"' });
    expect(parseAnswer('mac-of eth0 port 80').ok).toBe(false);
  });
});

describe('givesAwayAnswer', () => {
  it('a note that spells out an answer the output does not show gives it away; one that repeats the output does not', () => {
    const s = dockerLab();
    const mac = expr('mac-of eth0 in c1');
    expect(givesAwayAnswer('the MAC 02:42:ac:11:00:02, from the bridge id', 'c1  8000.0242ac110002  no', mac, s)).toBe(true);
    expect(givesAwayAnswer('link/ether 02:42:ac:11:00:02 is its MAC', '    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff', mac, s)).toBe(false);
    expect(givesAwayAnswer('a note about something else', 'output', mac, s)).toBe(false);
    // Part of a longer address is not the answer.
    expect(givesAwayAnswer('route to 172.17.0.20', 'x', expr('ip-of eth0 in c1'), s)).toBe(false);
  });
});
