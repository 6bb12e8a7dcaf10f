// The runtime's table of Docker hosts names the addresses the two-hosts preset builds.
import { describe, expect, it } from 'vitest';
import { HOST1, HOST2 } from '../../src/runtime/docker-hosts.js';
import { LAB } from '../../src/sandbox/presets.js';
import { HOST2_NETNS_PATH } from '../../src/sandbox/lab.js';

describe('docker hosts', () => {
  it('match the preset: host1 is the lab host, host2 its second host', () => {
    expect(HOST1.ip).toBe(LAB.hostIp);
    expect(HOST2.ip).toBe(LAB.host2Ip);
    expect(HOST2.netns).toBe(HOST2_NETNS_PATH);
    expect(HOST1.runtimeDir).not.toBe(HOST2.runtimeDir);
  });
});
