// Which network a container on several networks reaches the outside through. Docker
// (libnetwork's endpoint ordering) takes the one whose name sorts first (internal networks
// and priorities aside, which nslab has not), and moves the default route when a connect or
// a disconnect changes which one that is. So `docker run --network A` then `docker network
// connect B` keeps A's gateway; connecting a network whose name sorts before A's moves it.
import type { Endpoint } from './state.js';
import { ipBatch, type Tracer } from './steps.js';

/** The endpoint whose gateway the default route goes through; undefined with none. An
 * overlay's gateway is no address a container reaches (Docker sends overlay containers out
 * through docker_gwbridge instead), so an overlay never takes the default route. Pure. */
export function gatewayEndpoint(eps: readonly Endpoint[]): Endpoint | undefined {
  return eps.filter((e) => e.kind !== 'overlay').sort((a, b) => (a.networkName < b.networkName ? -1 : a.networkName > b.networkName ? 1 : 0))[0];
}

/** Points the container's default route at `after`'s gateway when the choice changed from
 * `before` (the route through a deleted interface is gone already). */
export async function moveDefaultRoute(pid: number, before: Endpoint | undefined, after: Endpoint | undefined, tracer: Tracer): Promise<void> {
  if (!after || before === after) return;
  tracer.note(`a container on several networks routes through the one whose name sorts first: now ${after.networkName}, via ${after.gateway} on ${after.ifname}`);
  await ipBatch(tracer, 'moving the default route', [`route replace default via ${after.gateway} dev ${after.ifname}`], pid);
}
