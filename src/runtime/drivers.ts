// Which driver wires a container into a network, and unwires it: one place for docker run,
// network connect/disconnect and teardown.
import { attach, detach, type AttachRequest } from './bridge-driver.js';
import { attachMacvlan, detachMacvlan } from './macvlan-driver.js';
import { attachOverlay, leaveOverlay } from './overlay-driver.js';
import type { Rollback } from './rollback.js';
import type { Endpoint, NetworkRecord } from './state.js';
import type { Tracer } from './steps.js';

export function attachFor(net: NetworkRecord): (req: AttachRequest, tracer: Tracer, rollback: Rollback) => Promise<Endpoint> {
  return net.driver === 'macvlan' ? attachMacvlan : net.driver === 'overlay' ? attachOverlay : attach;
}

/** Unplugs one endpoint of a container whose holder is `pid` (running: its namespace is
 * still there, where a macvlan lives). Gone already is fine. */
export async function detachEndpoint(ep: Endpoint, pid: number, running: boolean, tracer: Tracer): Promise<void> {
  if (ep.kind === 'macvlan') {
    if (running) await detachMacvlan(ep, pid, tracer);
    return;
  }
  await detach(ep, tracer);
  if (ep.kind === 'overlay') await leaveOverlay(ep, tracer);
}
