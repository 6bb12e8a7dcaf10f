#!/usr/bin/perl
# Starts a lab: makes its user namespace (and mount namespace), maps its ids, and runs
# bin/lab-init.pl there, which makes the other namespaces and becomes the lab's pid 1; starts
# bin/lab-state.pl, which writes the learner's state for the lab. Perl, not sh, because this process is the
# one a user or a test sees as "nslab" and may kill: it must turn SIGTERM and SIGHUP into
# the end of the lab. A SIGKILL of this process reaches the lab through death signals:
# the kernel kills lab-init's first process when this one dies, and so on down to the
# lab's pid 1, whose death ends every process in the lab.
# (No `use POSIX`: loading it costs 6 ms of every start.)
use strict;
use warnings;
use Fcntl qw(O_RDONLY O_DIRECTORY O_WRONLY O_CREAT O_EXCL F_SETFD);
our %CLONE;

my ($root, @args) = @ARGV;
our @KEPT_OPEN; # directory handles the lab inherits: kept alive, not closed by scope
require "$root/bin/lib/syscalls.pl";

# Who the lab's root is on the machine. Never an id that owns the machine's files: the
# kernel itself then keeps the lab from writing them, for root as for anyone (issue 12).
# - As root: ids 0-65535 inside map to 65536 ids no account uses (ID_BASE on; see
#   id_base below), written into the lab's uid_map by this process.
# - As an ordinary user with subordinate ids (/etc/subuid, package uidmap): to those, by
#   newuidmap/newgidmap. Even the user's own files are then out of the lab's reach.
# - Otherwise: to the user alone (setgroups denied), which is all the kernel allows.
my $ID_COUNT = 65536;
my ($id_base, $sub_uids, $sub_gids);
if ($> == 0) {
  $id_base = id_base();
} elsif (-x '/usr/bin/newuidmap' && -x '/usr/bin/newgidmap') {
  my $name = getpwuid($<) // '';
  $sub_uids = subordinate('/etc/subuid', $name, $<);
  $sub_gids = subordinate('/etc/subgid', $name, $<);
}
my $own_ids_only = $> != 0 && !($sub_uids && $sub_gids);

# The lab's identity may not pass the folders above nslab's checkout (/root is 0700), so
# nslab's files and a folder of the learner's own lessons are opened for it before it takes
# that identity (start_lab); bin/lab-init.pl mounts them at their own paths. What is inside
# must still be readable by anyone, as a fresh clone's files are.
if (!$own_ids_only && (my $bad = unreadable_for_lab($root))) {
  die "nslab: the lab runs under an unprivileged id, and nslab's own files are not readable by others ($bad).\n"
    . "Make them readable, then try again: chmod -R a+rX $root\n";
}
my %reach = (NSLAB_ROOT_FD => $root);
if (defined $ENV{NSLAB_LESSONS} && -d $ENV{NSLAB_LESSONS}) {
  # Absolute, as the kernel names it: the lab starts elsewhere.
  if (sysopen(my $dh, $ENV{NSLAB_LESSONS}, O_RDONLY | O_DIRECTORY)) {
    $ENV{NSLAB_LESSONS} = readlink('/proc/self/fd/' . fileno($dh)) // $ENV{NSLAB_LESSONS};
    $reach{NSLAB_LESSONS_FD} = $ENV{NSLAB_LESSONS};
    my @st = stat($dh);
    die "nslab: the lab runs under an unprivileged id and cannot read your lessons in $ENV{NSLAB_LESSONS} (mode "
      . sprintf('%04o', $st[2] & 07777) . ").\nMake the folder readable, then try again: chmod a+rX $ENV{NSLAB_LESSONS}\n"
      if !$own_ids_only && ($st[2] & 05) != 05;
  }
}
$ENV{NSLAB_OUTER_UID} = $<;

my @ns = stat('/proc/self/ns/net');
$ENV{NSLAB_OUTER_NETNS} = $ns[1] // '';
$ENV{NSLAB_ROOT} = $root;

# Read before anything is made, so that a value it cannot read leaves nothing behind.
my $memory_max = memory_max($ENV{NSLAB_MEMORY_MAX});

