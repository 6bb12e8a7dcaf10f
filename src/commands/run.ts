// `nslab run CMD`: one shell command in a fresh lab, its exit status returned. Scripts,
// tests and the benchmark use it to get a lab without a terminal.
import { spawn } from 'node:child_process';
import { openLab } from '../sandbox/open.js';
import type { Preset } from '../sandbox/presets.js';

export async function runCommand(words: string[], opts: { preset: Preset; containers?: number }): Promise<void> {
  await openLab(opts);
  const child = spawn('bash', ['-c', words.join(' ')], { stdio: 'inherit' });
  process.on('SIGINT', () => { /* reaches the command through the terminal */ });
  const code = await new Promise<number>((resolve) => {
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 + 2 : 1)));
    child.on('error', () => resolve(127));
  });
  process.exit(code);
}
