import { describe, expect, it } from 'vitest';
import { parseSysctls, sysctlPath } from '../../src/kernel/parse-sysctls.js';
import { parseNetnsIds } from '../../src/kernel/parse-netns-ids.js';
import { fixture } from './fixtures.js';

describe('parseSysctls', () => {
  it('reads `sysctl` output and key=value lines alike', () => {
    expect(parseSysctls('net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter=2\n\ngarbage\n')).toEqual({
      'net.ipv4.ip_forward': '1',
      'net.ipv4.conf.all.rp_filter': '2',
    });
  });

  it('keeps dashes in names and maps names to /proc/sys files', () => {
    expect(parseSysctls('net.bridge.bridge-nf-call-iptables=1')).toEqual({ 'net.bridge.bridge-nf-call-iptables': '1' });
    expect(sysctlPath('net.ipv4.conf.all.forwarding')).toBe('/proc/sys/net/ipv4/conf/all/forwarding');
  });
});

describe('parseNetnsIds on `ip -j netns list-id`', () => {
  it('keeps the nsids ip could name', () => {
    expect(parseNetnsIds(fixture('host-netns-list-id.json'))).toEqual(new Map([[1, 'net1']]));
  });
});
