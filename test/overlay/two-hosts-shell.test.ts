// The two-hosts lab on a real terminal: `.enter host2` moves to the second Docker host (the
// prompt says so, and `docker` there is host2's own), `.host` comes back to host1.
import { afterEach, describe, expect, it } from 'vitest';
import { NSLAB, labProcesses, labTagEnv, newLabTag } from '../helpers/lab.js';
import { startOnPty, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;
afterEach(() => session?.kill());

describe('nslab sandbox --preset two-hosts on a terminal', () => {
  it('.enter host2 runs lines on host2, with its hostname and its own docker; .host comes back', async () => {
    const tag = newLabTag();
    session = startOnPty(`${NSLAB} sandbox --preset two-hosts`, labTagEnv(tag));
    const s = session;
    let at = await s.waitFor('nslab host # ');
    s.send('.enter host2\r');
    at = await s.waitFor('nslab host2 # ', at);
    s.send('echo "on $(hostname) at $(ip -4 -br addr show eth0 | awk \'{print $3}\')"\r');
    at = await s.waitFor('on host2 at 192.168.0.12/24', at);
    s.send('docker run -d --name web2 busybox >/dev/null; docker ps -q | wc -l | sed "s/^/host2 has /"\r');
    at = await s.waitFor('host2 has 1', at);
    s.send('.host\r');
    at = await s.waitFor('nslab host # ', at);
    s.send('echo "on $(hostname)"; docker ps -q | wc -l | sed "s/^/host1 has /"\r');
    at = await s.waitFor('on host1', at);
    at = await s.waitFor('host1 has 0', at);
    s.send('.enter web2\r');
    at = await s.waitFor('nslab web2 # ', at);
    s.send('hostname\r');
    at = await s.waitFor(/hostname\s+[0-9a-f]{12}\s/, at); // a container of host2's, entered by name from host1
    s.send('.host\r');
    at = await s.waitFor('nslab host # ', at);
    s.send('exit 0\r');
    expect(await s.exited).toBe(0);
    expect(labProcesses(tag)).toEqual([]);
  });
});
