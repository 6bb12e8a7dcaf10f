// -p HOST:CONTAINER: Docker's two nat rules (the DNAT in chain DOCKER, and the hairpin
// MASQUERADE for a container reaching itself through the published port) plus a small
// HTTP server inside the container answering on the container port, so that a curl from
// the outside world gets a 200. The server is perl (already needed by the lab launcher):
// about 5 MB of memory per published port, against about 45 MB for a node server.
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
