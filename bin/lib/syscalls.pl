# Linux system calls for nslab's perl helpers (bin/lab-launch, bin/lab-holders), made
# straight from perl: a lab's start-up once ran some thirty short processes (unshare,
# mount, setpriv, hostname …) at a millisecond or two each; one syscall costs microseconds.
#
# The numbers differ between architectures. The common ones are listed here, because
# loading them from perl's syscall.ph costs 10 ms; any other falls back to syscall.ph.
use strict;
use warnings;

my %SYSCALL_NUMBERS = (
  x86_64  => { mount => 165, umount2 => 166, pivot_root => 155, prctl => 157, unshare => 272, setns => 308,
               sethostname => 170, setsid => 112, prlimit64 => 302, exit_group => 231, close => 3, fcntl => 72 },
  aarch64 => { mount => 40, umount2 => 39, pivot_root => 41, prctl => 167, unshare => 97, setns => 268,
               sethostname => 161, setsid => 157, prlimit64 => 261, exit_group => 94, close => 57, fcntl => 25 },
);

our %CLONE = (NEWNS => 0x00020000, NEWUTS => 0x04000000, NEWIPC => 0x08000000, NEWUSER => 0x10000000,
              NEWPID => 0x20000000, NEWNET => 0x40000000);
our %MS = (RDONLY => 1, NOSUID => 2, NODEV => 4, NOEXEC => 8, REMOUNT => 32, BIND => 4096, REC => 16384,
           PRIVATE => 1 << 18);

my $arch;
sub syscall_number {
  my ($name) = @_;
  $arch //= machine();
  my $n = $SYSCALL_NUMBERS{$arch}{$name};
  return $n if defined $n;
  require 'syscall.ph';
  no strict 'refs';
  return &{"SYS_$name"}();
}

# `uname -m` without starting a process or loading POSIX (6 ms): the kernel says it in
# /proc (Linux 6.1 on); perl's build knows it too, for older kernels.
sub machine {
  if (open(my $fh, '<', '/proc/sys/kernel/arch')) {
    my $m = <$fh>;
    chomp $m if defined $m;
    return $m if $m;
  }
  require Config;
  return (($Config::Config{archname} // '') =~ /^([^-]+)/)[0] // '';
}

# Calls a syscall; returns true on success, false with $! set on failure.
# Strings are passed as pointers, numbers as integers, undef as a null pointer.
sub sys {
  my ($name, @args) = @_;
  return syscall(syscall_number($name), map { defined $_ ? $_ : 0 } @args) != -1;
}

sub sys_mount { my ($src, $target, $type, $flags, $data) = @_; sys('mount', $src, $target, $type, $flags // 0, $data) }
sub sys_unshare { sys('unshare', $_[0]) }
sub sys_setns { sys('setns', $_[0], $_[1] // 0) }
sub sys_sethostname { my ($name) = @_; sys('sethostname', $name, length $name) }
sub sys_setsid { sys('setsid') }
# Closes a descriptor by its number, whether or not a perl handle owns it.
sub sys_close { sys('close', $_[0]) }
# fcntl on a bare descriptor number (perl's own wants a handle): its result, -1 on error.
sub sys_fcntl { syscall(syscall_number('fcntl'), @_[0, 1], 0) }
# PR_SET_PDEATHSIG: the kernel sends this signal when our parent dies.
sub sys_pdeathsig { sys('prctl', 1, $_[0], 0, 0, 0) }
# PR_SET_CHILD_SUBREAPER: orphans among our descendants become our children, not pid 1's,
# so that we can still kill and reap them.
sub sys_subreaper { sys('prctl', 36, 1, 0, 0, 0) }
# PR_CAPBSET_DROP: the capability can never be regained by anything this process starts.
sub sys_capbset_drop { sys('prctl', 24, $_[0], 0, 0, 0) }
# prlimit64 on ourselves: (resource, soft, hard), inherited by every child.
sub sys_setrlimit {
  my ($resource, $soft, $hard) = @_;
  my $limits = pack('QQ', $soft, $hard);
  sys('prlimit64', 0, $resource, $limits, undef);
}
# Ends this process at once, without perl's END blocks or flushing buffers shared with
# the parent we were forked from (what POSIX::_exit does, without loading POSIX).
sub sys_exit { syscall(syscall_number('exit_group'), $_[0] // 0); }

1;
