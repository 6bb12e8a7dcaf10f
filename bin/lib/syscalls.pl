# Linux system calls for nslab's perl helpers (bin/lab-launch.pl, bin/lab-init.pl,
# bin/lab-holders.pl), made straight from perl: a lab's start-up once ran some thirty short
# processes (unshare, mount, setpriv, hostname …) at a millisecond or two each; one
# syscall costs microseconds.
#
# The numbers differ between architectures. The common ones are listed here, because
# loading them from perl's syscall.ph costs 10 ms; any other falls back to syscall.ph.
use strict;
use warnings;

my %SYSCALL_NUMBERS = (
  x86_64  => { mount => 165, umount2 => 166, pivot_root => 155, prctl => 157, unshare => 272, setns => 308,
               sethostname => 170, setsid => 112, prlimit64 => 302, exit_group => 231, close => 3, fcntl => 72,
               setresuid => 117, setresgid => 119, setgroups => 116, mount_setattr => 442, openat => 257, dup3 => 292 },
  aarch64 => { mount => 40, umount2 => 39, pivot_root => 41, prctl => 167, unshare => 97, setns => 268,
               sethostname => 161, setsid => 157, prlimit64 => 261, exit_group => 94, close => 57, fcntl => 25,
               setresuid => 147, setresgid => 149, setgroups => 159, mount_setattr => 442, openat => 56, dup3 => 24 },
);

our %CLONE = (NEWNS => 0x00020000, NEWUTS => 0x04000000, NEWIPC => 0x08000000, NEWUSER => 0x10000000,
              NEWPID => 0x20000000, NEWNET => 0x40000000);
our %MS = (RDONLY => 1, NOSUID => 2, NODEV => 4, NOEXEC => 8, REMOUNT => 32, BIND => 4096, REC => 16384,
           PRIVATE => 1 << 18, SLAVE => 1 << 19, MOVE => 8192);

# open(2) flags that Fcntl would give (loading it costs milliseconds); they differ between
# architectures too.
my %OPEN_FLAGS = (
  x86_64  => { PATH => 010000000, NOFOLLOW => 0400000 },
  aarch64 => { PATH => 010000000, NOFOLLOW => 0100000 },
);

my $abi;
sub syscall_number {
  my ($name) = @_;
  $abi //= abi();
  my $n = $SYSCALL_NUMBERS{$abi}{$name};
  return $n if defined $n;
  require 'syscall.ph';
  no strict 'refs';
  return &{"SYS_$name"}();
}

# Which table fits this perl: the kernel's architecture for a 64-bit perl; anything else
# (a 32-bit perl on a 64-bit kernel) uses syscall.ph.
sub abi { length(pack('p', undef)) == 8 ? machine() : '' }

# `uname -m` without starting a process or loading POSIX (6 ms): the kernel says it in
# /proc (Linux 6.1 on); '' when it does not.
sub machine {
  open(my $fh, '<', '/proc/sys/kernel/arch') or return '';
  my $machine = <$fh> // '';
  chomp $machine;
  return $machine;
}

# An open(2) flag by name (PATH, NOFOLLOW); Fcntl's where this table has none.
sub open_flag {
  my ($name) = @_;
  $abi //= abi();
  my $flag = $OPEN_FLAGS{$abi}{$name};
  return $flag if defined $flag;
  require Fcntl;
  no strict 'refs';
  return &{"Fcntl::O_$name"}();
}

