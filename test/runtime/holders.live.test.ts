// bin/lab-holders.pl, the factory of container processes, on the real kernel: the
// namespaces and hostname of each holder, the network it wires with netlink (what the
// `ip` commands of the bridge driver made), and that a failure anywhere leaves nothing.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const SCRIPT = `${SECTION}
H="perl $NSLAB_ROOT/bin/lab-holders.pl"
wired() { # N [BRIDGE] [HOSTIF]: a line for container cN on docker0, address 172.17.0.N
  printf 'c%d net=own bridge=%s veth=%s ifname=eth0 mac=02:42:ac:11:00:%02x addr=172.17.0.%d/16 gw=172.17.0.1\\n' "$1" "\${2:-docker0}" "\${3:-vh$1}" "$1" "$1"
}
links() { ip -o link | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | tr '\\n' ' '; }
# Holders alive, zombies not counted. A holder killed with kill -9 is reaped by the lab's
# pid 1 a moment later (under load, a long moment): kill9 waits until it is gone, so that
# a section's count before its test does not include the last section's dying holders.
holders() { ps -eo stat=,comm= | awk '$1 !~ /^Z/ && $2 == "sleep"' | wc -l; }
kill9() { local k n; kill -9 "$@" 2>/dev/null; for k in "$@"; do for n in $(seq 250); do kill -0 $k 2>/dev/null || break; sleep 0.02; done; done; }
ns() { readlink /proc/$1/ns/$2; }

sec modes
own=$(echo 'own1 net=own' | $H) || echo "own failed"
set -- $(printf 'join1 net=join:%s\\nhost1 net=host\\n' "$own" | $H)
join=$1 host=$2
[ "$(ns $own net)" != "$(ns $$ net)" ] && echo "own: a network namespace of its own"
[ "$(ns $join net)" = "$(ns $own net)" ] && echo "join: own1's network namespace"
[ "$(ns $host net)" = "$(ns $$ net)" ] && echo "host: the lab host's network namespace"
[ "$(printf '%s\\n' "$(ns $$ uts)" "$(ns $own uts)" "$(ns $join uts)" "$(ns $host uts)" | sort -u | wc -l)" = 4 ] && echo "uts: one each"
for p in $own $join $host; do
  echo "$(nsenter -t $p -u hostname) $(cat /proc/$p/comm) ppid=$(ps -o ppid= -p $p | tr -d ' ') session-leader=$([ "$(ps -o sid= -p $p | tr -d ' ')" = $p ] && echo yes) fds=$(for f in /proc/$p/fd/*; do readlink $f; done | sort -u | tr '\\n' ' ')"
done
kill9 $own $join $host

sec wired
set -- $({ wired 2; wired 3; } | $H)
c2=$1 c3=$2
in2() { nsenter -t $c2 -n "$@"; }
in2 ip -o link | sed -E 's/^[0-9]+: //; s/ qdisc.*link\\/(ether|loopback) / /; s/ brd .*//; s/@if[0-9]+/@ifN/'
in2 ip -4 -o addr show | sed -E 's/^[0-9]+: +//; s/ +/ /g; s/ *valid_lft.*//; s/\\\\$//'
in2 ip route
in2 ip -d route show default | grep -o 'proto [a-z]*'
peer=$(in2 ip -o link show eth0 | sed -E 's/.*@if([0-9]+).*/\\1/')
ip -o link show vh2 | sed -E 's/ qdisc noqueue / /; s/ mode.*//' | grep -o "^$peer: vh2@if[0-9]*: <[A-Z,_]*> mtu 1500 master docker0 state UP" && echo "peer of eth0"
ip -o link show vh3 | grep -o 'master docker0 state UP'
nsenter -t $c2 -n ping -c1 -W2 172.17.0.3 >/dev/null && echo "c2 reaches c3"
kill9 $c2 $c3
ip link del vh2 2>/dev/null; ip link del vh3 2>/dev/null  # or gone already with their namespaces

sec unplugged
c4=$(wired 4 | sed 's/ bridge=docker0//' | $H)
ip -o link show vh4 | grep -o -e 'master [a-z0-9]*' -e 'state [A-Z]*' | tr '\n' ' '; echo
nsenter -t $c4 -n ip -4 -o addr show eth0 | grep -o 'inet [0-9./]*'
kill9 $c4; ip link del vh4 2>/dev/null

