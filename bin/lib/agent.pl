# The terminal agent of a workshop lab (`nslab serve`): what the lab's pid 1 becomes in
# place of a Node of its own. The learner's shell runs in the server's one Node
# (src/serve/served-shell.ts), outside the lab; what must happen inside, on the lab's
# terminal, happens here: the bash sessions the shell runs lines in are forked from here,
# so that they have the terminal as theirs (its Ctrl-C, its foreground for `docker exec -it`
# and tcpdump), and between two lines the terminal is taken back and made raw, as the
# lab's Node did.
#
# Everything between the server and this agent travels in the terminal's own stream, as
# OSC sequences no terminal shows (src/serve/lab-agent.ts has the other end):
#   ESC ] 7772 ; TOKEN ; KIND ; ID ; BASE64 BEL   from here (the terminal's output)
#   ESC ] 7773 ; TOKEN ; KIND ; ID ; BASE64 BEL   to here (the terminal's input)
# In the stream, so that a line's status comes after the last byte its program wrote to
# the terminal. To here: spawn (argv, NUL, NUL, environment; the session's control
# descriptors 3 to 6 are pipes to this agent), run (the same, for a program run for nslab:
# stdin /dev/null, stdout and stderr on 5 and 6; or, with NUL NUL and bytes after the
# environment, stdin a pipe that gives those bytes, then ends), hold (the next line of that
# session has N keys typed after its Enter: see run_line), line (bytes for its descriptor
# 3), kill (with a signal's name, INT, TERM or KILL; none: KILL), bye (the lab ends, with that status). From here: ready, spawned (its pid), out, err,
# status (what its descriptors 5, 6 and 4 gave), exit (its status), running (a line has
# the terminal now: the server, which held the keys typed after its Enter, sends them on,
# for its program to read, as in a terminal), typeahead (keys read at a prompt that were
# no message: the server's line editor puts them on the next line).
# The terminal's input is read only while no line runs: while one does, it is the line's;
# what came in after the line's message is read once the line is over. TOKEN is the
# server's for this lab; a learner who finds it (they are root in their lab) can only
# confuse their own shell.
use strict;
use warnings;
require MIME::Base64;
our ($AGENT_TOKEN);

my %session;   # id → { pid, in, fds: { out, err, status } }
my %reader;    # descriptor number → [id, kind, handle]
my $running;   # the id whose line runs, if any
my %hold;      # id → how many keys the server holds for its next line
my $saved_termios;
my ($TCGETS, $TCSETS, $FIONREAD) = (0x5401, 0x5402, 0x541B);

