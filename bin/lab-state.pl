#!/usr/bin/perl
# The lab's one way to the learner's state directory (progress, history) and to the
# launcher's relaunch file. The lab runs under ids that own nothing on the machine, so it
# cannot write the invoking user's files itself; this process, started by bin/lab-launch.pl
# outside the lab and as that user, does it on the lab's behalf. It offers the few file
# operations nslab's progress store needs, on plain names inside one directory, so whatever
# reaches its socket from the lab (a learner can find the socket too) can touch nothing else.
#
# Protocol, on the socket given as the first argument, one request at a time:
#   request:  OP \t A \t B \t LENGTH \n, then LENGTH bytes of data
#   answer:   OK \t LENGTH \n, then LENGTH bytes      or      ERR \t CODE \t message \n
# The directory is chosen here, from this process's own environment, by the rules of
# src/progress/location.ts (a test holds the two to the same answers): nothing the lab
# says can move it. `lab-state --where` prints it, and the owner of what it creates.
use strict;
use warnings;
use Fcntl qw(O_WRONLY O_CREAT O_EXCL O_RDONLY O_TRUNC O_NOFOLLOW);

my ($fd, $relaunch_path) = @ARGV;
my ($dir, $owner) = state_dir();
if (($fd // '') eq '--where') {
  print "$dir\n", ($owner ? "$owner->[0]:$owner->[1]\n" : '');
  exit 0;
}
open(my $sock, '+<&=', $fd) or die "lab-state: no socket on fd " . ($fd // '?') . ": $!\n";
# Under sudo the folder is the invoking user's: work in it as that user, not as root, so
# that what is made there is theirs and nothing they put there can lead root elsewhere.
if ($owner && $> == 0) {
  my ($uid, $gid) = @$owner;
  $) = "$gid $gid";
  $( = $gid;
  $< = $> = $uid;
  die "lab-state: cannot become uid $uid\n" if $> != $uid || $< != $uid;
}
binmode $sock;
my $buf = '';

# $XDG_STATE_HOME/nslab, else ~/.local/state/nslab; under sudo the invoking user's (their
# XDG_STATE_HOME only if inside their home), with what is created handed to them.
sub state_dir {
  my $xdg = $ENV{XDG_STATE_HOME};
  my $sudo_user = $ENV{SUDO_USER} // '';
  if ($> == 0 && $sudo_user ne '' && $sudo_user ne 'root') {
    my @pw = getpwnam($sudo_user);
    if (@pw && length $pw[7]) {
      my $home = $pw[7];
      my $inside = defined $xdg && $xdg =~ m{^/} && index(normal($xdg) . '/', normal($home) . '/') == 0 && normal($xdg) ne normal($home);
      my $base = $inside ? $xdg : "$home/.local/state";
      return (normal("$base/nslab"), [$pw[2], $pw[3]]);
    }
  }
  return (normal("$xdg/nslab")) if defined $xdg && $xdg =~ m{^/};
  my $home = ($ENV{HOME} // '') ne '' ? $ENV{HOME} : ((getpwuid($<))[7] || '/root');
  return (normal("$home/.local/state/nslab"));
}

# What node's path.join makes of an absolute path: no empty, "." or ".." parts.
sub normal {
  my @out;
  for my $part (split m{/}, $_[0]) {
    next if $part eq '' || $part eq '.';
    if ($part eq '..') { pop @out } else { push @out, $part }
  }
  return '/' . join('/', @out);
}

sub read_more {
  my $n = sysread($sock, $buf, 65536, length $buf);
  return 1 if $n;
  return read_more() if !defined $n && $!{EINTR};
  return 0;
}

sub reply {
  my ($text) = @_;
  my $off = 0;
  while ($off < length $text) {
    my $n = syswrite($sock, $text, length($text) - $off, $off);
    if (!defined $n) { next if $!{EINTR}; exit 0 }
    $off += $n;
  }
}
sub ok { my $data = $_[0] // ''; reply("OK\t" . length($data) . "\n" . $data) }
sub err {
  my ($code, $msg) = @_;
  $msg =~ s/[\t\n]/ /g;
  reply("ERR\t$code\t$msg\n");
}
# The errno's name (ENOENT …), which nslab's code tests as Node's `code`.
sub errno_name { my ($name) = grep { $!{$_} } keys %!; $name // 'EIO' }
sub fail_errno { my ($what) = @_; err(errno_name(), "$what: $!") }

# Only the names nslab's progress store and history use (src/progress/store.ts, lock.ts,
# history.ts), and this broker's own temporaries of them: nothing else can be made here.
sub valid_name {
  my ($name) = @_;
  return defined $name && ($name =~ /^(?:progress\.json(?:\.lock(?:\.stale-[0-9]+-[0-9a-f]+)?|\.bak(?:\.[0-9]+)?)?|history)$/
    || $name =~ /^\.(?:progress\.json|history)\.[0-9]+\.[0-9a-f]+\.tmp$/);
}
# Plain files, readable by others or by the user alone: no setuid or executable bits.
sub valid_mode { my $m = $_[0] || '644'; $m eq '644' || $m eq '600' }
my $MAX_REQUEST = 16 << 20;

# mkdir -p of the state directory (as the user: see above).
sub ensure_dir {
  return 1 if -d $dir;
  my $path = '';
  for my $part (grep { length } split m{/}, $dir) {
    $path .= "/$part";
    next if -d $path;
    mkdir($path, 0755) or $!{EEXIST} or return 0;
  }
  return 1;
}

sub write_all {
  my ($fh, $data) = @_;
  my $off = 0;
  while ($off < length $data) {
    my $n = syswrite($fh, $data, length($data) - $off, $off);
    return 0 unless defined $n;
    $off += $n;
  }
  return 1;
}

my %ops = (
  read => sub {
    my ($a, undef, $data) = @_;
    open(my $fh, '<', "$dir/$a") or return fail_errno("cannot read $dir/$a");
    binmode $fh;
    local $/;
    my $text = <$fh> // '';
    ok($text);
  },
  # Created only if it does not exist yet (a lock file).
  createx => sub {
    my ($a, $mode, $data) = @_;
    ensure_dir() or return fail_errno("cannot make $dir");
    sysopen(my $fh, "$dir/$a", O_WRONLY | O_CREAT | O_EXCL, oct($mode || '644')) or return fail_errno("cannot create $dir/$a");
    # A lock half made would look held until it went stale: none at all instead.
    unless (write_all($fh, $data) && close($fh)) { my $e = errno_name(); my $m = "$!"; unlink "$dir/$a"; return err($e, "cannot write $dir/$a: $m") }
    ok();
  },
  # Replaced as a whole: a reader sees the old content or the new, and the new survives a
  # crash (a temporary file flushed, renamed over the old, the folder flushed).
  replace => sub {
    my ($a, $mode, $data) = @_;
    ensure_dir() or return fail_errno("cannot make $dir");
    my $tmp = sprintf('%s/.%s.%d.%08x.tmp', $dir, $a, $$, int(rand(2**32)));
    my $fh;
    my $done = sysopen($fh, $tmp, O_WRONLY | O_CREAT | O_EXCL, oct($mode || '644'))
      && write_all($fh, $data) && sync_handle($fh) && close($fh);
    $done &&= rename($tmp, "$dir/$a");
    unless ($done) { my $e = errno_name(); my $m = "$!"; unlink $tmp; return err($e, "cannot write $dir/$a: $m") }
    if (sysopen(my $dh, $dir, O_RDONLY)) { sync_handle($dh); close $dh }
    ok();
  },
  rename => sub { my ($a, $b) = @_; rename("$dir/$a", "$dir/$b") ? ok() : fail_errno("cannot rename $dir/$a") },
  link => sub { my ($a, $b) = @_; link("$dir/$a", "$dir/$b") ? ok() : fail_errno("cannot link $dir/$a") },
  unlink => sub { my ($a) = @_; unlink("$dir/$a") ? ok() : fail_errno("cannot remove $dir/$a") },
  # "inode mtime-in-ms"
  stat => sub {
    my ($a) = @_;
    my @st = stat("$dir/$a") or return fail_errno("cannot stat $dir/$a");
    ok("$st[1] " . mtime_ms("$dir/$a", $st[9]));
  },
  touch => sub { my ($a) = @_; utime(undef, undef, "$dir/$a") ? ok() : fail_errno("cannot touch $dir/$a") },
  list => sub {
    opendir(my $dh, $dir) or return fail_errno("cannot list $dir");
    ok(join("\n", grep { !/^\.\.?$/ } readdir $dh));
  },
  relaunch => sub {
    my (undef, undef, $data) = @_;
    return err('ENOENT', 'no relaunch file') unless defined $relaunch_path;
    # The launcher made it; once the launcher has gone (and its watcher removed it), it
    # is not made again, and a link put in its place is not followed.
    sysopen(my $fh, $relaunch_path, O_WRONLY | O_TRUNC | O_NOFOLLOW) or return fail_errno("cannot write $relaunch_path");
    (write_all($fh, $data) && close($fh)) ? ok() : fail_errno("cannot write $relaunch_path");
  },
);

# fsync (IO::Handle's; some filesystems refuse it on a folder: the rename is atomic still).
sub sync_handle { require IO::Handle; IO::Handle::sync($_[0]); 1 }

# Modification time with sub-second precision where perl can tell (Time::HiRes), since
# the lock's staleness is judged in milliseconds.
sub mtime_ms {
  my ($path, $seconds) = @_;
  my @st = eval { require Time::HiRes; Time::HiRes::stat($path) };
  return int(1000 * ($st[9] // $seconds));
}

while (1) {
  my $nl;
  until (($nl = index($buf, "\n")) >= 0) { read_more() or exit 0 }
  my $header = substr($buf, 0, $nl + 1, '');
  chomp $header;
  my ($op, $a, $b, $len) = split /\t/, $header, -1;
  $len = 0 unless defined $len && $len =~ /^\d+$/;
  if ($len > $MAX_REQUEST) { err('EFBIG', "a request of $len bytes: at most $MAX_REQUEST"); exit 0 }
  while (length $buf < $len) { read_more() or exit 0 }
  my $data = substr($buf, 0, $len, '');
  answer($op // '', $a, $b, $data);
}

sub answer {
  my ($op, $a, $b, $data) = @_;
  my $handler = $ops{$op} or return err('ENOSYS', "unknown operation $op");
  return err('EINVAL', 'bad name') unless $op eq 'list' || $op eq 'relaunch' || valid_name($a);
  return err('EINVAL', 'bad name') if ($op eq 'rename' || $op eq 'link') && !valid_name($b);
  return err('EINVAL', 'bad mode: 644 or 600') if ($op eq 'createx' || $op eq 'replace') && !valid_mode($b);
  $handler->($a, $b, $data);
}