sec later
# After a line --, the holders are made at once and plugged in only when the input ends.
mkfifo /tmp/in.$$
$H < /tmp/in.$$ > /tmp/out.$$ & factory=$!
exec 7>/tmp/in.$$
wired 5 >&7; echo -- >&7
for i in $(seq 200); do ip link show vh5 >/dev/null 2>&1 && break; sleep 0.05; done
echo "before the end of input: $(ip -o link show vh5 | grep -c master) on a bridge"
exec 7>&-
wait $factory; echo "exit=$?"
ip -o link show vh5 | grep -o 'master docker0 state UP'
kill9 $(cat /tmp/out.$$); rm -f /tmp/in.$$ /tmp/out.$$

sec downbridge
# A bridge that is down forwards nothing yet: its ports are plugged in without waiting.
ip link add brdown type bridge
c6=$(wired 6 brdown | $H); echo "exit=$?"
ip -o link show vh6 | grep -o 'master brdown'
kill9 $c6; ip link del vh6 2>/dev/null; ip link del brdown

sec interrupted
# Ctrl-C while containers are being made (here: waiting for the end of input to plug them)
# leaves nothing: the holders, in sessions of their own, are killed by the factory.
before_links=$(links); before_holders=$(holders)
mkfifo /tmp/in.$$
$H < /tmp/in.$$ 2>/tmp/err.$$ & factory=$!
exec 7>/tmp/in.$$
for i in 7 8 9 10 11; do wired $i; done >&7; echo -- >&7
for i in $(seq 200); do [ "$(holders)" = $((before_holders + 5)) ] && break; sleep 0.05; done
echo "holders made: $(( $(holders) - before_holders ))"
kill -INT $factory; wait $factory; echo "exit=$?"; exec 7>&-
cat /tmp/err.$$; rm -f /tmp/in.$$ /tmp/err.$$
[ "$(links)" = "$before_links" ] && echo "links unchanged"; [ "$(holders)" = "$before_holders" ] && echo "no holder left"

sec order
for i in $(seq 1 40); do echo "h$i net=own"; done > /tmp/specs.$$
i=0; for p in $($H < /tmp/specs.$$); do i=$((i + 1)); [ "$(nsenter -t $p -u hostname)" = "h$i" ] || echo "line $i: pid $p is $(nsenter -t $p -u hostname)"; kill9 $p; done
echo "$i holders, in input order"

sec dup
ip link add vethdup type veth peer name vethdup2
before_links=$(links); before_holders=$(holders)
for i in $(seq 2 40); do if [ $i = 30 ]; then wired $i docker0 vethdup; else wired $i; fi; done > /tmp/specs.$$
$H < /tmp/specs.$$ 2>&1; echo "exit=$?"
[ "$(links)" = "$before_links" ] && echo "links unchanged"; [ "$(holders)" = "$before_holders" ] && echo "no holder left"

sec notbridge
{ wired 2; wired 3 vethdup2; } | $H 2>&1; echo "exit=$?"
[ "$(links)" = "$before_links" ] && echo "links unchanged"; [ "$(holders)" = "$before_holders" ] && echo "no holder left"

sec nobridge
{ wired 2 nobr0; } | $H 2>&1; echo "exit=$?"

sec deadjoin
printf 'a net=own\\nb net=join:999999\\n' | $H 2>&1; echo "exit=$?"
[ "$(holders)" = "$before_holders" ] && echo "no holder left"

