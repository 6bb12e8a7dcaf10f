// A failure halfway through docker run leaves the lab exactly as before; and the bulk
// start behind `nslab run --containers N`.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const STEPS = ['spawn', 'veth', 'container-net', 'ports', 'commit'];

// Kernel state as text, minus counters; processes by name (pids of docker itself vary).
// IPv4 only: the kernel finishes IPv6 set-up (duplicate address detection, fe80 routes) on
// its own time in a fresh lab, which would make "before" and "after" differ for no fault.
const ROLLBACK = `${SECTION}
snap() {
  ip -j link | sed -E 's/"(stats64|stats)":\\{[^}]*\\}//g'
  ip -4 -j addr | sed -E 's/"(valid_life_time|preferred_life_time)":[0-9]+//g'
  ip -4 -j route show table all
  iptables-save | grep -v '^#' | sed -E 's/\\[[0-9]+:[0-9]+\\]//'
  cat /run/nslab/docker/state.json
  ps -eo comm= | grep -e '^sleep$' -e '^unshare$' -e http-server | sort | uniq -c
}
docker run -d --name keep -p 8080:80 busybox >/dev/null
before=$(snap)
for step in ${STEPS.join(' ')}; do
  sec "$step"
  NSLAB_RUNTIME_FAIL_AT=$step docker run -d --name doomed -p 8081:80 busybox 2>&1; echo "exit=$?"
  after=$(snap)
  if [ "$before" = "$after" ]; then echo unchanged; else diff <(echo "$before") <(echo "$after"); fi
done
sec net; NSLAB_RUNTIME_FAIL_AT=network-nat docker network create doomednet 2>&1; echo "exit=$?"; [ "$before" = "$(snap)" ] && echo unchanged
sec after; docker run -d --name doomed -p 8081:80 busybox >/dev/null && docker inspect -f '{{.NetworkSettings.IPAddress}}' doomed
`;

describe('rollback', () => {
  it('undoes every step of a docker run that fails halfway', async () => {
    const r = await runInLab(ROLLBACK);
    const s = sections(r.stdout);
    for (const step of STEPS) {
      expect(s[step], step).toBe(`docker: Error response from daemon: injected failure at step "${step}" (NSLAB_RUNTIME_FAIL_AT)\nexit=125\nunchanged`);
    }
    expect(s.net).toBe('docker: Error response from daemon: injected failure at step "network-nat" (NSLAB_RUNTIME_FAIL_AT)\nexit=125\nunchanged');
    expect(s.after).toBe('172.17.0.3');
  });
});

describe('nslab run --containers N', () => {
  it('starts busybox containers c1…cN on docker0', async () => {
    const r = await runInLab(`${SECTION}
sec ps; docker ps
sec ips; for c in c1 c2 c3; do docker inspect -f '{{.Name}} {{.NetworkSettings.IPAddress}} {{.NetworkSettings.MacAddress}}' $c; done
sec ping; docker exec c1 ping -c1 -W2 172.17.0.4 >/dev/null && echo ok
sec hostname; docker exec c2 hostname; docker inspect -f '{{.Id}}' c2
sec brctl; brctl show docker0 | grep -o 'veth[0-9a-f]*' | wc -l
sec rm; docker rm -f c3 && ip -br link | grep -c veth`, { containers: 3 });
    expect(r.exitCode).toBe(0);
    const s = sections(r.stdout);
    expect(s.ps.split('\n')).toHaveLength(4);
    for (const c of ['c1', 'c2', 'c3']) expect(s.ps).toMatch(new RegExp(`busybox\\s+"sh"\\s+.*Up .*\\s${c}$`, 'm'));
    expect(s.ips).toBe('/c1 172.17.0.2 02:42:ac:11:00:02\n/c2 172.17.0.3 02:42:ac:11:00:03\n/c3 172.17.0.4 02:42:ac:11:00:04');
    expect(s.ping).toBe('ok');
    const [hostname, id] = s.hostname.split('\n');
    expect(hostname).toBe(id.slice(0, 12));
    expect(s.brctl).toBe('3');
    expect(s.rm).toBe('c3\n2');
  });
});

describe('without root', () => {
  it('runs containers, publishes ports and masquerades in a user-namespace lab', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(`${SECTION}
docker run -d --name web -p 8080:80 busybox >/dev/null
sec curl; nsenter --net=/run/nslab/ns/outside curl -s -o /dev/null -w '%{http_code}' http://192.168.0.11:8080/
sec ping; docker exec web ping -c1 -W2 203.0.113.10 >/dev/null && echo ok
sec rm; docker rm -f web && ps -eo comm= | grep -c -e '^sleep$' -e http-server`, { asUser: TEST_USER });
    const s = sections(r.stdout);
    expect([s.curl, s.ping, s.rm]).toEqual(['200', 'ok', 'web\n0']);
  });
});
