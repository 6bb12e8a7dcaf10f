# The terminal's foreground process group, for bin/lab-init. Node runs in a process group
# made inside the lab's pid namespace, so that a program it runs on the terminal (a shell
# in `docker exec -it c1 sh`, bash) can hand the terminal back to it: a group made outside
# has no number inside the lab, and such a shell ends with "Cannot set tty process group",
# leaving the terminal to nobody (nslab then stops on SIGTTOU, or gets EIO).
# ioctl numbers rather than POSIX (6 ms to load): TIOCGPGRP and TIOCSPGRP are these on
# the architectures of syscalls.pl; any other uses POSIX.
use strict;
use warnings;

my $ioctls_known;
sub tty_ioctls_known { $ioctls_known //= abi() =~ /^(x86_64|aarch64)$/ ? 1 : 0 }

# The foreground process group of the terminal on STDIN, as this process numbers it;
# undef when STDIN is no terminal.
sub terminal_foreground {
  return undef unless -t STDIN;
  if (tty_ioctls_known()) {
    my $pgrp = pack('i', 0);
    return ioctl(STDIN, 0x540F, $pgrp) ? unpack('i', $pgrp) : undef;
  }
  require POSIX;
  my $pgrp = POSIX::tcgetpgrp(0);
  return $pgrp < 0 ? undef : $pgrp;
}

# Makes $pgrp the terminal's foreground group. The caller is in the background at that
# moment, where the kernel answers tcsetpgrp with SIGTTOU, which would stop it: ignored
# for the call. False if the terminal is gone (EIO) or not ours.
sub give_terminal_to {
  my ($pgrp) = @_;
  local $SIG{TTOU} = 'IGNORE';
  return ioctl(STDIN, 0x5410, pack('i', $pgrp)) if tty_ioctls_known();
  require POSIX;
  return POSIX::tcsetpgrp(0, $pgrp);
}

1;