sec bad
{ echo 'a net=own'; echo 'b net=own color=red'; } | $H 2>&1; echo "exit=$?"
echo 'a net=elsewhere' | $H 2>&1; echo "exit=$?"
echo 'a net=host bridge=docker0' | $H 2>&1; echo "exit=$?"
wired 2 | sed 's|/16|/33|' | $H 2>&1; echo "exit=$?"
{ wired 2; wired 3 docker0 vh2; } | $H 2>&1; echo "exit=$?"
[ "$(links)" = "$before_links" ] && echo "links unchanged"; [ "$(holders)" = "$before_holders" ] && echo "no holder left"
rm -f /tmp/specs.$$
`;

function check(stdout: string): void {
  const s = sections(stdout);
  expect(s.modes.split('\n')).toEqual([
    'own: a network namespace of its own',
    "join: own1's network namespace",
    "host: the lab host's network namespace",
    'uts: one each',
    'own1 sleep ppid=1 session-leader=yes fds=/dev/null ',
    'join1 sleep ppid=1 session-leader=yes fds=/dev/null ',
    'host1 sleep ppid=1 session-leader=yes fds=/dev/null ',
  ]);
  expect(s.wired.split('\n')).toEqual([
    'lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 00:00:00:00:00:00',
    'eth0@ifN: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 02:42:ac:11:00:02',
    'lo inet 127.0.0.1/8 scope host lo',
    'eth0 inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0',
    'default via 172.17.0.1 dev eth0 ',
    '172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 ',
    'proto boot',
    expect.stringMatching(/^\d+: vh2@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state UP$/),
    'peer of eth0',
    'master docker0 state UP',
    'c2 reaches c3',
  ]);
  // Without bridge=, the container side is wired and the host end left down, on no bridge.
  expect(s.unplugged).toBe('state DOWN \ninet 172.17.0.4/16');
  expect(s.later).toBe('before the end of input: 0 on a bridge\nexit=0\nmaster docker0 state UP');
  expect(s.downbridge).toBe('exit=0\nmaster brdown');
  expect(s.interrupted).toBe('holders made: 5\nexit=1\nlab-holders: interrupted by SIGINT\nlinks unchanged\nno holder left');
  expect(s.order).toBe('40 holders, in input order');
  expect(s.dup).toBe('lab-holders: configuring c30: RTM_NEWLINK veth eth0 peer vethdup: File exists\nexit=1\nlinks unchanged\nno holder left');
  expect(s.notbridge).toBe('lab-holders: RTM_NEWLINK vh3 master vethdup2 up: Operation not supported\nexit=1\nlinks unchanged\nno holder left');
  expect(s.nobridge).toBe('lab-holders: bridge=nobr0: RTM_GETLINK nobr0: No such device\nexit=1');
  expect(s.deadjoin).toBe('lab-holders: configuring b: opening /proc/999999/ns/net: No such file or directory\nexit=1\nno holder left');
  expect(s.bad.split('\n')).toEqual([
    "lab-holders: line 2: unknown word 'color=red'",
    'exit=2',
    'lab-holders: line 1: net=elsewhere: not own, host or join:PID',
    'exit=2',
    'lab-holders: line 1: network words without a network of its own: net=host',
    'exit=2',
    'lab-holders: line 1: addr=172.17.0.2/33: not an IPv4 address/prefix length',
    'exit=2',
    'lab-holders: line 2: veth=vh2 is also on line 1',
    'exit=2',
    'links unchanged',
    'no holder left',
  ]);
}

describe('bin/lab-holders.pl', () => {
  it('refuses to run outside a lab, before reading anything', () => {
    const r = spawnSync('perl', [join(ROOT, 'bin', 'lab-holders.pl')], { input: 'c1 net=own\n', encoding: 'utf8', env: { ...process.env, NSLAB_IN_LAB: '' } });
    expect([r.status, r.stderr]).toEqual([2, 'lab-holders: refusing to run outside an nslab lab (it makes namespaces and links where it runs)\n']);
  });

  it('is what docker run and --containers use, traced as commands a learner could type', async () => {
    const r = await runInLab(`${SECTION}
