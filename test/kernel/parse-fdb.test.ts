import { describe, expect, it } from 'vitest';
import { parseBridgeFdb } from '../../src/kernel/parse-fdb.js';
import { fixture } from './fixtures.js';

describe('parseBridgeFdb on `bridge -j fdb show` from a lab host', () => {
  const fdb = parseBridgeFdb(fixture('host-fdb.json'), 'host');

  it("a bridge's own MAC is a permanent entry with master", () => {
    expect(fdb).toContainEqual({ ns: 'host', mac: '02:42:a8:64:6c:32', dev: 'docker0', master: 'docker0', permanent: true });
  });

  it('a learned MAC on a port is not permanent', () => {
    expect(fdb).toContainEqual({ ns: 'host', mac: '42:96:c6:0e:a0:a3', dev: 'vport1', master: 'br0', permanent: false });
  });

  it("a vxlan's default entry names its remote VTEP", () => {
    expect(fdb.filter((e) => e.dev === 'vxlan0')).toContainEqual({ ns: 'host', mac: '00:00:00:00:00:00', dev: 'vxlan0', permanent: true, dst: '192.168.0.1', flags: ['self'] });
  });

  it('no output is no entries', () => {
    expect(parseBridgeFdb('', 'net1')).toEqual([]);
  });
});
