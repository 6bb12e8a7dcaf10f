#!/usr/bin/perl
# Makes a lab's namespaces and becomes its pid 1. Started by bin/lab-launch.pl, already root
# of the lab's user namespace (whose ids own nothing on the machine). Perl and system calls rather than unshare(1), mount(8) and a
# bash pid 1: those were some thirty short processes, most of a lab's start-up time.
#
# This process makes the network, mount, pid, uts and ipc namespaces and forks; the child
# is the lab's pid 1. Here we wait for it, as `unshare --fork` would. Pid 1 prepares the
# filesystem, starts Node, and reaps every orphan the lab leaves it (Node reaps only its
# own children) until Node ends; its death then ends every process in the lab.
use strict;
use warnings;

# Beside this script; `./` keeps a relative path from being looked up in @INC instead.
my $self_dir = ($0 =~ m{^(.*)/[^/]+$})[0] // '.';
require(($self_dir =~ m{^\.?/} ? $self_dir : "./$self_dir") . '/lib/syscalls.pl');
require(($self_dir =~ m{^\.?/} ? $self_dir : "./$self_dir") . '/lib/terminal.pl');
our (%CLONE, %MS);

my $root = $ENV{NSLAB_ROOT};
unless (defined $root && defined $ENV{NSLAB_USERNS_MODE}) {
  print STDERR "lab-init: only bin/lab-launch.pl starts me: run `nslab sandbox` (or `nslab run -- CMD`) for a lab.\n";
  exit 2;
}
my $SIGKILL = 9;

sub fail { print STDERR "nslab: could not prepare the lab: $_[0]\n"; sys_exit(70) }

# Nothing mounted in the lab may appear outside it (`--propagation private`). The mount
# namespace was made with the user namespace, by bin/lab-launch.
sys_mount('none', '/', undef, $MS{REC} | $MS{PRIVATE}) or fail("making / private failed: $!");

# The lab runs in a user namespace whose ids own nothing on the machine (bin/lab-launch.pl),
# so the kernel forbids it to write the machine's files, for root as for anyone: they
# belong to nobody here. What the lab may write is its own and goes with it: a private
# /run (`ip netns add` and the documents' /var/run/netns symlinks work), /tmp, /var/tmp,
# a home (/root), and a /dev holding only what a lab needs. sysfs again, so that brctl
# reads this network namespace's bridges. The machine's own mounts are made read-only
# first, so that even a folder that anyone may write (mode 0777) is not writable here.
my $start_dir = readlink('/proc/self/cwd');
make_machine_read_only();
sys_mount('nslab-run', '/run', 'tmpfs', 0, 'mode=0755,size=64m') or fail("mounting a tmpfs on /run failed: $!");
mkdir $_ or fail("mkdir $_ failed: $!") for qw(/run/netns /run/nslab);
my %own = ('/tmp' => 'mode=1777,size=256m', '/var/tmp' => 'mode=1777,size=64m', '/root' => 'mode=0700,size=64m');
for my $dir (sort keys %own) {
  sys_mount("nslab$dir" =~ s{/}{-}gr, $dir, 'tmpfs', $MS{NOSUID} | $MS{NODEV}, $own{$dir}) or fail("mounting a tmpfs on $dir failed: $!");
}
make_dev();
# nslab's own files, and the learner's lessons, at the paths they have outside (see
# bin/lab-launch.pl: the lab's ids may not pass the folders above them).
for my $what (qw(ROOT LESSONS)) {
  my ($path, $fd) = ($ENV{"NSLAB_$what"}, delete $ENV{"NSLAB_${what}_FD"});
  next unless defined $path && defined $fd;
  reach($path, $fd) or fail("making $path visible in the lab failed: $!");
  sys_close($fd);
}
# Back where nslab was started, if the lab may go there; else home.
$ENV{NSLAB_OUTER_HOME} = $ENV{HOME} if defined $ENV{HOME};
$ENV{HOME} = '/root';
delete $ENV{TMPDIR}; # the machine's temporary folders are not the lab's
(defined $start_dir && chdir($start_dir)) || chdir('/root');

