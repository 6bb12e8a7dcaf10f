// The --net modes, -p, and foreground runs, on the real kernel.
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const SCRIPT = `${SECTION}
docker run -d --name web -p 8080:80 busybox >/dev/null
sec outside; nsenter --net=/run/nslab/ns/outside curl -s -o /dev/null -w '%{http_code}' http://192.168.0.11:8080/
sec direct; curl -s -w ' %{http_code}' http://172.17.0.2:80/
sec viahost; curl -s -o /dev/null -w '%{http_code}' http://192.168.0.11:8080/
sec nat; iptables-save -t nat | grep -e '^-A DOCKER' -e '^-A POSTROUTING'
sec dup; docker run -d --name web2 -p 8080:81 busybox 2>&1; echo "exit=$?"
docker run -d --name side --net=container:web busybox >/dev/null
sec sideaddr; docker exec side ip -br addr show eth0
sec webaddr; docker exec web ip -br addr show eth0
sec sidens; for c in web side; do readlink /proc/$(docker inspect -f '{{.State.Pid}}' $c)/ns/net; done
sec sidehost; docker exec side hostname; docker inspect -f '{{.Config.Hostname}}' side
sec sidecurl; docker exec side curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:80/
sec sidemode; docker inspect -f '{{.HostConfig.NetworkMode}}' side; docker inspect -f '{{.Id}}' web
sec none; docker run --rm --net=none busybox ip -j link
sec nonetrace; NSLAB_TRACE=1 docker run --rm --network none busybox true 2>&1 | grep -c 'ip link set lo up'
docker run -d --name hostc --net=host --hostname vm1 busybox >/dev/null
sec hostc; docker exec hostc ip -br addr show eth0; docker exec hostc hostname; hostname
sec hostcns; readlink /proc/$(docker inspect -f '{{.State.Pid}}' hostc)/ns/net /proc/self/ns/net
sec list; node -e "import('$NSLAB_ROOT/dist/runtime/store.js').then((m) => console.log(JSON.stringify({ list: m.listContainers(), pid: m.containerPid('side') ?? null, none: m.containerPid('ghost') ?? null })))"
sec fg; printf 'hostname\\nexit 3\\n' | docker run -i --name fg busybox sh; echo "exit=$?"
sec fgstate; docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}' fg
sec fgrm; docker run --rm --name gone busybox echo hi from a container; echo "exit=$?"
sec psa; docker ps -a
sec rmall; docker rm -f web side hostc fg
sec natafter; iptables-save -t nat | grep -c -e '8080' -e '172.17.0.2/32'
sec linksafter; ip -br link | awk '{print $1}' | grep -c veth
sec procs; ps -eo comm= | grep -c -e '^sleep$' -e http-server
`;

