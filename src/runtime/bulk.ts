// Placeholder until the runtime lands (issue 3): fails clearly rather than pretending.
import { UserError } from '../errors.js';

export async function startBusyboxContainers(n: number): Promise<void> {
  throw new UserError(`--containers ${n}: the container runtime is not built yet.`);
}
