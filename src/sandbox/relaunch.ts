// For a command line that reached the CLI without bin/nslab (`node dist/cli.js …`): run it
// again through bin/nslab, which alone decides whether it needs a lab and enters it first.
import { join } from 'node:path';
import { runOnTerminal } from './exec.js';
import { sandboxText } from '../i18n/sandbox-text.js';
import { NSLAB_ROOT } from './lab.js';

export async function relaunchInLab(args: string[]): Promise<void> {
  const status = await runOnTerminal([join(NSLAB_ROOT, 'bin', 'nslab'), ...args]);
  if (status === 127) process.stderr.write(`${sandboxText().noLauncher}\n`);
  process.exit(status);
}
