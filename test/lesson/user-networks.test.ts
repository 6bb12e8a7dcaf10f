// The check language's parts for user-defined networks: `network NAME …`, ping checks by
// name (looked up in the container's own mount namespace), and `bridge-of NETWORK`.
import { describe, expect, it } from 'vitest';
import { evaluate, parseCheck, pingArgv, pingProber } from '../../src/lesson/index.js';
import { computeAnswer, parseAnswer } from '../../src/lesson/question.js';
import type { CheckResult } from '../../src/lesson/check-eval.js';
import type { KernelState } from '../../src/kernel/types.js';
import { addr, dockerLab, link, netns } from './fixtures.js';

function lab(): KernelState {
  const s = dockerLab();
  s.links.push(link('host', 40, 'br-0123456789ab', 'bridge', { addresses: [addr('172.18.0.1/16')] }));
  s.dockerNetworks = [
    { name: 'bridge', id: 'f'.repeat(64), driver: 'bridge', bridge: 'docker0', subnet: '172.17.0.0/16', gateway: '172.17.0.1' },
    { name: 'mynet', id: '0123456789ab'.padEnd(64, '0'), driver: 'bridge', bridge: 'br-0123456789ab', subnet: '172.18.0.0/16', gateway: '172.18.0.1' },
    { name: 'gone', id: 'e'.repeat(64), driver: 'bridge', bridge: 'br-eeeeeeeeeeee', subnet: '172.19.0.0/16', gateway: '172.19.0.1' },
    { name: 'host', id: 'd'.repeat(64), driver: 'host' },
  ];
  return s;
}

const check = (line: string, state = lab()): CheckResult => {
  const p = parseCheck(line);
  if (!p.ok) throw new Error(p.error);
  return evaluate(p.value, state) as CheckResult;
};

describe('network checks', () => {
  it('parse, and refuse what is not a subnet or an address', () => {
    expect(parseCheck('network mynet subnet 172.18.0.0/16 gateway 172.18.0.1')).toMatchObject({ ok: true, value: { kind: 'network', name: 'mynet', subnet: '172.18.0.0/16', gateway: '172.18.0.1' } });
    expect(parseCheck('network mynet subnet 172.18.0.1')).toMatchObject({ ok: false, error: expect.stringMatching(/not a subnet/) });
    expect(parseCheck('network mynet gateway web')).toMatchObject({ ok: false, error: expect.stringMatching(/not a gateway address/) });
    expect(parseCheck('network')).toMatchObject({ ok: false, error: expect.stringMatching(/missing a docker network name/) });
  });
  it('hold when the runtime has the network and the kernel its bridge with the gateway', () => {
    expect(check('network mynet subnet 172.18.0.0/16 gateway 172.18.0.1')).toMatchObject({ ok: true, found: 'network mynet: bridge br-0123456789ab, subnet 172.18.0.0/16, gateway 172.18.0.1' });
    expect(check('network host').ok).toBe(true);
  });
  it('fail, saying why: unknown, another subnet, a bridge deleted by hand', () => {
    expect(check('network other')).toMatchObject({ ok: false, found: 'no docker network other (networks: bridge, mynet, gone, host)' });
    expect(check('network mynet subnet 172.19.0.0/16')).toMatchObject({ ok: false, found: 'network mynet has subnet 172.18.0.0/16' });
    expect(check('network gone')).toMatchObject({ ok: false, found: expect.stringMatching(/^network gone is known, but its bridge br-eeeeeeeeeeee is not in the kernel/) });
    expect(check('no network other').ok).toBe(true);
    const before = dockerLab(); // no docker command ran: no networks read
    expect(check('network mynet', before)).toMatchObject({ ok: false, found: 'no docker network mynet (networks: none)' });
  });
});

describe('bridge-of', () => {
  it('answers the bridge of a network, or says there is none', () => {
    const p = parseAnswer('bridge-of mynet');
    if (!p.ok) throw new Error(p.error);
    expect(computeAnswer(p.value, lab())).toEqual({ ok: true, accepted: ['br-0123456789ab'], shown: 'br-0123456789ab' });
    const q = parseAnswer('bridge-of nope');
    expect(q.ok && computeAnswer(q.value, lab())).toEqual({ ok: false, found: 'no docker network nope' });
  });
});

describe('ping checks by name', () => {
  it('accept a host name, refuse what is neither a name nor an address', () => {
    expect(parseCheck('ping web from client')).toMatchObject({ ok: true, value: { kind: 'ping', address: 'web', from: 'client' } });
    expect(parseCheck('ping -web from client')).toMatchObject({ ok: false, error: expect.stringMatching(/neither an IP address nor a host name/) });
  });
  it('look a name up in the container\'s mount namespace (its resolv.conf), an address without it', () => {
    const c = { ...netns('container:client', 'container', ['client']), path: '/proc/42/ns/net' };
    expect(pingArgv(c, 'web')).toEqual(['nsenter', '--net=/proc/42/ns/net', '--mount=/proc/42/ns/mnt', 'ping', '-n', '-q', '-c', '1', '-W', '1', 'web']);
    expect(pingArgv(c, '172.18.0.2')).toEqual(['nsenter', '--net=/proc/42/ns/net', 'ping', '-n', '-q', '-c', '1', '-W', '1', '172.18.0.2']);
  });
  it('a name without an address is "not reachable", not an error', async () => {
    const fake = (stderr: string) => async () => ({ exitCode: 2, stdout: '', stderr });
    const c = netns('net1', 'named');
    expect(await pingProber({ run: fake('ping: web: Name or service not known\n') }).ping(c, 'web')).toBe(false);
    expect(await pingProber({ run: fake('ping: web: Temporary failure in name resolution\n') }).ping(c, 'web')).toBe(false);
  });
});
