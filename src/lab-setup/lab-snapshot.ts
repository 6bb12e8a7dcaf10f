// The kernel snapshot of this lab, with the runtime's containers: what checks, questions,
// explanations and the topology read after every learner line.
import type { KernelState } from '../kernel/types.js';

export async function takeLabSnapshot(): Promise<KernelState> {
  const [{ takeSnapshot }, { listContainers, listNetworks }] = await Promise.all([import('../kernel/snapshot.js'), import('../runtime/store.js')]);
  return takeSnapshot({ listContainers, listNetworks });
}
