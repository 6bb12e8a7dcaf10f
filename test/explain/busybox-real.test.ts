// Outputs of Debian's busybox 1.35 captured in a lab (test/fixtures/explain/*/busybox-1.35-lab*.txt),
// beside the hand-written busybox fixtures: the explanations hold for the real thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, explain } from '../../src/explain/index.js';
import type { ExplainerId } from '../../src/explain/index.js';

const FX = join(import.meta.dirname, '..', 'fixtures', 'explain');
const read = (dir: string, file: string) => readFileSync(join(FX, dir, file), 'utf8');
const notes = (id: ExplainerId, text: string) => explain(id, text, { detail: 'full' }).flatMap((l) => l.notes).join('\n');

describe('busybox 1.35, captured', () => {
  it('ip a: @NAME that names the link itself is busybox showing a peer from another namespace', () => {
    const text = read('ip-addr', 'busybox-1.35-lab.txt');
    expect(detect(text)).toBe('ip-addr');
    const n = notes('ip-addr', text);
    expect(n).toMatch(/@eth0: names itself\. busybox's ip .* would print @if2/);
    expect(n).toMatch(/172\.17\.0\.1\/16/);
  });

  it('route -n and ip route: the default route and the connected networks', () => {
    expect(notes('route-n', read('route-n', 'busybox-1.35-lab.txt'))).toMatch(/default route.*192\.168\.0\.1 out of eth0/s);
    expect(notes('ip-route', read('ip-route', 'busybox-1.35-lab.txt'))).toMatch(/192\.168\.0\.1/);
  });

  it('ifconfig (old net-tools style), arp, ip neigh and ping', () => {
    expect(notes('ifconfig', read('ifconfig', 'busybox-1.35-lab.txt'))).toMatch(/255\.255\.0\.0|\/16/);
    expect(notes('arp', read('arp', 'busybox-1.35-lab.txt'))).toMatch(/02:42:ac:11:00:02/);
    expect(notes('ip-neigh', read('ip-neigh', 'busybox-1.35-lab.txt'))).toMatch(/REACHABLE|reachable/);
    expect(notes('ping', read('ping', 'busybox-1.35-lab-loss.txt'))).toMatch(/100% packet loss/);
    expect(notes('ping', read('ping', 'busybox-1.35-lab-ok.txt'))).toMatch(/TTL|ttl/);
  });
});
