// What a careless, curious or hostile learner might type, in batches: each batch runs in
// one fresh lab, and afterwards the machine must be exactly as it was. Lines that would
// harm the machine if the lab leaked are the point; lines that would harm it even from a
// correct lab as real root (remounting a shared filesystem read-only, writing
// /proc/sysrq-trigger through a fresh proc mount) are left out on purpose: see
// test/reliability/README.md.

export interface Batch {
  name: string;
  lines: string[];
}

export const BATCHES: Batch[] = [
  {
    name: 'links: make every kind, then delete, rename, flush',
    lines: [
      'ip link add v0 type veth peer name v1',
      'ip link add br9 type bridge',
      'ip link set v0 master br9',
      'ip link add vx0 type vxlan id 5 dstport 4789 dev eth0',
      'ip link add mv0 link v1 type macvlan mode bridge',
      'ip tuntap add tap0 mode tap',
      'ip tuntap add tun0 mode tun',
      'brctl addbr br10',
      'ip link set eth0 name wan0',
      'ip link set docker0 name renamed0',
      'ip link set wan0 address 02:00:00:00:00:01',
      'ip link set renamed0 mtu 68',
      'ip link set lo down',
      'ip link del wan0',
      'ip link del renamed0',
      'ip link del br9',
      'brctl delbr br10',
      'ip link del lo',
      'ip link set v1 netns 1',
      'ip link set v1 netns 0',
      'for l in $(ls /sys/class/net); do ip link del "$l"; done',
      'ifconfig eth0 down',
    ],
  },
  {
    name: 'addresses, routes, rules, neighbours',
    lines: [
      'ip addr flush dev eth0',
      'ip addr flush dev lo',
      'ip addr add 10.0.0.1/8 dev lo',
      'ip route del default',
      'ip route add blackhole default',
      'ip route flush table main',
      'ip route flush table local',
      'ip -6 route flush table all',
      'ip rule flush',
      'ip -6 rule flush',
      'ip rule add from all lookup 99 prio 1',
      'ip neigh flush all',
      'ip neigh add 192.168.0.1 lladdr 02:00:00:00:00:02 dev eth0',
      'route del default',
      'route add -net 0.0.0.0 netmask 0.0.0.0 dev lo',
      'arp -d 192.168.0.1',
    ],
  },
  {
    name: 'firewall: flush, delete, default DROP',
    lines: [
      'iptables -F', 'iptables -X', 'iptables -t nat -F', 'iptables -t nat -X',
      'iptables -t mangle -F', 'iptables -t raw -F',
      'iptables -P INPUT DROP', 'iptables -P OUTPUT DROP', 'iptables -P FORWARD DROP',
      'ip6tables -F', 'ip6tables -P OUTPUT DROP',
      'iptables-restore < /dev/null',
      'nft flush ruleset',
      'nft add table inet evil',
      'nft add chain inet evil out "{ type filter hook output priority 0; policy drop; }"',
    ],
  },
  {
    name: 'namespaces, containers and nslab\'s own helpers',
    lines: [
      'ip netns add junk',
      'ip netns add junk',
      'ip netns exec junk ip link add x0 type bridge',
      'ip netns del junk',
      'ip -all netns del',
      'umount /run/nslab/ns/outside; rm -f /run/nslab/ns/outside',
      'unshare --net --mount true',
      'nsenter --net=/proc/1/ns/net ip link add evil1 type bridge',
      'nsenter -t 1 -a ip link add evil2 type bridge',
      'docker run -d --name c1 busybox',
      'docker run -d --name c2 --net=container:c1 busybox',
      'kill -9 $(docker inspect -f \'{{.State.Pid}}\' c1)',
      'docker ps',
      'docker exec c2 ip a',
      'docker rm -f c1',
      'docker rm -f c2',
      'docker run -d --name c3 -p 8080:80 busybox',
      'for p in $(pgrep -x sleep); do kill -9 $p; done',
      'docker ps -a',
      'docker rm -f c3',
      'docker network rm bridge',
      'rm -rf /run/nslab',
      'docker run -d --name c4 busybox',
    ],
  },
  {
    name: 'sysctls, hostname, mounts',
    lines: [
      'sysctl -w net.ipv4.ip_forward=0',
      'sysctl -w net.ipv4.conf.all.forwarding=0',
      'sysctl -w net.ipv4.conf.all.rp_filter=2',
      'sysctl -w net.ipv6.conf.all.forwarding=1',
      'sysctl -w net.ipv6.conf.all.disable_ipv6=1',
      'sysctl -w net.core.somaxconn=1',
      'sysctl -w "net.ipv4.ping_group_range=1 0"',
      'sysctl -w kernel.hostname=evil',
      'sysctl -w kernel.domainname=evil',
      'sysctl -w kernel.printk_ratelimit=1',
      'sysctl -w kernel.pid_max=1000',
      'sysctl -w vm.swappiness=1',
      'echo 1 > /proc/sys/vm/overcommit_memory',
      'hostname renamed-by-learner', 'domainname evil',
      'umount /sys', 'umount -l /sys', 'ls /sys/class/net',
      'umount -l /run', 'umount -l /run', 'ip netns add after-umount',
      'umount -l /proc/sys', 'sysctl -w net.ipv4.ip_forward=1',
      'mount -t tmpfs x /mnt', 'umount /mnt',
      'mount --make-shared /', 'mount --make-rshared /',
      'mount -o remount,rw /proc/sys',
      'umount -l /proc', 'mount -t proc proc /proc',
    ],
  },
  {
    name: 'signals to the lab\'s pid 1',
    lines: ['kill -9 1', 'kill -TERM 1', 'kill -HUP 1', 'kill -INT 1', 'kill -STOP 1', 'kill -CONT 1'],
  },
];

/** Lines that end the shell or nslab itself: each gets a lab of its own, and must end it
 * with a clear message, or leave a shell that still answers. */
export const ENDING_LINES: { line: string; ends: boolean; says?: RegExp }[] = [
  { line: 'kill -9 $$', ends: true, says: /nslab: the shell was killed/ },
  { line: 'kill -9 $PPID', ends: true, says: /nslab: the lab's shell was killed by signal 9/ },
  { line: 'kill -TERM $PPID', ends: true, says: /nslab: the lab's shell was killed by signal 15/ },
  { line: 'kill -9 -1', ends: true, says: /nslab: the lab's shell was killed by signal 9/ },
  { line: 'exec true', ends: true },
];
