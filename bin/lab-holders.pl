#!/usr/bin/perl
# Starts the processes that hold containers' namespaces, many at once, and wires their
# network: what `unshare --net --uts sh -c 'hostname ID && exec sleep infinity' &` and an
# `ip -batch` in each container did, from one process, with netlink instead of a program
# per step. Node starting two programs per container was most of the time that
# `nslab run --containers 50` took; forks of this one process cost far less.
#
# Input, one holder per line (blank lines are skipped):
#   HOSTNAME net=own|host|join:PID [etc=DIR] [veth=HOSTIF ifname=IF mac=MAC addr=IP/LEN gw=GW [bridge=BR]]
# With etc=DIR the holder also gets a mount namespace of its own, in which DIR/hosts,
# DIR/hostname and DIR/resolv.conf are bind-mounted over /etc/hosts, /etc/hostname and
# /etc/resolv.conf: the files Docker gives each container (the caller writes them, and
# rewrites them in place when they change: a bind mount holds on to the file, not the name).
# Without bridge=, the host end of the pair stays down and on no bridge, for the caller
# to plug in. A line `--` ends the holders early: they are made at once, and the bridges
# are looked up and plugged into only at the end of the input. (A lab's containers are
# made while its bridge is still being built; nslab ends the input when it is there.)
# Output: the holders' pids, one per line, in input order; exit 0.
# Any failure: every holder started is killed and reaped, every host-side veth made is
# deleted, one line on stderr, exit 1. Bad input: exit 2, before anything starts.
# It changes the network namespace it runs in: it refuses to run outside a lab.
use strict;
use warnings;

# Beside this script; `./` keeps a relative path from being looked up in @INC instead.
my $self_dir = ($0 =~ m{^(.*)/[^/]+$})[0] // '.';
require(($self_dir =~ m{^\.?/} ? $self_dir : "./$self_dir") . '/lib/syscalls.pl');
our (%CLONE, %MS);

