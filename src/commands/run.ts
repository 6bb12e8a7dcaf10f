// `nslab run CMD`: one shell command in a fresh lab, its exit status returned. Scripts,
// tests and the benchmark use it to get a lab without a terminal.
import { openLab } from '../lab-setup/open.js';
import { runOnTerminal } from '../sandbox/exec.js';
import type { Preset } from '../sandbox/presets.js';

export async function runCommand(words: string[], opts: { preset: Preset; containers?: number }): Promise<void> {
  await openLab(opts);
  process.exit(await runOnTerminal(['bash', '-c', words.join(' ')]));
}