# `.reset` in the shell asks for a fresh lab: the CLI has bin/lab-state.pl write the arguments to run next into
# this file and exits 75, and the loop below starts a new lab with them.
# The launcher's pid is in the name, so that a test can tell which lab a file belongs to.
# (Made by hand rather than with File::Temp, whose loading alone costs 20 ms of start-up.)
my ($relaunch_path, $cgroup, $pid, $relaunched);
our @cgroups; # every cgroup the lab is put in: the pids one, and (cgroup v1) a memory one and a cpu one
# SIGTERM and SIGHUP end the lab and remove what the launcher made. Set before anything is
# made, so that no moment leaves a file behind. Ctrl-C belongs to whatever runs in the lab:
# survive it here. (Handlers, not 'IGNORE': an ignored signal would be inherited across
# exec by everything in the lab.)
$SIG{INT} = $SIG{QUIT} = sub { };
for my $sig (qw(TERM HUP)) {
  $SIG{$sig} = sub {
    if ($pid) { kill 'KILL', $pid; waitpid($pid, 0) }
    remove_relaunch_files(); # by name: the signal may fall between making it and noting it
    remove_cgroup($_) for @cgroups;
    sys_exit(128 + ($sig eq 'TERM' ? 15 : 1));
  };
}
my $relaunch_dir = $ENV{TMPDIR} || '/tmp';
sub remove_relaunch_files {
  opendir(my $dh, $relaunch_dir) or return;
  unlink map { "$relaunch_dir/$_" } grep { /^nslab-relaunch-$$-\d+$/ } readdir $dh;
}
for (1 .. 100) {
  my $try = sprintf('%s/nslab-relaunch-%d-%06d', $relaunch_dir, $$, int(rand(1e6)));
  if (sysopen(my $fh, $try, O_WRONLY | O_CREAT | O_EXCL, 0600)) { close $fh; $relaunch_path = $try; last; }
}
die "nslab: cannot create a file in $relaunch_dir: $!\n" unless defined $relaunch_path;