# The same test as the CLI's guard (src/sandbox/lab.ts): a lab's environment, and a
# network namespace other than the one nslab was started from. test/sandbox/lab-guard.test.ts
# runs both guards on the same cases, so that the two cannot drift apart.
my $outer_netns = $ENV{NSLAB_OUTER_NETNS} // '';
unless (($ENV{NSLAB_IN_LAB} // '') eq '1' && $outer_netns =~ /\A[1-9][0-9]*\z/ && (stat '/proc/self/ns/net')[1] != $outer_netns) {
  print STDERR "lab-holders: refusing to run outside an nslab lab (it makes namespaces and links where it runs)\n";
  exit 2;
}

# Requests sent in one write, so that their answers fit the socket's receive buffer.
my $CHUNK = 64;

# The program a holder runs: `sleep infinity` in effect, a process that only waits, as
# Kubernetes' pause container holds a pod's namespaces. coreutils' sleep would do, but
# every start of a glibc program here spends ~0.8 ms probing the CPU (CPUID, which traps
# to the hypervisor in a VM): 40 ms of CPU for 50 containers. So on x86-64 the holder is
# three instructions (nine bytes) in a minimal ELF file, `for (;;) pause();`, written once
# per lab onto its private /run: it starts in ~0.1 ms and its resident memory is 12 kB instead of
# 1.7 MB. It is named sleep, as the holder always was: the docker command's fast path
# and `ps` show it so. Other architectures use coreutils' sleep.
my $HOLDER_PROGRAM = '/run/nslab/bin/sleep';

sub holder_program {
  return $HOLDER_PROGRAM if -x $HOLDER_PROGRAM;
  my $coreutils = (grep { -f && -x } map { "$_/sleep" } split /:/, $ENV{PATH} // '')[0] // 'sleep';
  return $coreutils unless machine() eq 'x86_64';
  my $code = pack('C*',
    0xb8, 0x22, 0x00, 0x00, 0x00,   # mov eax, 34    (pause)
    0x0f, 0x05,                     # syscall
    0xeb, 0xf7);                    # jmp back to the mov
  my ($base, $headers) = (0x400000, 64 + 56);
  my $size = $headers + length $code;
  my $elf =
      pack('a4C5x7', "\x7fELF", 2, 1, 1, 0, 0)                       # 64-bit, little-endian, SysV
    . pack('SSLQQQLSSSSSS', 2, 0x3e, 1, $base + $headers, 64, 0, 0, 64, 56, 1, 0, 0, 0) # executable, x86-64, entry
    . pack('LLQQQQQQ', 1, 5, 0, $base, $base, $size, $size, 0x1000)  # one loadable segment, read + execute
    . $code;
  # Written under a temporary name and renamed: two docker commands may race to make it.
  my $tmp = "$HOLDER_PROGRAM.$$";
  mkdir '/run/nslab/bin';
  my $fh;
  return $HOLDER_PROGRAM
    if open($fh, '>', $tmp) && print({$fh} $elf) && close($fh) && chmod(0755, $tmp) && rename($tmp, $HOLDER_PROGRAM);
  unlink $tmp;
  return $coreutils;
}
my $SLEEP; # holder_program(), once the input is known to be good

my ($AF_INET, $AF_NETLINK, $SOCK_RAW, $NETLINK_ROUTE, $SOL_NETLINK) = (2, 16, 3, 0, 270);
my ($NETLINK_CAP_ACK, $NETLINK_EXT_ACK) = (10, 11);
my ($NLMSG_ERROR, $NLM_F_REQUEST, $NLM_F_ACK, $NLM_F_EXCL, $NLM_F_CREATE) = (2, 1, 4, 0x200, 0x400);
my $NLM_F_ACK_TLVS = 0x200; # the same bit as NLM_F_EXCL: this meaning only on an ack
my ($RTM_NEWLINK, $RTM_DELLINK, $RTM_GETLINK, $RTM_NEWADDR, $RTM_NEWROUTE) = (16, 17, 18, 20, 24);
my ($IFLA_ADDRESS, $IFLA_IFNAME, $IFLA_MASTER, $IFLA_LINKINFO, $IFLA_NET_NS_FD) = (1, 3, 10, 18, 28);
my ($IFLA_INFO_KIND, $IFLA_INFO_DATA, $VETH_INFO_PEER) = (1, 2, 1);
my ($IFA_ADDRESS, $IFA_LOCAL, $IFA_BROADCAST, $RTA_OIF, $RTA_GATEWAY) = (1, 2, 4, 4, 5);
my ($RT_TABLE_MAIN, $RTPROT_BOOT, $RT_SCOPE_UNIVERSE, $RTN_UNICAST, $IFF_UP) = (254, 3, 0, 1, 1);
my ($NLMSGERR_ATTR_MSG, $ENODEV, $WNOHANG) = (1, 19, 1);

# ---------------------------------------------------------------------------- input

my @WIRE_WORDS = qw(veth ifname mac addr gw);
my %KNOWN = map { $_ => 1 } 'net', 'bridge', 'etc', @WIRE_WORDS;
# What etc=DIR provides, as DIR/NAME over /etc/NAME.
my @ETC_FILES = qw(hosts hostname resolv.conf);

sub bad { print STDERR "lab-holders: line $_[0]: $_[1]\n"; exit 2 }

sub ipv4 {
  my @octets = ($_[0] // '') =~ /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
  return undef if @octets != 4 || grep { $_ > 255 } @octets;
  return pack('C4', @octets);
}

# The kernel's rule for interface names: under 16 bytes, no '/', ':' or space, not . or ..
sub valid_ifname { $_[0] =~ m{^[^/:\s]{1,15}$} && $_[0] ne '.' && $_[0] ne '..' }

sub parse {
  my ($n, $line) = @_;
  my ($hostname, @words) = split ' ', $line;
  # Which hostnames a container may have is the runtime's rule (VALID_HOSTNAME in
  # src/runtime/process.ts), checked before this program starts; here the kernel has the
  # last word (sethostname refuses more than 64 bytes).
  my %s = (line => $n, hostname => $hostname);
  for my $word (@words) {
    my ($key, $value) = $word =~ /^([a-z]+)=(.+)$/;
    bad($n, "unknown word '$word'") unless $key && $KNOWN{$key};
    bad($n, "$key= given twice") if exists $s{$key};
    $s{$key} = $value;
  }
  my $net = $s{net} // bad($n, 'net=own|host|join:PID is missing');
  bad($n, "net=$net: not own, host or join:PID") unless $net =~ /^(?:own|host|join:([1-9]\d*))$/;
  $s{join} = $1;
  bad($n, "etc=$s{etc}: not an absolute path") if exists $s{etc} && $s{etc} !~ m{^/};
  my @given = grep { exists $s{$_} } @WIRE_WORDS, 'bridge';
  return \%s unless @given;
  bad($n, "network words without a network of its own: net=$net") if $net ne 'own';
  my @missing = grep { !exists $s{$_} } @WIRE_WORDS;
  bad($n, 'missing ' . join(' ', map { "$_=" } @missing)) if @missing;
  for my $key (grep { exists $s{$_} } qw(bridge veth ifname)) {
    bad($n, "$key=$s{$key}: not an interface name") unless valid_ifname($s{$key});
  }
  bad($n, "mac=$s{mac}: not a MAC address") unless $s{mac} =~ /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
  $s{mac_bytes} = pack('H2' x 6, split /:/, $s{mac});
  my ($ip, $len) = $s{addr} =~ m{^([\d.]+)/(\d{1,2})$};
  $s{ip} = ipv4($ip);
  bad($n, "addr=$s{addr}: not an IPv4 address/prefix length") unless defined $s{ip} && $len <= 32;
  $s{prefixlen} = $len;
  # `brd +` of ip: the subnet's last address, and none for a /31 or /32, as ip does.
  $s{broadcast} = pack('N', unpack('N', $s{ip}) | (2**(32 - $len) - 1)) if $len <= 30;
  $s{gateway} = ipv4($s{gw}) // bad($n, "gw=$s{gw}: not an IPv4 address");
  return \%s;
}

# ---------------------------------------------------------------------------- netlink

sub netlink {
  socket(my $sock, $AF_NETLINK, $SOCK_RAW, $NETLINK_ROUTE) or die "opening a netlink socket: $!\n";
  # Errors without our request echoed back, and with the kernel's own words when it has some.
  setsockopt($sock, $SOL_NETLINK, $NETLINK_CAP_ACK, 1);
  setsockopt($sock, $SOL_NETLINK, $NETLINK_EXT_ACK, 1);
  return $sock;
}

# rtattrs from (type => payload, …) pairs; a nested attribute's payload is attrs(…) itself.
sub attrs {
  my $out = '';
  while (my ($type, $payload) = splice(@_, 0, 2)) {
    $out .= pack('SS', 4 + length $payload, $type) . $payload . "\0" x (-length($payload) % 4);
  }
  return $out;
}

my $seq = 0;
sub request {
  my ($what, $type, $flags, $body) = @_;
  $seq++;
  return { what => $what, seq => $seq,
           msg => pack('LSSLL', 16 + length $body, $type, $flags | $NLM_F_REQUEST | $NLM_F_ACK, $seq, 0) . $body };
}

sub ifinfo { my ($index, $flags) = @_; pack('CCSlLL', 0, 0, 0, $index // 0, $flags // 0, $flags // 0) }
sub name_attr { attrs($IFLA_IFNAME => "$_[0]\0") }

sub link_up { my ($name) = @_; request("RTM_NEWLINK $name up", $RTM_NEWLINK, 0, ifinfo(0, $IFF_UP) . name_attr($name)) }

sub get_link { my ($name) = @_; request("RTM_GETLINK $name", $RTM_GETLINK, 0, ifinfo() . name_attr($name)) }

sub del_link { my ($name) = @_; request("RTM_DELLINK $name", $RTM_DELLINK, 0, ifinfo() . name_attr($name)) }

# The pair is made from inside the container, its peer straight into the lab host's
# namespace (by fd): moving a device between namespaces afterwards costs the kernel ~17 ms.
sub new_veth {
  my ($s, $host_ns_fd) = @_;
  my $peer = ifinfo() . name_attr($s->{veth}) . attrs($IFLA_NET_NS_FD => pack('L', $host_ns_fd));
  request("RTM_NEWLINK veth $s->{ifname} peer $s->{veth}", $RTM_NEWLINK, $NLM_F_CREATE | $NLM_F_EXCL,
    ifinfo(0, $IFF_UP) . name_attr($s->{ifname}) . attrs(
      $IFLA_ADDRESS => $s->{mac_bytes},
      $IFLA_LINKINFO => attrs($IFLA_INFO_KIND => "veth\0", $IFLA_INFO_DATA => attrs($VETH_INFO_PEER => $peer))));
}

sub new_addr {
  my ($s, $index) = @_;
  request("RTM_NEWADDR $s->{addr} on $s->{ifname}", $RTM_NEWADDR, $NLM_F_CREATE | $NLM_F_EXCL,
    pack('CCCCL', $AF_INET, $s->{prefixlen}, 0, $RT_SCOPE_UNIVERSE, $index)
    . attrs($IFA_LOCAL => $s->{ip}, $IFA_ADDRESS => $s->{ip}, defined $s->{broadcast} ? ($IFA_BROADCAST => $s->{broadcast}) : ()));
}

sub new_default_route {
  my ($s, $index) = @_;
  request("RTM_NEWROUTE default via $s->{gw} dev $s->{ifname}", $RTM_NEWROUTE, $NLM_F_CREATE | $NLM_F_EXCL,
    pack('C8L', $AF_INET, 0, 0, 0, $RT_TABLE_MAIN, $RTPROT_BOOT, $RT_SCOPE_UNIVERSE, $RTN_UNICAST, 0)
    . attrs($RTA_GATEWAY => $s->{gateway}, $RTA_OIF => pack('L', $index)));
}

sub enslave_up {
  my ($name, $master, $master_index) = @_;
  request("RTM_NEWLINK $name master $master up", $RTM_NEWLINK, 0,
    ifinfo(0, $IFF_UP) . name_attr($name) . attrs($IFLA_MASTER => pack('L', $master_index)));
}

# Sends the requests, many to a write, and reads every answer: sets each request's errno
# (0: done), the kernel's message if it gave one, and its reply if it sent one.
sub talk {
  my ($sock, @requests) = @_;
  while (my @chunk = splice(@requests, 0, $CHUNK)) {
    my %by_seq = map { $_->{seq} => $_ } @chunk;
    defined syswrite($sock, join('', map { $_->{msg} } @chunk)) or die "writing to netlink: $!\n";
    my $unanswered = @chunk;
    while ($unanswered) {
      sysread($sock, my $buf, 65536) or die 'reading from netlink: ' . ($! || 'no answer') . "\n";
      while (length $buf >= 16) {
        my ($len, $type, $flags, $seq) = unpack('LSSL', $buf);
        last if $len < 16;
        my $r = $by_seq{$seq};
        if (!$r) {
          # not ours (cannot happen on a socket of our own); skip it
        } elsif ($type == $NLMSG_ERROR) {
          $r->{errno} = -unpack('l', substr($buf, 16, 4));
          $r->{kernel} = ext_ack_message(substr($buf, 36, $len - 36)) if $flags & $NLM_F_ACK_TLVS;
          $unanswered--;
        } else {
          $r->{reply} = substr($buf, 0, $len);
        }
        substr($buf, 0, ($len + 3) & ~3, '');
      }
    }
  }
}

sub ext_ack_message {
  my ($tlvs) = @_;
  while (length $tlvs >= 4) {
    my ($len, $type) = unpack('SS', $tlvs);
    last if $len < 4;
    return unpack('Z*', substr($tlvs, 4, $len - 4)) if $type == $NLMSGERR_ATTR_MSG;
    substr($tlvs, 0, ($len + 3) & ~3, '');
  }
  return undef;
}

sub failure {
  my ($r) = @_;
  local $! = $r->{errno};
  return "$r->{what}: $!" . ($r->{kernel} ? " ($r->{kernel})" : '');
}

# Like talk, but the first refusal dies with what was refused and why.
sub must {
  my ($sock, @requests) = @_;
  talk($sock, @requests);
  for (@requests) { die failure($_) . "\n" if $_->{errno} }
  return @requests;
}

sub link_index {
  my ($sock, $name) = @_;
  my ($r) = must($sock, get_link($name));
  return unpack('l', substr($r->{reply} // die("RTM_GETLINK $name: no answer\n"), 20, 4));
}

# A socket that hears of every change to a link in this namespace (RTMGRP_LINK).
sub link_events {
  my $sock = netlink();
  bind($sock, pack('SSLL', $AF_NETLINK, 0, 0, 1)) or die "listening for link changes: $!\n";
  return $sock;
}

# Plugged in means forwarding. The kernel notes a link's carrier asynchronously, and a
# bridge port whose carrier it has not yet seen stays disabled meanwhile: a ping at once
# would be dropped (it was, one lab in twenty). So wait until every port forwards,
# reading its state again whenever the kernel reports a change to a link, and every
# 50 ms (about 5 s at most). Only on bridges that forward at once: not on one that is
# down, nor with STP on, whose ports listen and learn for half a minute first.
sub wait_forwarding {
  my ($events, @ports) = @_;
  my $bits = '';
  vec($bits, fileno $events, 1) = 1;
  my $deadline = time + 5;
  socket(my $ioctl_sock, $AF_INET, 2, 0) or fail("opening a socket: $!"); # SOCK_DGRAM
  while (@ports = grep { port_state($_) ne '3' } @ports) { # BR_STATE_FORWARDING
    fail("bridge ports still not forwarding after about 5 s: @ports") if time > $deadline;
    sync_link($ioctl_sock, $_) for @ports;
    sysread($events, my $buf, 65536) if select(my $ready = $bits, undef, undef, 0.05) > 0;
  }
}

# The kernel handles at most 100 links' carrier changes in a batch, and puts the rest off
# by up to a second; asking a link's state through ethtool (ETHTOOL_GLINK) makes it
# handle that link's change at once.
sub sync_link {
  my ($sock, $name) = @_;
  my $value = pack('LL', 0x0000000a, 0); # struct ethtool_value { ETHTOOL_GLINK, data }
  my $ifreq = pack('a16 P8 x16', $name, $value); # ifr_name, ifr_data -> value (40 bytes)
  ioctl($sock, 0x8946, $ifreq); # SIOCETHTOOL
}

sub bridge_forwards {
  my ($bridge) = @_;
  my $flags = sysfs("$bridge/flags");
  return $flags =~ /^0x[0-9a-f]+$/ && (hex($flags) & $IFF_UP) && sysfs("$bridge/bridge/stp_state") eq '0';
}

sub port_state { sysfs("$_[0]/brport/state") }

# A file of /sys/class/net, its one line ('' when it cannot be read).
sub sysfs {
  open(my $fh, '<', "/sys/class/net/$_[0]") or return '';
  my $line = <$fh> // '';
  chomp $line;
  return $line;
}

# ---------------------------------------------------------------------------- processes

# A worker makes its share of the containers one after another: it enters a container's
# namespaces itself, forks the holder there, wires the network while the holder execs,
# and goes back to the lab host's namespaces for the next. So each container costs one
# fork, whose child does next to nothing before exec. (A child per container that then
# forked the holder cost twice the forks, and perl's copy-on-write faults in every child
# cost more than making the namespaces.) Results go to the report pipe, a line each.
sub worker {
  my ($indexes, $specs, $report, $home) = @_;
  $SIG{$_} = 'DEFAULT' for qw(INT TERM HUP); # the factory undoes what a worker leaves
  # A socket of the lab host's namespace (a netlink socket stays in the namespace it was
  # made in): host ends bound for a bridge are brought up from here as soon as they exist.
  $home->{nl} = eval { netlink() };
  for my $i (@$indexes) {
    container($i, $specs->[$i], $report, $home) or sys_exit(1);
    sys_setns(fileno $home->{net}, $CLONE{NEWNET}) && sys_setns(fileno $home->{uts}, $CLONE{NEWUTS})
      && (!$specs->[$i]{etc} || sys_setns(fileno $home->{mnt}, $CLONE{NEWNS}))
      or do { syswrite($report, "$i error returning to the lab host's namespaces: $!\n"); sys_exit(1) };
  }
  sys_exit(0);
}

sub container {
  my ($i, $s, $report, $home) = @_;
  my $say = sub { syswrite($report, "$i $_[0]\n") };
  my $holder;
  my $ok = eval {
    enter_namespaces($s);
    pipe(my $exec_r, my $exec_w) or die "making a pipe: $!\n";
    $holder = fork() // die "fork failed: $!\n";
    holder($exec_w) if $holder == 0;
    close $exec_w;
    wire($s, $home, sub { $say->('veth') }) if $s->{veth};
    # The pipe closes on exec (close-on-exec); anything read from it is exec's error.
    my $n = sysread($exec_r, my $why, 512);
    die "starting sleep: $why\n" if $n;
    1;
  };
  if ($ok) { $say->("holder $holder"); return 1 }
  my $why = $@ =~ s/\s+$//r =~ s/\n/; /gr;
  if ($holder) { kill 'KILL', $holder; waitpid($holder, 0) }
  $say->("error $why");
  return 0;
}

sub enter_namespaces {
  my ($s) = @_;
  my $mnt = $s->{etc} ? $CLONE{NEWNS} : 0;
  if ($s->{net} eq 'own') {
    sys_unshare($CLONE{NEWNET} | $CLONE{NEWUTS} | $mnt) or die "unshare(CLONE_NEWNET|CLONE_NEWUTS" . ($mnt ? '|CLONE_NEWNS' : '') . "): $!\n";
  } else {
    if ($s->{join}) {
      my $path = "/proc/$s->{join}/ns/net";
      open(my $ns, '<', $path) or die "opening $path: $!\n";
      sys_setns(fileno $ns, $CLONE{NEWNET}) or die "joining the network namespace of pid $s->{join}: $!\n";
      close $ns;
    }
    sys_unshare($CLONE{NEWUTS} | $mnt) or die "unshare(CLONE_NEWUTS" . ($mnt ? '|CLONE_NEWNS' : '') . "): $!\n";
  }
  sys_sethostname($s->{hostname}) or die "sethostname $s->{hostname}: $!\n";
  mount_etc($s->{etc}) if $s->{etc};
}

# In the holder's new mount namespace: nothing mounted here may propagate back to the lab
# (a slave receives the lab's later mounts, and sends none), then the three files.
sub mount_etc {
  my ($dir) = @_;
  sys_mount('none', '/', undef, $MS{REC} | $MS{SLAVE}) or die "making / a slave mount: $!\n";
  for my $name (@ETC_FILES) {
    my ($source, $target) = ("$dir/$name", "/etc/$name");
    # The target itself, not what it points to: /etc/resolv.conf is often a symlink into
    # /run (systemd-resolved), and the lab's /run is a tmpfs of its own where it leads
    # nowhere. Mounted over, the symlink gives way to the file. A target that does not
    # exist at all is left out: the lab's /etc is the machine's, not ours to add to.
    sysopen(my $fh, $target, open_flag('PATH') | open_flag('NOFOLLOW')) or do {
      next if $!{ENOENT};
      die "opening $target: $!\n";
    };
    sys_mount($source, '/proc/self/fd/' . fileno($fh), undef, $MS{BIND}) or die "bind-mounting $source on $target: $!\n";
    close $fh;
  }
}

# The holder: nothing of ours stays open in it (Node reads our stdout and stderr until
# end-of-file, and a lab must not keep a pipe alive), a session of its own, and `sleep`
# as its name: the docker command's fast path and the tests look for it. Perl opens every
# other descriptor close-on-exec, and the factory closed what it inherited, so three
# redirections suffice.
sub holder {
  my ($exec_w) = @_;
  eval {
    chdir '/';
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>', '/dev/null');
    open(STDERR, '>', '/dev/null');
    sys_setsid();
    exec { $SLEEP } 'sleep', 'infinity';
  };
  syswrite($exec_w, $@ ? $@ : "$!");
  sys_exit(127);
}

# What `ip link set lo up`, `ip link add … type veth peer … netns`, `ip addr add … brd +`
# and `ip route add default via …` did in the container, in its network namespace.
sub wire {
  my ($s, $home, $made) = @_;
  my $nl = netlink();
  must($nl, link_up('lo'));
  must($nl, new_veth($s, fileno $home->{net}));
  $made->();
  # Up long before it is plugged in: the kernel sees the pair's carrier meanwhile, and the
  # bridge then forwards on the port the moment it joins (see wait_forwarding).
  must($home->{nl} // die("no netlink socket in the lab host's namespace\n"), link_up($s->{veth})) if $s->{bridge};
  my $index = link_index($nl, $s->{ifname});
  must($nl, new_addr($s, $index), new_default_route($s, $index));
}

# ---------------------------------------------------------------------------- factory

my @specs;
while (my $line = <STDIN>) {
  last if $line =~ /^--$/;
  push @specs, parse($., $line) if $line =~ /\S/;
}
my %veth_line;
for my $s (grep { $_->{veth} } @specs) {
  bad($s->{line}, "veth=$s->{veth} is also on line $veth_line{$s->{veth}}") if $veth_line{$s->{veth}};
  $veth_line{$s->{veth}} = $s->{line};
}
exit 0 unless @specs;
$SLEEP = holder_program();

my (@holder, @veth_made, %reaped, $nl, $error, %worker);

sub min { $_[0] < $_[1] ? $_[0] : $_[1] }

sub cpu_count {
  open(my $fh, '<', '/sys/devices/system/cpu/online') or return 2;
  my $count = 0;
  for (split /,/, <$fh> // '') { $count += /^(\d+)-(\d+)$/ ? $2 - $1 + 1 : 1 }
  return $count || 2;
}

# Descriptors inherited without close-on-exec would stay open in every holder for good
# (perl marks its own close-on-exec). Closed once here rather than in each holder.
sub close_inherited_descriptors {
  opendir(my $dir, '/proc/self/fd') or return;
  my @fds = grep { /^\d+$/ && $_ > 2 } readdir $dir;
  closedir $dir;
  for my $fd (@fds) {
    my $flags = sys_fcntl($fd, 1); # F_GETFD
    sys_close($fd) if $flags >= 0 && !($flags & 1); # FD_CLOEXEC
  }
}

# Undoes everything: kills and reaps every holder (ours to reap: we are their subreaper),
# deletes every host-side veth a container made (gone already with its namespace is fine).
sub fail {
  my ($why) = @_;
  $why =~ s/\s+$//;
  $SIG{$_} = 'IGNORE' for qw(INT TERM HUP); # undo once, whatever else arrives
  # Workers first, so that every holder they made is an orphan of ours by now.
  kill 'KILL', keys %worker;
  waitpid($_, 0) for keys %worker;
  %worker = ();
  my %live = map { $_ => 1 } grep { defined && !$reaped{$_} } @holder;
  # Also the holder of a child that died before it could say so: an orphan, so ours now.
  if (open(my $fh, '<', "/proc/$$/task/$$/children")) { $live{$_} = 1 for split ' ', <$fh> // '' }
  my @live = keys %live;
  kill 'KILL', @live;
  waitpid($_, 0) for @live;
  my @made = map { $specs[$_]{veth} } grep { $veth_made[$_] } 0 .. $#specs;
  if (@made && $nl) {
    my @deletes = map { del_link($_) } @made;
    eval { talk($nl, @deletes) };
    my @left = grep { $_->{errno} && $_->{errno} != $ENODEV } @deletes;
    $why .= '; and could not undo ' . join(', ', map { failure($_) } @left) if @left;
  }
  print STDERR "lab-holders: $why\n";
  exit 1;
}

my $wired = grep { $_->{veth} } @specs;
$nl = eval { netlink() } // fail($@) if $wired;
# Where workers come back to after each container, and where veth peers are made.
my %home;
for my $ns (qw(net uts mnt)) {
  open($home{$ns}, '<', "/proc/self/ns/$ns") or fail("opening /proc/self/ns/$ns: $!");
}
close_inherited_descriptors();
sys_subreaper() or fail("PR_SET_CHILD_SUBREAPER: $!");
pipe(my $report_r, my $report_w) or fail("making a pipe: $!");

# The containers dealt round-robin to one worker per core: the work is mostly the kernel's,
# serialised by its network lock, so more workers than cores would only wait.
my $workers = min(cpu_count(), scalar @specs);
# Ctrl-C (or a signal) now leaves nothing behind either: the holders are in sessions of
# their own, out of the terminal's reach, so they are killed here.
$SIG{$_} = sub { fail("interrupted by SIG$_[0]") } for qw(INT TERM HUP);
for my $w (0 .. $workers - 1) {
  my @mine = grep { $_ % $workers == $w } 0 .. $#specs;
  my $pid = fork();
  if (!defined $pid) { $error = "fork failed: $!"; last }
  worker(\@mine, \@specs, $report_w, \%home) if $pid == 0;
  $worker{$pid} = 1;
}
close $report_w;

# Reports until every worker has closed its end of the pipe, then the workers' statuses.
my $reports = '';
while (1) {
  my $n = sysread($report_r, $reports, 65536, length $reports);
  last if defined $n ? $n == 0 : !$!{EINTR};
}
while ($reports =~ s/^(\d+) (\w+) ?(.*)\n//) {
  my ($i, $what, $text) = ($1, $2, $3);
  if ($what eq 'veth') { $veth_made[$i] = 1 }
  elsif ($what eq 'holder') { $holder[$i] = $text }
  else { $error //= "configuring $specs[$i]{hostname}: $text" }
}
while (%worker) {
  my $pid = waitpid(-1, 0);
  last if $pid <= 0;
  if (delete $worker{$pid}) {
    $error //= "a worker process ended with status $?" if $?;
  } else {
    # A holder, orphaned to us, that died while the others were still starting.
    $reaped{$pid} = 1;
    $error //= "a container process ($pid) exited while starting";
  }
}
$error //= "configuring $specs[$_]{hostname}: no holder was reported" for grep { !defined $holder[$_] } 0 .. $#specs;
fail($error) if $error;

my @plugged = grep { $_->{bridge} } @specs;
if (@plugged) {
  1 while <STDIN>; # the bridges exist once the input ends
  my %bridge_index;
  for my $bridge (map { $_->{bridge} } @plugged) {
    $bridge_index{$bridge} //= eval { link_index($nl, $bridge) } // fail("bridge=$bridge: $@");
  }
  my $link_events = eval { link_events() } // fail($@);
  eval { must($nl, map { enslave_up($_->{veth}, $_->{bridge}, $bridge_index{$_->{bridge}}) } @plugged); 1 }
    or fail($@);
  wait_forwarding($link_events, map { $_->{veth} } grep { bridge_forwards($_->{bridge}) } @plugged);
}
# A holder that died on the way is no container.
while ((my $pid = waitpid(-1, $WNOHANG)) > 0) {
  $reaped{$pid} = 1;
  fail("a container process ($pid) exited while starting");
}
print join("\n", @holder), "\n";
exit 0;