# perl's syscall() passes an argument as an integer if perl has used it as a number, and
# as a pointer to its bytes otherwise, whatever it looks like. These make each explicit.
sub num { 0 + ($_[0] // 0) }
sub str { defined $_[0] ? "$_[0]" : 0 } # a fresh copy, never numeric; undef: NULL

# Calls a syscall; returns true on success, false with $! set on failure. The arguments
# must already be num() or str().
sub sys {
  my ($name, @args) = @_;
  return syscall(syscall_number($name), @args) != -1;
}

sub sys_mount { my ($src, $target, $type, $flags, $data) = @_; sys('mount', str($src), str($target), str($type), num($flags), str($data)) }
sub sys_umount { sys('umount2', str($_[0]), num($_[1])) }
sub sys_pivot_root { sys('pivot_root', str($_[0]), str($_[1])) }
sub sys_unshare { sys('unshare', num($_[0])) }
sub sys_setns { sys('setns', num($_[0]), num($_[1])) }
sub sys_sethostname { my $name = str($_[0]); sys('sethostname', $name, num(length $name)) }
sub sys_setsid { sys('setsid') }
# Become (uid, gid) for real, effective and saved ids alike, with no supplementary groups.
sub sys_become {
  my ($uid, $gid, $drop_groups) = @_;
  return 0 if $drop_groups && !sys('setgroups', 0, 0);
  return sys('setresgid', num($gid), num($gid), num($gid)) && sys('setresuid', num($uid), num($uid), num($uid));
}
# Closes a descriptor by its number, whether or not a perl handle owns it.
sub sys_close { sys('close', num($_[0])) }
# fcntl on a bare descriptor number (perl's own wants a handle): its result, -1 on error.
sub sys_fcntl { syscall(syscall_number('fcntl'), num($_[0]), num($_[1]), 0) }
# A copy of descriptor $fd numbered $min or above (F_DUPFD), close-on-exec: its number, -1 on error.
sub sys_dup_above { syscall(syscall_number('fcntl'), num($_[0]), 1030, num($_[1])) } # F_DUPFD_CLOEXEC
# dup3(old, new, 0): `new` is now `old`, and stays open across exec.
sub sys_dup3 { sys('dup3', num($_[0]), num($_[1]), 0) }
# Makes the one mount at `path` read-only, its other flags as they are (mount_setattr,
# MOUNT_ATTR_RDONLY; not recursive).
sub sys_mount_readonly { sys('mount_setattr', num(-100), str($_[0]), 0, pack('QQQQ', 1, 0, 0, 0), 32) }
# openat(2) for writing, relative to an open directory: a descriptor, or -1 with $! set.
sub sys_openat_write { syscall(syscall_number('openat'), num($_[0]), str($_[1]), 1, 0) } # O_WRONLY
# A seccomp filter, inherited by everything started after it, under which ioctl(TIOCSTI)
# and ioctl(TIOCLINUX) fail with EPERM: a process given a terminal may otherwise push
# keystrokes into its input, which the shell that started nslab reads once nslab ends.
# (Syscalls of another ABI fail too: a 32-bit ioctl would not be filtered.) False, with $!,
# if the kernel refused it; undef on an architecture this table does not know.
our @TERMINAL_INJECTION_FILTER; # kept alive: the kernel copies it, but only during the call
sub sys_forbid_terminal_injection {
  my %arch = (x86_64 => [0xC000003E, 16], aarch64 => [0xC00000B7, 29]);
  $abi //= abi();
  my ($audit_arch, $nr_ioctl) = @{ $arch{$abi} // return undef };
  my ($ld, $jeq, $jge, $ret) = (0x20, 0x15, 0x35, 0x06);
  my ($allow, $eperm) = (0x7fff0000, 0x00050000 | 1);
  my @prog = (
    [$ld, 0, 0, 4],                 # 0: the architecture
    [$jeq, 1, 0, $audit_arch],      # 1: ours: go on at 3
    [$ret, 0, 0, $eperm],           # 2
    [$ld, 0, 0, 0],                 # 3: the syscall's number
    [$jge, 5, 0, 0x40000000],       # 4: x32 on x86-64: refuse (10)
    [$jeq, 0, 3, $nr_ioctl],        # 5: not ioctl: allow (9)
    [$ld, 0, 0, 24],                # 6: its request (args[1], low word)
    [$jeq, 2, 0, 0x5412],           # 7: TIOCSTI: refuse (10)
    [$jeq, 1, 0, 0x541C],           # 8: TIOCLINUX: refuse (10)
    [$ret, 0, 0, $allow],           # 9
    [$ret, 0, 0, $eperm],           # 10
  );
  my $filter = join '', map { pack('SCCL', @$_) } @prog;
  @TERMINAL_INJECTION_FILTER = ($filter);
  my $fprog = pack('S x6', scalar @prog) . pack('P', $TERMINAL_INJECTION_FILTER[0]);
  return sys('prctl', 22, 2, str($fprog), 0, 0); # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
}
# PR_SET_DUMPABLE: whether processes of our own ids may ptrace us and read our /proc files
# (the kernel clears it whenever credentials change).
sub sys_dumpable { sys('prctl', 4, num($_[0] ? 1 : 0), 0, 0, 0) }
# PR_SET_PDEATHSIG: the kernel sends this signal when our parent dies.
sub sys_pdeathsig { sys('prctl', 1, num($_[0]), 0, 0, 0) }
# PR_SET_CHILD_SUBREAPER: orphans among our descendants become our children, not pid 1's,
# so that we can still kill and reap them.
sub sys_subreaper { sys('prctl', 36, 1, 0, 0, 0) }
# prlimit64 on ourselves: (resource, soft, hard), inherited by every child.
sub sys_setrlimit {
  my ($resource, $soft, $hard) = @_;
  sys('prlimit64', 0, num($resource), pack('QQ', $soft, $hard), 0);
}
# Ends this process at once, without perl's END blocks or flushing buffers shared with
# the parent we were forked from (what POSIX::_exit does, without loading POSIX).
sub sys_exit { syscall(syscall_number('exit_group'), num($_[0])); }

1;