# bin/lab-launch.pl is moving us into the lab's pids cgroup (the mounts above were made
# meanwhile): wait until it has, so that everything forked from here on is born in it.
if (defined(my $gate = delete $ENV{NSLAB_CGROUP_GATE_FD})) {
  if (open(my $fh, '<&=', $gate)) {
    while (1) { # until end-of-file; a signal only interrupts the wait
      my $n = sysread($fh, my $buf, 1);
      last if defined $n ? $n == 0 : !$!{EINTR};
    }
    close $fh;
  }
}

# Ctrl-C and friends belong to whatever runs in the lab. Handlers, not 'IGNORE': an
# ignored signal would be inherited across exec by everything the lab starts.
$SIG{$_} = sub { } for qw(INT QUIT TERM HUP);
# If the terminal's foreground is ours, Node takes it in a group of its own (lib/terminal.pl),
# and it comes back to ours when the lab ends: to the next lab of a `.reset`, to the caller.
my $fg = terminal_foreground();
my $terminal_ours = defined $fg && $fg == getpgrp();

# The lab's pid namespace, then its pid 1, which mounts the lab's /proc while it is still
# in this user namespace; then pid 1 goes one user namespace deeper, with the same ids,
# and makes the lab's network, uts and ipc namespaces there. Everything mounted so far was
# made in a namespace the lab's does not own, so the kernel locks it for the lab: the
# machine's mounts stay read-only (`mount -o remount,rw` is refused), and ours, /proc
# included, cannot be unmounted to uncover what is beneath. No process of the lab's user
# namespace lives outside its pid namespace. This process writes the new ids, and waits.
my $ids = (split ' ', (read_file('/proc/self/uid_map') // ''))[2] // 1;
my $own_only = (read_file('/proc/self/setgroups') // '') =~ /deny/;
sys_unshare($CLONE{NEWPID}) or fail("making the lab's pid namespace failed: $!");
# This /proc, kept open: pid 1 mounts the lab's over it, in which pid 1's ids files are
# not where we can name them.
opendir(my $proc, '/proc') or fail("opening /proc failed: $!");
# Not dumpable: nothing of the lab may write this process's memory or take its files.
sys_dumpable(0);
pipe(my $made_r, my $made_w) or fail("pipe failed: $!");
pipe(my $mapped_r, my $mapped_w) or fail("pipe failed: $!");
my $outer = $$;
my $init = fork() // fail("fork failed: $!");
if ($init) {
  close $made_w; close $mapped_r;
  my $made = '';
  1 while !defined sysread($made_r, $made, 1) && $!{EINTR};
  if ($made eq 'U') {
    my $ok = ($own_only ? write_at($proc, "$init/setgroups", 'deny') : 1)
      && write_at($proc, "$init/uid_map", "0 0 $ids") && write_at($proc, "$init/gid_map", "0 0 $ids");
    syswrite($mapped_w, $ok ? 'M' : 'X');
  }
  # $mapped_w stays open while this process lives: pid 1 reads its end-of-file as our death.
  wait_and_exit($init);
}

# --- From here on: pid 1 of the lab. ---
# If the process above dies (its launcher was killed), so does the lab. It may have died
# before the line below: then our parent is no longer it (getppid() is 0 for a pid 1, but
# /proc is still the outer one here and tells).
close $made_r; close $mapped_w;
closedir $proc; # the machine's /proc: not for the lab to find in our descriptors
sys_pdeathsig($SIGKILL);
sys_exit(1) if parent_in_outer_proc() != $outer;
$SIG{$_} = 'DEFAULT' for qw(TERM HUP);

sub parent_in_outer_proc {
  open(my $fh, '<', '/proc/self/stat') or return 0;
  my $stat = <$fh> // '';
  return ($stat =~ /\)\s+\S+\s+(\d+)/)[0] // 0;
}

# A /proc of the new pid namespace (`--mount-proc`); / is private already.
sys_mount('proc', '/proc', 'proc', $MS{NOSUID} | $MS{NODEV} | $MS{NOEXEC}) or fail("mounting /proc failed: $!");

sys_unshare($CLONE{NEWUSER} | $CLONE{NEWNS}) or fail("making the lab's user namespace failed: $!");
syswrite($made_w, 'U');
close $made_w;
my $mapped = '';
1 while !defined sysread($mapped_r, $mapped, 1) && $!{EINTR};
fail("mapping the lab's ids failed") unless $mapped eq 'M';
sys_become(0, 0, !$own_only) or fail("becoming root of the lab's user namespace failed: $!");
# Entering the user namespace made this process undumpable; the lab's own pid 1 must be
# readable by the lab (/proc/1/root is how its docker command reads the host's files).
sys_dumpable(1);
# After the credentials changed, the kernel forgets a death signal set before: set it
# again, then make sure the process above is still there (its pipe is not at its end).
sys_pdeathsig($SIGKILL);
{
  my $bits = '';
  vec($bits, fileno($mapped_r), 1) = 1;
  sys_exit(1) if select(my $ready = $bits, undef, undef, 0) > 0;
}
sys_unshare($CLONE{NEWNET} | $CLONE{NEWUTS} | $CLONE{NEWIPC}) or fail("making namespaces failed: $!");
# Nothing in the lab may type into the terminal nslab was started from (TIOCSTI): what it
# typed would run outside the lab once nslab ends. The kernel lets root of this user
# namespace install the filter; everything started from here on inherits it.
my $filtered = sys_forbid_terminal_injection();
if (!defined $filtered) { print STDERR "nslab: note: on this architecture nothing stops the lab typing into your terminal (TIOCSTI)\n" }
elsif (!$filtered) { fail("forbidding terminal injection (TIOCSTI) failed: $!") }

# Waits for the lab's pid 1 and ends as it did, taking the terminal back when it had it
# (see $terminal_ours).
sub wait_and_exit {
  my ($child) = @_;
  1 while waitpid($child, 0) == -1 && $!{EINTR};
  my $status = $?;
  give_terminal_to(getpgrp()) if $terminal_ours;
  sys_exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);
}

sub write_at {
  my ($dir, $path, $text) = @_;
  my $fd = sys_openat_write(fileno($dir), $path);
  return 0 if $fd < 0;
  open(my $fh, '>&=', $fd) or return 0;
  return (print {$fh} "$text\n") && close($fh);
}
sub read_file { open(my $fh, '<', $_[0]) or return undef; local $/; my $t = <$fh>; return $t }

# Every mount of the machine read-only in the lab, but /proc and /sys: the kernel lets the
# lab mount fresh ones only beside fully visible ones whose flags are no stricter. (The
# lab's /proc goes over the machine's, locked; its /sys is the lab's to unmount, which
# shows the machine's sysfs beneath, read-only to it.)
sub make_machine_read_only {
  open(my $fh, '<', '/proc/self/mountinfo') or fail("reading the mounts failed: $!");
  my @points;
  while (my $line = <$fh>) {
    my $point = (split ' ', $line)[4];
    $point =~ s/\\([0-7]{3})/chr(oct($1))/ge;
    push @points, $point unless $point =~ m{^/(proc|sys)(/|$)};
  }
  for my $point (@points) {
    sys_mount_readonly($point) or $!{ENOENT} or $!{EACCES} or fail("making $point read-only failed: $!");
  }
}

sys_mount('nslab-sys', '/sys', 'sysfs', 0)
  or print STDERR "nslab: note: /sys could not be remounted; brctl may show the machine's bridges instead of the lab's\n";
# A /dev of the lab's own: the harmless devices, a fresh devpts for terminals made in the
# lab, shared memory. Built on a tmpfs under /run, then moved over /dev.
sub make_dev {
  my $new = '/run/.dev';
  mkdir $new or fail("mkdir $new failed: $!");
  sys_mount('nslab-dev', $new, 'tmpfs', $MS{NOSUID}, 'mode=0755,size=1m') or fail("mounting a tmpfs for /dev failed: $!");
  for my $node (qw(null zero full random urandom tty net/tun)) {
    next unless -c "/dev/$node";
    mkdir "$new/net" if $node =~ m{^net/} && !-d "$new/net";
    open(my $fh, '>', "$new/$node") or fail("making $new/$node failed: $!");
    close $fh;
    sys_mount("/dev/$node", "$new/$node", undef, $MS{BIND}) or fail("bind-mounting /dev/$node failed: $!");
  }
  mkdir "$new/$_" or fail("mkdir $new/$_ failed: $!") for qw(pts shm);
  sys_mount('devpts', "$new/pts", 'devpts', $MS{NOSUID} | $MS{NOEXEC}, 'newinstance,ptmxmode=0666,mode=0620')
    or fail("mounting a devpts failed: $!");
  sys_mount('nslab-shm', "$new/shm", 'tmpfs', $MS{NOSUID} | $MS{NODEV}, 'mode=1777,size=64m') or fail("mounting /dev/shm failed: $!");
  symlink('pts/ptmx', "$new/ptmx");
  symlink("/proc/self/fd$_->[1]", "$new/$_->[0]") for [fd => ''], [stdin => '/0'], [stdout => '/1'], [stderr => '/2'];
  sys_mount($new, '/dev', undef, $MS{MOVE}) or fail("moving the lab's /dev in place failed: $!");
  rmdir $new;
}

# Makes the directory open as $fd visible at $path: where a folder on the way is closed to
# the lab, an empty tmpfs goes over it (the lab could not see into it anyway), the rest of
# the way is made in tmpfs, and the directory is bind-mounted at the end.
sub reach {
  my ($path, $fd) = @_;
  my @want = stat("/proc/self/fd/$fd") or return 0;
  my @have = stat($path);
  return 1 if @have && $have[0] == $want[0] && $have[1] == $want[1];
  my $at = '';
  for my $part (grep { length } split m{/}, $path) {
    my $next = "$at/$part";
    if (!stat($next)) {
      if ($!{EACCES} && length $at) {
        sys_mount('nslab-way', $at, 'tmpfs', $MS{NOSUID} | $MS{NODEV}, 'mode=0755,size=1m') or return 0;
      } elsif (!$!{ENOENT} && !$!{EACCES}) {
        return 0;
      }
      mkdir($next, 0755) or return 0;
    }
    $at = $next;
  }
  return sys_mount("/proc/self/fd/$fd", $path, undef, $MS{BIND} | $MS{REC});
}

sys_sethostname('nslab');

$ENV{NSLAB_IN_LAB} = '1';
$ENV{PATH} = "$root/lab-bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
# A workshop's lab (`nslab serve`): no Node here; its shell is the server's, and this pid 1
# becomes the terminal agent the server drives (lib/agent.pl), in a group of its own.
if (($ARGV[0] // '') eq '--agent') {
  my $token = delete $ENV{NSLAB_AGENT_TOKEN} // '';
  fail('the terminal agent needs its token (NSLAB_AGENT_TOKEN)') unless $token =~ /^[A-Za-z0-9_-]{16,64}$/;
  require "$root/bin/lib/agent.pl"; # (at its own path now: the folder it was started from is closed)
  if ($terminal_ours) { setpgrp(0, 0); give_terminal_to($$) }
  run_agent($token);
}
my $node = fork() // fail("fork failed: $!");
if ($node == 0) {
  if ($terminal_ours) { setpgrp(0, 0); give_terminal_to($$) }
  exec('node', "$root/dist/cli.js", @ARGV) or do { print STDERR "nslab: cannot run node: $!\n"; sys_exit(127) };
}
# Reap everything until Node ends (perl's wait retries by itself after a signal).
my $status;
while (1) {
  my $pid = wait();
  if ($pid == $node) { $status = $?; last }
  if ($pid == -1) { $status = 1 << 8; last }
}
my $signal = $status & 127;
# If something in the lab kills nslab's own process (`kill -9 $PPID` typed in the shell),
# say so plainly.
if ($signal && $signal != 2) {
  print STDERR "nslab: the lab's shell was killed by signal $signal (from inside the lab?); the lab has ended and nothing of it is left on this machine. Run nslab again for a fresh lab.\n";
}
sys_exit($signal ? 128 + $signal : $status >> 8);