sec run; NSLAB_TRACE=1 docker run -d --name t1 --hostname box1 busybox 2>&1 >/dev/null | grep '^+ unshare'; docker exec t1 hostname
sec badname; NSLAB_TRACE= docker run --hostname 'a;b' busybox true 2>&1; echo "exit=$?"`, { containers: 2, env: { NSLAB_TRACE: '1' } });
    const s = sections(r.stdout);
    const mounts = (id: string) => ` && mount --make-rslave / && for f in hosts hostname resolv.conf; do mount --bind /run/nslab/containers/${id}/$f /etc/$f; done`;
    const [runLine, box1] = s.run.split('\n');
    const id = /containers\/([0-9a-f]{64})\//.exec(runLine)?.[1] ?? '(no id)';
    expect([runLine, box1]).toEqual([`+ unshare --net --uts --mount sh -c 'hostname box1${mounts(id)} && exec sleep infinity' &`, 'box1']);
    expect(s.badname).toBe('docker: Error response from daemon: invalid hostname "a;b": 1 to 64 letters, digits, \'.\', \'-\' or \'_\', starting with a letter or digit\nexit=125');
    const trace = r.stderr.split('\n');
    const [c1, c2] = trace.filter((l) => l.startsWith('+ unshare'));
    for (const line of [c1, c2]) {
      const id = /containers\/([0-9a-f]{64})\//.exec(line)?.[1] ?? '(no id)';
      expect(line).toBe(`+ unshare --net --uts --mount sh -c 'hostname ${id.slice(0, 12)}${mounts(id)} && exec sleep infinity' &`);
    }
    const pid = /^\+ nsenter -t (\d+) -n ip link set lo up$/.exec(trace.find((l) => l.includes('ip link set lo up')) ?? '')?.[1];
    const veth = /^\+ ip link add (veth[0-9a-f]{7}) /.exec(trace.find((l) => l.startsWith('+ ip link add')) ?? '')?.[1];
    expect(trace).toEqual(expect.arrayContaining([
      `+ ip link add ${veth} type veth peer name eth0 address 02:42:ac:11:00:02 netns ${pid}`,
      `+ nsenter -t ${pid} -n ip addr add 172.17.0.2/16 brd + dev eth0`,
      `+ nsenter -t ${pid} -n ip route add default via 172.17.0.1 dev eth0`,
      `+ ip link set ${veth} master docker0`,
      `+ ip link set ${veth} up`,
    ]));
  });

  it('starts holders in their namespaces, wires them as ip did, and leaves nothing when it fails', async () => {
    const r = await runInLab(SCRIPT);
    expect(r.stderr).toBe('');
    check(r.stdout);
  });

  it('mounts etc=DIR\'s files over /etc\'s in the holder alone, over a dangling symlink too, and skips a missing one', async () => {
    // A mount namespace of the test's own, with a tmpfs on /etc, plays a machine whose
    // /etc/resolv.conf points into /run (systemd-resolved) and which has no /etc/hostname.
    const r = await runInLab(`${SECTION}
mkdir -p /run/e && echo H > /run/e/hosts && echo N > /run/e/hostname && echo R > /run/e/resolv.conf
unshare -m sh -c '${SECTION}
  mount -t tmpfs etc /etc && ln -s /run/systemd/resolve/stub-resolv.conf /etc/resolv.conf && echo lab > /etc/hosts
  pid=$(echo "h1 net=own etc=/run/e" | perl "$NSLAB_ROOT/bin/lab-holders.pl") || exit 1
  sec inside; nsenter -t $pid -m sh -c "cat /etc/resolv.conf /etc/hosts; ls /etc"
  sec outside; cat /etc/hosts; readlink /etc/resolv.conf; grep -c -e " /etc/hosts " -e " /etc/resolv.conf " /proc/self/mountinfo
  kill -9 $pid'
sec relative; echo "h net=own etc=run/e" | perl "$NSLAB_ROOT/bin/lab-holders.pl" 2>&1; echo "exit=$?"`);
    const s = sections(r.stdout);
    expect(s.inside).toBe('R\nH\nhosts\nresolv.conf');
    expect(s.outside).toBe('lab\n/run/systemd/resolve/stub-resolv.conf\n0');
    expect(s.relative).toBe('lab-holders: line 1: etc=run/e: not an absolute path\nexit=2');
  });

  it('leaves the hostname rule to the runtime: sets what the kernel takes, and fails cleanly on what it refuses', async () => {
    const names = ['web.local', '-x', 'x'.repeat(64), 'x'.repeat(65)];
    const r = await runInLab(names.map((n) => `pid=$(printf '%s net=own\n' '${n}' | perl "$NSLAB_ROOT/bin/lab-holders.pl" 2>/tmp/err); echo "$? $([ -n "$pid" ] && nsenter -t $pid -u hostname) $(cat /tmp/err)"; [ -n "$pid" ] && kill -9 $pid`).join('\n'));
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['0 web.local ', '0 -x ', `0 ${'x'.repeat(64)} `]);
    expect(lines[3]).toMatch(/^1  lab-holders: configuring x{65}: sethostname x{65}: Invalid argument$/);
  });

  it('does the same without root, in a user-namespace lab', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(SCRIPT, { asUser: TEST_USER });
    check(r.stdout);
  });
});