sub agent_send {
  my ($kind, $id, $data) = @_;
  my $frame = "\e]7772;$AGENT_TOKEN;$kind;$id;" . MIME::Base64::encode_base64($data // '', '') . "\a";
  my $off = 0;
  while ($off < length $frame) {
    my $n = syswrite(STDOUT, $frame, length($frame) - $off, $off);
    if (!defined $n) { next if $!{EINTR} || $!{EAGAIN}; sys_exit(0) } # the terminal is gone
    $off += $n;
  }
}

# The terminal as a line's program expects it (as the lab started: echo, lines, Ctrl-C),
# or raw with no echo at a prompt, where only the server's messages come in; or 'quiet':
# a line's, but with no echo. Returns what it set.
sub terminal_mode {
  my ($raw) = @_;
  return unless defined $saved_termios;
  my $t = $saved_termios;
  if (($raw // '') eq 'quiet') {
    my ($i, $o, $c, $l, $rest) = unpack('L L L L a*', $t);
    $l &= ~(0000010 | 0000100);                                # ECHO ECHONL
    $t = pack('L L L L', $i, $o, $c, $l) . $rest;
  } elsif ($raw) {
    my ($i, $o, $c, $l, $rest) = unpack('L L L L a*', $t);
    $i &= ~(0000002 | 0000020 | 0000040 | 0000400 | 0002000); # BRKINT INPCK ISTRIP ICRNL IXON
    $l &= ~(0000010 | 0000002 | 0100000 | 0000001);          # ECHO ICANON IEXTEN ISIG
    my ($line, @cc) = unpack('C C19', $rest);
    ($cc[6], $cc[5]) = (1, 0);                                 # VMIN 1, VTIME 0
    $t = pack('L L L L C C19', $i, $o, $c, $l, $line, @cc) . substr($rest, 20);
  }
  ioctl(STDIN, $TCSETS, $t);
  return $t;
}

sub take_terminal_back {
  my $fg = terminal_foreground();
  give_terminal_to(getpgrp()) if defined $fg && $fg != getpgrp();
  terminal_mode(1);
}

sub spawn_session {
  my ($id, $data, $captured) = @_;
  my ($args, $envs, $input) = split /\0\0/, $data, 3;
  undef $input unless $captured;
  my @argv = split /\0/, $args // '';
  return agent_send('exit', $id, '127') if !@argv || $session{$id};
  my @pipes;
  for my $to_child (1, 0, 0, 0) { # 3: lines in; 4: statuses, 5: output, 6: errors out
    pipe(my $r, my $w) or return agent_send('exit', $id, '127');
    push @pipes, $to_child ? [$r, $w] : [$w, $r]; # [child's end, ours]
  }
  my $pid = fork();
  return agent_send('exit', $id, '127') unless defined $pid;
  if ($pid == 0) {
    $SIG{$_} = 'DEFAULT' for qw(CHLD INT QUIT TERM HUP);
    # Above 9 first, so that no end is overwritten on its way to 3-6.
    my @high = map { sys_dup_above(fileno($_->[0]), 10) } @pipes;
    for my $n (0 .. 3) { sys_dup3($high[$n], 3 + $n) or sys_exit(127) }
    if ($captured) { # no terminal: its input or nothing in, out and errors to the server
      if (defined $input) { sys_dup3(3, 0) or sys_exit(127) }
      else { open(STDIN, '<', '/dev/null') or sys_exit(127) }
      (sys_dup3(5, 1) && sys_dup3(6, 2)) or sys_exit(127);
      sys_close($_) for 3 .. 6;
    }
    %ENV = map { /^([^=]+)=(.*)$/s ? ($1, $2) : () } split /\0/, $envs // '';
    { no warnings "exec"; exec { $argv[0] } @argv; }
    sys_exit(127);
  }
  close $_->[0] for @pipes;
  my $s = { pid => $pid, in => $pipes[0][1] };
  for my $kind (qw(status out err)) {
    my $fh = $pipes[{ status => 1, out => 2, err => 3 }->{$kind}][1];
    $reader{fileno $fh} = [$id, $kind, $fh];
    $s->{fds}{$kind} = $fh;
  }
  $session{$id} = $s;
  agent_send('spawned', $id, $pid);
  # (Small, as the server sends it: the pipe takes it whole, and no write waits.)
  if (defined $input) {
    local $SIG{PIPE} = 'IGNORE'; # a program that ends unread is no matter here
    my $off = 0;
    while ($off < length $input) {
      my $n = syswrite($s->{in}, $input, length($input) - $off, $off);
      if (!defined $n) { next if $!{EINTR}; last } # it ended without reading it all
      $off += $n;
    }
    close $s->{in};
    delete $s->{in};
  }
}

# A line of a session: the terminal is made its program's, the line goes to its bash, and
# the server hears that it runs, and sends the keys typed after its Enter (a paste's next
# lines), which are then the program's to read. Those the terminal takes in without echo,
# as a terminal takes in keys pasted while the shell reads its line (with its echo off),
# and the echo is back once they are all in (or after 200 ms: the program may have read
# them already), unless the program has set the terminal its own way meanwhile.
sub run_line {
  my ($id, $data) = @_;
  my $held = delete $hold{$id};
  my $s = $session{$id} or return agent_send('exit', $id, '127');
  $running = $id;
  my $quiet = terminal_mode($held ? 'quiet' : 0);
  my $off = 0;
  while ($off < length $data) {
    my $n = syswrite($s->{in}, $data, length($data) - $off, $off);
    if (!defined $n) { next if $!{EINTR}; last } # it died: its exit says so
    $off += $n;
  }
  agent_send('running', $id, '');
  return unless $held && defined $quiet;
  for (1 .. 100) {
    my $queued = pack('L', 0);
    last if ioctl(STDIN, $FIONREAD, $queued) && unpack('L', $queued) >= $held;
    select(undef, undef, undef, 0.002);
  }
  # (Its local flags, where ECHO is: a program that took the terminal changed them.)
  my $now = "\0" x 64;
  terminal_mode(0) if ioctl(STDIN, $TCGETS, $now) && unpack('x12 L', $now) == unpack('x12 L', $quiet);
}

# Relays what a session's descriptor has; at its end, forgets it.
sub relay {
  my ($fd) = @_;
  my ($id, $kind, $fh) = @{ $reader{$fd} };
  my $n = sysread($fh, my $buf, 65536);
  return if !defined $n && $!{EINTR};
  if (!$n) {
    delete $reader{$fd};
    delete $session{$id}{fds}{$kind} if $session{$id};
    close $fh;
    return;
  }
  # The end of a line (its status ends with NUL): the terminal is this agent's again
  # before the server hears of it.
  my $ended = $kind eq 'status' && defined $running && $running eq $id && index($buf, "\0") >= 0;
  if ($ended) {
    undef $running;
    take_terminal_back();
  }
  agent_send($kind, $id, $buf);
  take_input() if $ended;
}

# A session's bash has ended: what its descriptors still hold goes first, then its status.
sub session_ended {
  my ($id, $status) = @_;
  my $s = delete $session{$id};
  for my $fh (grep { defined } map { $s->{fds}{$_} } qw(out err status)) {
    my $fd = fileno $fh;
    while ($reader{$fd}) {
      my $bits = '';
      vec($bits, $fd, 1) = 1;
      last unless select($bits, undef, undef, 0) > 0;
      relay($fd);
    }
    if ($reader{$fd}) { delete $reader{$fd}; close $fh }
  }
  close $s->{in} if $s->{in};
  my $was_running = defined $running && $running eq $id;
  if ($was_running) { undef $running; take_terminal_back() }
  agent_send('exit', $id, ($status & 127) ? 128 + ($status & 127) : $status >> 8);
  take_input() if $was_running;
}

sub reap {
  while ((my $pid = waitpid(-1, 1)) > 0) { # WNOHANG
    my $status = $?;
    my ($id) = grep { $session{$_}{pid} == $pid } keys %session;
    session_ended($id, $status) if defined $id;
  }
}

my $input = '';
sub from_terminal {
  my $n = sysread(STDIN, my $buf, 65536);
  return 1 if !defined $n && $!{EINTR};
  return 0 unless $n; # hung up: the lab ends
  $input .= $buf;
  take_input();
  return 1;
}

# Acts on the messages read from the terminal, up to a line (the rest waits for its end);
# what was typed rather than sent goes back as typeahead.
sub take_input {
  my $head = "\e]7773;$AGENT_TOKEN;";
  my $typed = '';
  while (length $input) {
    my $at = index($input, $head);
    if ($at < 0) {
      # Keep what may be the start of a message; the rest was typed.
      my $keep = 0;
      for my $k (reverse 1 .. length($head) - 1) {
        if ($k <= length $input && substr($input, -$k) eq substr($head, 0, $k)) { $keep = $k; last }
      }
      $typed .= substr($input, 0, length($input) - $keep);
      $input = substr($input, length($input) - $keep);
      last;
    }
    $typed .= substr($input, 0, $at);
    my $end = index($input, "\a", $at);
    if ($end < 0) { $input = substr($input, $at); last }
    my $body = substr($input, $at + length $head, $end - $at - length $head);
    $input = substr($input, $end + 1);
    my ($kind, $id, $b64) = split /;/, $body, 3;
    next unless defined $b64 && $id =~ /^\d+$/;
    my $data = MIME::Base64::decode_base64($b64);
    if ($kind eq 'spawn') { spawn_session($id, $data) }
    elsif ($kind eq 'run') { spawn_session($id, $data, 1) }
    elsif ($kind eq 'line') {
      run_line($id, $data);
      # The terminal is the line's for as long as it runs: what followed is read after it.
      last if defined $running;
    }
    elsif ($kind eq 'hold') { $hold{$id} = $data =~ /^([1-9]\d{0,6})$/ ? $1 : undef }
    elsif ($kind eq 'kill') { kill(($data =~ /^(INT|TERM)$/ ? $1 : 'KILL'), $session{$id}{pid}) if $session{$id} }
    elsif ($kind eq 'bye') { sys_exit($data =~ /^(\d+)$/ ? $1 : 0) }
  }
  agent_send('typeahead', 0, $typed) if length $typed;
}

# Runs the agent until the server says bye or the terminal hangs up; never returns.
sub run_agent {
  my ($token) = @_;
  $AGENT_TOKEN = $token;
  my $t = "\0" x 64;
  $saved_termios = $t if -t STDIN && ioctl(STDIN, $TCGETS, $t);
  # A child's end wakes the loop through a pipe of its own: a flag alone could be set just
  # before the loop sleeps, and then wait for the next key.
  pipe(my $wake_r, my $wake_w) or sys_exit(70);
  my $child_ended = 0;
  $SIG{CHLD} = sub { syswrite($wake_w, 'x') unless $child_ended++ };
  terminal_mode(1);
  agent_send('ready', 0, '');
  while (1) {
    my $want = '';
    vec($want, 0, 1) = 1 unless defined $running;
    vec($want, $_, 1) = 1 for keys %reader, fileno($wake_r);
    my $n = select(my $ready = $want, undef, undef, undef);
    next if $n <= 0;
    if (vec($ready, fileno($wake_r), 1)) {
      sysread($wake_r, my $byte, 1);
      $child_ended = 0;
      reap();
    }
    # Output before statuses: a captured line's last bytes before its end.
    for my $fd (sort { $reader{$a}[1] cmp $reader{$b}[1] } grep { vec($ready, $_, 1) } keys %reader) {
      relay($fd) if $reader{$fd};
    }
    if (vec($ready, 0, 1) && !defined $running) { from_terminal() or sys_exit(0) }
  }
}

1;
