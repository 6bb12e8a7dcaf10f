// For a lab command started as `node dist/cli.js …` rather than through bin/nslab: run it
// again through the launcher, which enters the namespaces first.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { NSLAB_ROOT } from './lab.js';

export function relaunchInLab(args: string[]): Promise<void> {
  return new Promise(() => {
    const child = spawn(join(NSLAB_ROOT, 'bin', 'nslab'), args, { stdio: 'inherit' });
    process.on('SIGINT', () => { /* the lab handles Ctrl-C */ });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
    child.on('error', (e) => { process.stderr.write(`nslab: cannot start the lab launcher: ${e.message}\n`); process.exit(1); });
  });
}
