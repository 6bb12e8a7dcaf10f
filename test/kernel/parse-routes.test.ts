import { describe, expect, it } from 'vitest';
import { parseIpRoute } from '../../src/kernel/parse-routes.js';
import { fixture } from './fixtures.js';

describe('parseIpRoute on `ip -j route show table all` from a lab host', () => {
  const routes = parseIpRoute(fixture('host-route.json'), 'host');

  it('the default route via the router, in table main', () => {
    expect(routes.find((r) => r.dst === 'default' && r.family === 'inet')).toEqual({
      ns: 'host', dst: 'default', table: 'main', family: 'inet', gateway: '192.168.0.1', dev: 'eth0', type: 'unicast',
    });
  });

  it('connected routes keep protocol, scope, source and flags', () => {
    expect(routes.find((r) => r.dst === '172.17.0.0/16')).toMatchObject({
      table: 'main', dev: 'docker0', protocol: 'kernel', scope: 'link', prefsrc: '172.17.0.1', flags: ['linkdown'],
    });
  });

  it('host routes in table local get their /32, broadcasts their type', () => {
    expect(routes.find((r) => r.dst === '192.168.0.11/32')).toMatchObject({ table: 'local', type: 'local', dev: 'eth0', scope: 'host' });
    expect(routes.find((r) => r.dst === '192.168.0.255/32')).toMatchObject({ table: 'local', type: 'broadcast' });
  });

  it('IPv6 routes are marked inet6 (a host route gets /128)', () => {
    expect(routes.find((r) => r.dst === 'fe80::/64')).toMatchObject({ family: 'inet6', table: 'main', metric: 256 });
    expect(routes.find((r) => r.dst === '::1/128')).toMatchObject({ family: 'inet6', table: 'local', type: 'local' });
    expect(routes.filter((r) => r.family === 'inet').every((r) => !r.dst.includes(':'))).toBe(true);
  });

  it('a namespace with a default route set by the learner (net1)', () => {
    const net1 = parseIpRoute(fixture('net1-route.json'), 'net1');
    expect(net1.filter((r) => r.table === 'main' && r.family === 'inet')).toEqual([
      { ns: 'net1', dst: 'default', table: 'main', family: 'inet', gateway: '10.68.0.1', dev: 'veth1', type: 'unicast' },
      { ns: 'net1', dst: '10.68.0.0/24', table: 'main', family: 'inet', dev: 'veth1', protocol: 'kernel', scope: 'link', type: 'unicast', prefsrc: '10.68.0.101' },
    ]);
  });

  it('an IPv6 default without gateway is still IPv6 (by its router preference)', () => {
    const r = parseIpRoute('[{"type":"unreachable","dst":"default","dev":"lo","metric":1024,"flags":[],"pref":"medium"}]', 'x');
    expect(r[0]).toMatchObject({ dst: 'default', family: 'inet6', type: 'unreachable' });
  });
});
