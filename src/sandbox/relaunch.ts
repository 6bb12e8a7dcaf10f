// For a lab command started as `node dist/cli.js …` rather than through bin/nslab: run it
// again through the launcher, which enters the namespaces first.
import { join } from 'node:path';
import { runOnTerminal } from './exec.js';
import { NSLAB_ROOT } from './lab.js';

export async function relaunchInLab(args: string[]): Promise<void> {
  const status = await runOnTerminal([join(NSLAB_ROOT, 'bin', 'nslab'), ...args]);
  if (status === 127) process.stderr.write('nslab: cannot start the lab launcher (bin/nslab)\n');
  process.exit(status);
}