# A fork bomb in the lab must not starve the machine: the lab's processes are limited.
# As root, a pids cgroup, set from outside before the lab starts; otherwise (and as root
# where no pids controller is there) RLIMIT_NPROC, which the kernel counts per user
# namespace and enforces on the lab's root, who is not the machine's root.
my $pids_max = ($ENV{NSLAB_PIDS_MAX} // '') =~ /^[1-9]\d*$/ ? $ENV{NSLAB_PIDS_MAX} : 4096;
$cgroup = make_pids_cgroup($pids_max) if $> == 0;
push @cgroups, $cgroup if $cgroup;
# Nor its memory, when NSLAB_MEMORY_MAX says how much it may have (a workshop's many labs):
# a memory cgroup, as root; otherwise nothing enforces it, and the user is told why.
if (defined $memory_max) {
  my ($dir, $why) = make_memory_cgroup($memory_max, $cgroup);
  push @cgroups, $dir if $dir && !($cgroup && $dir eq $cgroup);
  print STDERR "nslab: note: NSLAB_MEMORY_MAX is not enforced: $why\n" unless $dir;
}
# A workshop's lab (`--agent`: its shell is the server's, which keeps the learner's state
# itself, and relays and echoes every learner's keys) weighs next to nothing on the CPU
# beside the server. `nice` alone does not do it: the kernel shares the CPU between
# sessions first (autogroups), and each lab is a session of its own, as heavy as the
# server's, so fifty labs at work held the server's echo up to 17 ms (README, Performance).
# As root, a cpu cgroup of the lab's own at nice 19's weight holds all of it, even a
# session it starts itself; otherwise, or without a cpu controller, its session is lowered
# to nice 19 (lower_session_weight).
my $agent_lab = ($args[0] // '') eq '--agent';
if ($agent_lab) {
  # (cgroup v2: the one cgroup the lab already has, if it has one)
  my $dir = $> == 0 ? make_cpu_cgroup((grep { -e "$_/cgroup.controllers" } @cgroups)[0]) : undef;
  push @cgroups, $dir if $dir && !grep { $_ eq $dir } @cgroups;
  lower_session_weight() unless $dir;
}
my $RLIMIT_NPROC = 6;

# The launcher may be killed with SIGKILL and clean nothing up itself. A small watcher,
# outside the lab and outside the terminal's process group, waits for the launcher to end
# however it ends (its pipe, the watcher's stdin, reaches end-of-file) and then removes the
# relaunch file and the cgroup, so that even `kill -9` leaves no file or cgroup on the
# machine. A shell, not a perl forked from this one: it waits as long as the lab lives, at
# 1.7 MB rather than 5.6 (a workshop has one per learner). The cgroups' removal is retried
# as remove_cgroup below does (the kernel takes a moment to release a lab's last processes),
# for up to 10 s.
pipe(my $alive_r, my $alive_w) or die "nslab: cannot make a pipe: $!\n";
my $watcher = fork();
if (defined $watcher && $watcher == 0) {
  close $alive_w;
  $SIG{$_} = 'IGNORE' for qw(INT QUIT TERM HUP); # (inherited by the shell: meant)
  open(STDIN, '<&', $alive_r); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
  sys_setsid();
  no warnings 'exec';
  exec('/bin/sh', '-c', 'read -r _; rm -f -- "$1"; shift; for d do i=0; while [ -d "$d" ] && ! rmdir "$d"; do'
    . ' i=$((i + 1)); [ "$i" -gt 400 ] && break; sleep 0.025; done; done', 'nslab-watcher', $relaunch_path, @cgroups);
  sys_exit(127);
}
close $alive_r;

# The learner's state (progress, history) stays where it always was, in the invoking
# user's state directory, which the lab cannot write: bin/lab-state.pl, outside the lab and
# as this user, writes it for nslab on request (see there). The lab holds one end of a
# socket pair; the broker ends when every process of the lab has let go of it.
# A workshop's lab needs no broker.
my ($state_lab, $state_broker);
socketpair($state_lab, $state_broker, 1, 1, 0) or die "nslab: cannot make a socket pair: $!\n" unless $agent_lab; # AF_UNIX, SOCK_STREAM
my $broker = $agent_lab ? -1 : fork();
die "nslab: cannot fork: $!\n" unless defined $broker;
if ($broker == 0) {
  # It outlives the launcher by as long as the lab does (the lab winds down for a moment
  # after a kill -9 of the launcher, and may save progress then): it ends when the last
  # process of the lab has let go of the socket. Terminal signals are not for it, and it
  # holds no terminal or pipe of the caller's open.
  close $state_lab; close $alive_w;
  $SIG{$_} = 'IGNORE' for qw(INT QUIT HUP);
  sys_setsid();
  open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
  fcntl($state_broker, F_SETFD, 0);
  exec('perl', "$root/bin/lab-state.pl", fileno($state_broker), $relaunch_path) or sys_exit(127);
}
if (!$agent_lab) {
  close $state_broker;
  fcntl($state_lab, F_SETFD, 0) or die "nslab: cannot pass the state socket on: $!\n";
  $ENV{NSLAB_STATE_FD} = fileno($state_lab);
}

my $launcher = $$;

my $st;
while (1) {
  # Moving a process into a cgroup makes the kernel wait out an RCU grace period (5-10 ms
  # here), so the launcher moves the child while the child starts lab-init, and lab-init
  # waits at this gate (end-of-file) before it forks anything: every process of the lab
  # is then born in the cgroup.
  my ($gate_r, $gate_w);
  if (@cgroups) { pipe($gate_r, $gate_w) or die "nslab: cannot make a pipe: $!\n" }
  pipe(my $ns_r, my $ns_w) or die "nslab: cannot make a pipe: $!\n";   # child → us: the user namespace is made
  pipe(my $map_r, my $map_w) or die "nslab: cannot make a pipe: $!\n"; # us → child: its ids are mapped
  $pid = fork();
  die "nslab: cannot fork: $!\n" unless defined $pid;
  if ($pid == 0) {
    close $ns_r; close $map_w;
    $SIG{$_} = 'DEFAULT' for qw(INT QUIT TERM HUP);
    if ($gate_r) {
      close $gate_w;
      fcntl($gate_r, F_SETFD, 0) or child_fails("cannot pass the cgroup gate on: $!");
      $ENV{NSLAB_CGROUP_GATE_FD} = fileno($gate_r);
    }
    start_lab($launcher, $ns_w, $map_r);
  }
  close $ns_w; close $map_r;
  if (@cgroups) {
    close $gate_r;
    # A lab that could not be limited does not start: a fork bomb in it would reach the machine.
    for my $dir (@cgroups) {
      enter_cgroup($dir, $pid) or do {
        my $why = $!;
        kill 'KILL', $pid;
        waitpid($pid, 0);
        unlink $relaunch_path;
        remove_cgroup($_) for @cgroups;
        die "nslab: cannot move the lab into its cgroup $dir: $why\n";
      };
    }
  }
  map_ids($pid, $ns_r, $map_w);
  close $gate_w if $gate_w;
  while (1) {
    my $w = waitpid($pid, 0);
    next if $w == -1 && $!{EINTR};
    last;
  }
  $st = $?;
  last unless ($st >> 8) == 75 && !($st & 127);
  open(my $fh, '<', $relaunch_path) or last;
  local $/;
  my $next = <$fh>;
  close $fh;
  last unless defined $next && length $next;
  @args = split /\0/, $next;
  truncate($relaunch_path, 0);
  $relaunched = 1;
}
unlink $relaunch_path;
# The kernel releases the lab's last processes from the cgroup a few milliseconds after
# they died: if it is still busy, the watcher removes it once we are gone.
rmdir $_ for @cgroups;
exit(($st & 127) ? 128 + ($st & 127) : $st >> 8);

# Writes the ids of the lab's user namespace, once the child has made it, and tells the
# child which kind of mapping it got. Where the user may not make user namespaces, the CLI
# explains what blocks them and how to lift it (exit 3).
sub map_ids {
  my ($child, $ns_r, $map_w) = @_;
  my $made = '';
  1 while !defined sysread($ns_r, $made, 64) && $!{EINTR};
  close $ns_r;
  if ($made ne 'U') {
    waitpid($child, 0);
    unlink $relaunch_path;
    remove_cgroup($_) for @cgroups;
    # As root, or for a lab after the first (a `.reset`), there is nothing to explain: say it.
    die "nslab: cannot make the lab's user namespace: " . ($made =~ /^F(\d+)$/ ? do { local $! = $1; "$!" } : 'its process ended') . "\n" if $> == 0 || $relaunched;
    $ENV{NSLAB_NO_USERNS} = '1';
    exec('node', "$root/dist/cli.js", @args) or die "nslab: cannot run node: $!\n";
  }
  my $kind;
  if ($> == 0) {
    $kind = 'R' if write_proc($child, 'uid_map', "0 $id_base $ID_COUNT") && write_proc($child, 'gid_map', "0 $id_base $ID_COUNT");
  } elsif ($sub_uids && $sub_gids) {
    my ($u, $g) = ($sub_uids, $sub_gids);
    $kind = 'A' if works('newuidmap', $child, 0, $u->[0], $u->[1]) && works('newgidmap', $child, 0, $g->[0], $g->[1]);
  }
  # The user's own ids alone: what any user may map, with setgroups denied first.
  $kind //= 'O' if $> != 0 && write_proc($child, 'setgroups', 'deny')
    && write_proc($child, 'uid_map', "0 $< 1") && write_proc($child, 'gid_map', '0 ' . (split ' ', $()[0] . ' 1');
  syswrite($map_w, $kind // 'X');
  close $map_w;
}

sub works { system({ $_[0] } @_) == 0 }
sub write_proc { my ($pid, $file, $text) = @_; write_text("/proc/$pid/$file", $text) }
sub write_text {
  my ($path, $text) = @_;
  open(my $fh, '>', $path) or return 0;
  return (print {$fh} "$text\n") && close($fh);
}

# In the child: limits that bind everything in the lab, a user namespace, then
# bin/lab-init. It execs without forking, so the death signal set here stays with the
# process that becomes lab-init.
sub start_lab {
  my ($parent, $ns_w, $map_r) = @_;
  sys_pdeathsig(9) or child_fails("cannot set a death signal: $!");
  sys_exit(1) if getppid() != $parent; # the launcher died before the line above
  # (A root lab's capabilities are its user namespace's: none of them reaches the machine's
  # clock, modules or raw I/O, so nothing needs dropping.)
  sys_setrlimit($RLIMIT_NPROC, $pids_max, $pids_max) or child_fails("cannot limit the lab's processes: $!") unless $cgroup;
  # The mount namespace too, here: a directory opened in it can be bind-mounted in it (not
  # from another), and it is opened while this process still has the user's own rights.
  if (!sys_unshare($CLONE{NEWUSER} | $CLONE{NEWNS})) { syswrite($ns_w, 'F' . ($! + 0)); sys_exit(3) }
  for my $var (sort keys %reach) {
    sysopen(my $dh, $reach{$var}, O_RDONLY | O_DIRECTORY) or child_fails("cannot open $reach{$var}: $!");
    fcntl($dh, F_SETFD, 0) or child_fails("cannot pass $reach{$var} on: $!");
    $ENV{$var} = fileno($dh);
    push @KEPT_OPEN, $dh;
  }
  syswrite($ns_w, 'U');
  close $ns_w;
  my $kind = '';
  1 while !defined sysread($map_r, $kind, 1) && $!{EINTR};
  child_fails("could not map the lab's user ids") unless $kind =~ /^[RAO]$/;
  $ENV{NSLAB_USERNS_MODE} = { R => 'root', A => 'userns-auto', O => 'userns-root-only' }->{$kind};
  # Root of the new namespace for real: the machine's ids (and root's groups) are gone.
  sys_become(0, 0, $kind ne 'O') or child_fails("cannot become root of the lab's user namespace: $!");
  # The kernel forgets a death signal when credentials change (as they just did, twice):
  # set it again, and make sure the launcher did not die meanwhile.
  sys_pdeathsig(9) or child_fails("cannot set a death signal: $!");
  sys_exit(1) if getppid() != $parent;
  # Through the open directory: the lab's id may not pass the folders above the checkout.
  my @init = ('perl', "/proc/self/fd/$ENV{NSLAB_ROOT_FD}/bin/lab-init.pl", @args);
  exec(@init) or child_fails("cannot run $init[0]: $!");
}

# The first of the 65536 ids a root lab's ids 0-65535 are on the machine. 0x70000000 by
# default: systemd documents 0x70000000-0x7FFDFFFF as used by nothing (above its container
# range, below its "foreign" range), and no account may own any of them here: checked.
sub id_base {
  my $base = ($ENV{NSLAB_ID_BASE} // '') =~ /^[1-9]\d*$/ ? $ENV{NSLAB_ID_BASE} : 0x70000000;
  my $end = $base + $ID_COUNT;
  die "nslab: NSLAB_ID_BASE=$base leaves no room for $ID_COUNT ids below 2^32\n" if $end > 4294967295;
  for my $file ('/etc/passwd', '/etc/group') {
    open(my $fh, '<', $file) or next;
    while (<$fh>) {
      my ($name, undef, $id) = split /:/;
      die "nslab: the ids a root lab runs under ($base-" . ($end - 1) . ") include ${name}'s ($id in $file). Choose another range with NSLAB_ID_BASE.\n"
        if defined $id && $id =~ /^\d+$/ && $id >= $base && $id < $end;
    }
  }
  for my $file ('/etc/subuid', '/etc/subgid') {
    open(my $fh, '<', $file) or next;
    while (<$fh>) {
      my ($name, $start, $count) = split /:/;
      next unless defined $count && $start =~ /^\d+$/ && $count =~ /^\d+$/;
      die "nslab: the ids a root lab runs under ($base-" . ($end - 1) . ") overlap ${name}'s subordinate ids in $file. Choose another range with NSLAB_ID_BASE.\n"
        if $start < $end && $start + $count > $base;
    }
  }
  return $base;
}

# [first, count] of the user's subordinate ids (by name or number), up to $ID_COUNT.
sub subordinate {
  my ($file, $name, $uid) = @_;
  open(my $fh, '<', $file) or return undef;
  while (<$fh>) {
    chomp;
    my ($who, $start, $count) = split /:/;
    next unless defined $count && ($who eq $name || $who eq $uid) && $start =~ /^\d+$/ && $count =~ /^[1-9]\d*$/;
    return [$start, $count < $ID_COUNT ? $count : $ID_COUNT];
  }
  return undef;
}

# The first of nslab's own files a stranger could not read, or undef when all can be.
sub unreadable_for_lab {
  my ($dir) = @_;
  for my $rel ('', qw(/bin /bin/lib /dist /lessons /lab-bin /node_modules)) {
    my @st = stat("$dir$rel") or next;
    return "$dir$rel is mode " . sprintf('%04o', $st[2] & 07777) if ($st[2] & 05) != 05;
  }
  for my $rel (qw(/bin/lab-init.pl /bin/lab-holders.pl /bin/lab-state.pl /bin/lib/syscalls.pl /dist/cli.js /lab-bin/docker)) {
    my @st = stat("$dir$rel") or next;
    return "$dir$rel is mode " . sprintf('%04o', $st[2] & 07777) if ($st[2] & 04) != 04;
  }
  return undef;
}

sub child_fails { print STDERR "nslab: $_[0]\n"; sys_exit(127) }

# The directory where this lab's pids cgroup goes: the pids hierarchy of cgroup v1, or the
# root of cgroup v2 when it hands the pids controller to its children. undef: none usable.
sub pids_cgroup_parent { (cgroup_parent('pids', 'at the root'))[0] }

sub make_pids_cgroup {
  my ($max) = @_;
  my $parent = pids_cgroup_parent() or return undef;
  my $dir = new_cgroup($parent) or return undef;
  return $dir if write_text("$dir/pids.max", $max);
  rmdir $dir;
  return undef;
}

# This lab's cgroup under $parent. First, sweep what a lab whose launcher and watcher were
# both killed left: an empty cgroup. rmdir refuses a cgroup that still holds processes;
# the age spares one being set up.
sub new_cgroup {
  my ($parent) = @_;
  for my $old (glob("$parent/nslab-*")) {
    my @st = stat($old);
    rmdir $old if @st && time - $st[9] > 60;
  }
  my $dir = "$parent/nslab-$$";
  return mkdir($dir) ? $dir : undef;
}

# NSLAB_MEMORY_MAX in bytes (a number, or one with K, M or G); undef when unset.
sub memory_max {
  my ($text) = @_;
  return undef unless defined $text && length $text;
  my ($n, $unit) = $text =~ /^\s*([1-9][0-9]*)\s*([KMG]?)\s*$/i
    or die "nslab: NSLAB_MEMORY_MAX=$text is not an amount of memory: give bytes, or a number with K, M or G (512M), or unset it for no limit.\n";
  return $n * { '' => 1, K => 1 << 10, M => 1 << 20, G => 1 << 30 }->{uc $unit};
}

# Where the lab's memory limit goes, and it set there; or undef and why it cannot be.
# No swap either: a lab over its limit is stopped, not paged out at the machine's cost.
sub make_memory_cgroup {
  my ($max, $pids_dir) = @_;
  return (undef, "only a lab started by root gets a cgroup of its own (this one runs as uid $>)") if $> != 0;
  my ($dir, $v2, $why) = controller_cgroup('memory', $pids_dir);
  return (undef, $why) unless $dir;
  my ($limit, $swap) = $v2 ? ('memory.max', 'memory.swap.max') : ('memory.limit_in_bytes', 'memory.memsw.limit_in_bytes');
  if (!-e "$dir/$limit") { $why = "the cgroup v2 hierarchy does not hand the memory controller to $dir" }
  elsif (!write_text("$dir/$limit", $max)) { $why = "cannot write $dir/$limit: $!" }
  elsif (-e "$dir/$swap" && !write_text("$dir/$swap", $v2 ? 0 : $max)) { $why = "cannot write $dir/$swap: $!" }
  else { return ($dir) }
  rmdir $dir unless $dir eq ($pids_dir // '');
  return (undef, $why);
}

# The lab's cgroup of the cpu controller, at nice 19's weight (cgroup v2's cpu.weight.nice;
# v1's cpu.shares, 15 of the 1024 that a session of nice 0 has): its dir, or undef where
# there is none (no cpu controller, or cgroup v2 does not hand it to the lab's cgroup).
sub make_cpu_cgroup {
  my ($v2_dir) = @_;
  my ($dir, $v2) = controller_cgroup('cpu', $v2_dir);
  return undef unless $dir;
  my ($file, $weight) = $v2 ? ('cpu.weight.nice', 19) : ('cpu.shares', 15);
  return $dir if -e "$dir/$file" && write_text("$dir/$file", $weight);
  rmdir $dir unless $dir eq ($v2_dir // '');
  return undef;
}

# The lab's cgroup for a controller: (dir, is-v2), or (undef, undef, why). cgroup v2: the
# lab's one cgroup ($lab_dir, its pids one); whether the controller is handed to it, the caller sees
# by its files. cgroup v1: a cgroup of that controller's hierarchy, made inside the
# launcher's own there, so that a limit the machine puts on whoever started nslab still
# binds the lab.
sub controller_cgroup {
  my ($controller, $lab_dir) = @_;
  return ($lab_dir, 1) if $lab_dir && -e "$lab_dir/cgroup.controllers";
  my ($parent, $v2) = cgroup_parent($controller);
  return (undef, undef, "this machine has no $controller cgroup controller nslab can use") unless $parent;
  my $dir = new_cgroup($parent) or return (undef, undef, "cannot make a cgroup in $parent: $!");
  return ($dir, $v2);
}

# The hierarchy of cgroup v1 that has $controller, at the launcher's own cgroup in it (or at
# its root, with $at_root); else the root of cgroup v2 when it hands $controller to its
# children. (dir, is-v2), or ().
sub cgroup_parent {
  my ($controller, $at_root) = @_;
  open(my $mi, '<', '/proc/self/mountinfo') or return ();
  my $own = $at_root ? '/' : '';
  if (!$at_root && open(my $cg, '<', '/proc/self/cgroup')) {
    while (<$cg>) { my ($ctl, $path) = /^\d+:([^:]*):(.*)$/ or next; $own = $path if ",$ctl," =~ /,\Q$controller\E,/ }
  }
  while (my $line = <$mi>) {
    my ($left, $right) = split / - /, $line, 2;
    next unless defined $right;
    my $mountpoint = (split ' ', $left)[4];
    my ($fstype, undef, $options) = split ' ', $right;
    return ($mountpoint . ($own eq '/' ? '' : $own), 0) if $fstype eq 'cgroup' && ",$options," =~ /,\Q$controller\E,/ && -d "$mountpoint$own";
    if ($fstype eq 'cgroup2' && open(my $sc, '<', "$mountpoint/cgroup.subtree_control")) {
      return ($mountpoint, 1) if (<$sc> // '') =~ /\b\Q$controller\E\b/;
    }
  }
  return ();
}

# The lab's session (the server started this launcher on a terminal of its own, so it
# leads it) at nice 19's weight: /proc/self/autogroup. Anyone may lower their own; but the
# kernel takes such a write from someone other than root once every 100 ms from the whole
# machine, so a class joining at once gets EAGAIN: then a process of its own, away from the
# lab's start, tries again every 100 ms and ends (once it has written, or the lab has ended,
# or after 60 s: 600 tries, enough for 600 labs asking at once). What this does not hold:
# a session the lab starts itself (setsid) is weighed as any other.
sub lower_session_weight {
  return unless leads_own_session();
  return if write_text('/proc/self/autogroup', 19) || !$!{EAGAIN};
  my $launcher = $$;
  my $first = fork() // return;
  if ($first == 0) {
    # Its child does the retrying, so that this one, reaped at once, leaves no zombie.
    my $second = fork();
    if (defined $second && $second == 0) {
      $SIG{$_} = 'DEFAULT' for qw(INT QUIT TERM HUP);
      open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
      for (1 .. 600) {
        select(undef, undef, undef, 0.1);
        last if !kill(0, $launcher) || write_text('/proc/self/autogroup', 19) || !$!{EAGAIN};
      }
    }
    sys_exit(0);
  }
  waitpid($first, 0);
}

sub leads_own_session {
  open(my $fh, '<', '/proc/self/stat') or return 0;
  my $stat = <$fh> // '';
  # After the name in parentheses: state, ppid, pgrp, session.
  my @fields = split ' ', substr($stat, rindex($stat, ')') + 1);
  return ($fields[3] // 0) == $$;
}

sub enter_cgroup { my ($dir, $pid) = @_; write_text("$dir/cgroup.procs", $pid) }

# The lab's processes die with its pid 1, but the kernel takes a moment to reap them all:
# retry while the cgroup is still busy, soon at first (bounded: 10 s).
sub remove_cgroup {
  my ($dir) = @_;
  my ($wait, $waited) = (0.001, 0);
  until (rmdir($dir) || $!{ENOENT}) {
    return if $waited > 10;
    select(undef, undef, undef, $wait);
    $waited += $wait;
    $wait = $wait < 0.0125 ? 2 * $wait : 0.025;
  }
}