describe('network modes, ports and foreground runs', () => {
  it('host, none, container:N and -p behave as Docker\'s do', async () => {
    const r = await runInLab(SCRIPT);
    const s = sections(r.stdout);
    // -p: answered from the outside world, directly, and from the host via its address.
    expect(s.outside).toBe('200');
    expect(s.direct).toBe('hello from web (port 80)\n 200');
    expect(s.viahost).toBe('200');
    expect(s.nat.split('\n')).toEqual(expect.arrayContaining([
      '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      '-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
    ]));
    expect(s.dup).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated\.\nexit=125$/);
    // container:web shares web's network stack (and, as with Docker, its hostname).
    expect(s.sideaddr).toBe(s.webaddr);
    expect(s.sideaddr).toMatch(/^eth0@if\d+\s+UP\s+172\.17\.0\.2\/16/);
    const [webNs, sideNs] = s.sidens.split('\n');
    expect(sideNs).toBe(webNs);
    const [sideHostname, sideConfigured] = s.sidehost.split('\n');
    expect(sideHostname).toBe(sideConfigured);
    expect(s.sidecurl).toBe('200');
    const [mode, webId] = s.sidemode.split('\n');
    expect(mode).toBe(`container:${webId}`);
    // none: lo only, up.
    const none = JSON.parse(s.none);
    expect(none.map((l: { ifname: string }) => l.ifname)).toEqual(['lo']);
    expect(none[0].flags).toContain('UP');
    expect(s.nonetrace).toBe('1');
    // host: the lab host's interfaces, its own hostname.
    const [hostEth0, hostcName, labName] = s.hostc.split('\n');
    expect(hostEth0).toMatch(/192\.168\.0\.11\/24/);
    expect([hostcName, labName]).toEqual(['vm1', 'nslab']);
    const [hcNs, ourNs] = s.hostcns.split('\n');
    expect(hcNs).toBe(ourNs);
    // The export the kernel snapshot reads.
    const { list, pid, none: noPid } = JSON.parse(s.list);
    const byName = Object.fromEntries(list.map((c: { name: string }) => [c.name, c]));
    expect(byName.web).toMatchObject({ id: webId, running: true, networkMode: 'bridge', ns: 'container:web', ip: '172.17.0.2' });
    expect(byName.side).toMatchObject({ running: true, networkMode: 'container:web', ns: 'container:web', ip: '172.17.0.2', pid });
    expect(byName.hostc).toMatchObject({ running: true, networkMode: 'host', ns: 'host' });
    expect(byName.hostc.ip).toBeUndefined();
    expect(noPid).toBeNull();
    // Foreground: output and exit status come through; --rm leaves nothing.
    expect(s.fg).toMatch(/^[0-9a-f]{12}\nexit=3$/);
    expect(s.fgstate).toBe('exited 3 false');
    expect(s.fgrm).toBe('hi from a container\nexit=0');
    expect(s.psa).toMatch(/Exited \(3\) .* fg$/m);
    expect(s.psa).not.toMatch(/gone/);
    // rm -f of everything: rules, veths and processes gone.
    expect(s.rmall).toBe('web\nside\nhostc\nfg');
    expect(s.natafter).toBe('0');
    expect(s.linksafter).toBe('0');
    expect(s.procs).toBe('0');
  });
});

describe('docker exec without Node', () => {
  it('runs in the container\'s namespaces with its hostname, and hands errors to the runtime', async () => {
    const r = await runInLab([
      'docker run -d --name fast busybox >/dev/null',
      'echo "host=$(docker exec fast hostname) id=$(docker inspect -f "{{.Config.Hostname}}" fast)"',
      'echo "ns-same=$([ "$(docker exec fast readlink /proc/self/ns/net)" = "$(readlink /proc/$(docker inspect -f "{{.State.Pid}}" fast)/ns/net)" ] && echo yes)"',
      'docker exec -i fast cat <<< "from-stdin"',
      'docker stop fast >/dev/null; docker exec fast true 2>&1; echo "exit=$?"',
    ].join('\n'));
    const [host, ns, stdin, stopped] = r.stdout.trim().split('\n');
    expect(host).toMatch(/^host=([0-9a-f]{12}) id=\1$/);
    expect(ns).toBe('ns-same=yes');
    expect(stdin).toBe('from-stdin');
    expect(stopped).toMatch(/Error response from daemon: Container [0-9a-f]{64} is not running/);
  });
});

describe('docker-proxy', () => {
  it('serves a published port to a container that uses the host\'s address, and goes with the container', async () => {
    const r = await runInLab([
      'docker run -d --name web -p 8080:80 nginx >/dev/null',
      'docker run -d --name other busybox >/dev/null',
      'echo "via-host=$(docker exec other curl -s -m 5 http://192.168.0.11:8080/)"',
      'echo "self=$(docker exec web curl -s -m 5 http://192.168.0.11:8080/)"',
      'echo "listening=$(ss -ltnH "sport = :8080" | wc -l)"',
      'docker rm -f web >/dev/null',
      'echo "after-rm=$(ss -ltnH "sport = :8080" | wc -l)"',
    ].join('\n'));
    expect(r.stdout.trim().split('\n')).toEqual([
      'via-host=hello from web (port 80)',
      'self=hello from web (port 80)',
      'listening=1',
      'after-rm=0',
    ]);
  });
});
