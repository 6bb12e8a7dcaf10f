// -p HOST:CONTAINER: Docker's two nat rules (the DNAT in chain DOCKER, and the hairpin
// MASQUERADE for a container reaching itself through the published port), Docker's
// userland proxy on the host port, and a small HTTP server inside the container answering
// on the container port, so that a curl from the outside world gets a 200. Both are perl
// (already needed by the lab launcher): a few MB each, against about 45 MB for Node.
import type { PortMapping } from './state.js';
import { spawnDetached, waitListening } from './process.js';
import type { Tracer } from './steps.js';

export function dnatRules(p: PortMapping, op: '-A' | '-D'): string[] {
  return [
    `${op} DOCKER ! -i ${p.bridge} -p tcp -m tcp --dport ${p.hostPort} -j DNAT --to-destination ${p.ip}:${p.containerPort}`,
    `${op} POSTROUTING -s ${p.ip}/32 -d ${p.ip}/32 -p tcp -m tcp --dport ${p.containerPort} -j MASQUERADE`,
  ];
}

/** Answers every request with 200 and a line naming the container; reads the request
 * head first so that clients never see a reset. */
const SERVER = String.raw`use IO::Socket::INET; my ($port, $name) = @ARGV; $0 = "http-server $name:$port";
my $s = IO::Socket::INET->new(LocalPort => $port, Listen => 64, ReuseAddr => 1, Proto => 'tcp') or die "listen $port: $!\n";
$SIG{PIPE} = 'IGNORE';
while (my $c = $s->accept) { while (my $l = <$c>) { last if $l =~ /^\r?\n$/ }
  my $b = "hello from $name (port $port)\n";
  print $c "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . length($b) . "\r\nConnection: close\r\n\r\n$b"; close $c }`;

/** Starts the server in the network namespace of `pid`; resolves once it listens. */
export async function startHttpServer(pid: number, port: number, name: string, tracer: Tracer): Promise<number> {
  const server = spawnDetached(
    ['nsenter', `--net=/proc/${pid}/ns/net`, 'perl', '-e', SERVER, String(port), name],
    tracer,
    `nsenter -t ${pid} -n perl -e '<a tiny HTTP server>' ${port} ${name}`,
  );
  await waitListening(server, port);
  return server;
}

/** Docker's docker-proxy: listens on the host port and relays each connection to the
 * container. The DNAT rule catches what arrives from outside and what the host sends, but
 * not what comes in from docker0 (`-A DOCKER -i docker0 -j RETURN`): a container reaching
 * a published port by the host's address is served by this proxy, as with Docker. */
const PROXY = String.raw`use IO::Socket::INET; use IO::Select; my ($hp, $ip, $cp) = @ARGV;
$0 = "docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port $hp -container-ip $ip -container-port $cp";
$SIG{CHLD} = 'IGNORE'; $SIG{PIPE} = 'IGNORE';
my $s = IO::Socket::INET->new(LocalPort => $hp, Listen => 64, ReuseAddr => 1, Proto => 'tcp') or die "listen $hp: $!
";
while (my $c = $s->accept) {
  my $pid = fork(); next unless defined $pid;
  if ($pid) { close $c; next }
  close $s; my $u = IO::Socket::INET->new(PeerAddr => $ip, PeerPort => $cp, Proto => 'tcp') or exit 0;
  my $sel = IO::Select->new($c, $u);
  RELAY: while (my @r = $sel->can_read) { for my $h (@r) { my $n = sysread($h, my $b, 65536); last RELAY unless $n; syswrite($h == $c ? $u : $c, $b) // last RELAY } }
  exit 0 }`;

/** Starts the proxy in this (the lab host's) network namespace; resolves once it listens. */
export async function startDockerProxy(m: PortMapping, tracer: Tracer): Promise<number> {
  const args = [String(m.hostPort), m.ip, String(m.containerPort)];
  const proxy = spawnDetached(
    ['perl', '-e', PROXY, ...args],
    tracer,
    `docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port ${m.hostPort} -container-ip ${m.ip} -container-port ${m.containerPort}`,
  );
  await waitListening(proxy, m.hostPort);
  return proxy;
}
