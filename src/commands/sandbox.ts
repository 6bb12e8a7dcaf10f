import { openLab } from '../sandbox/open.js';
import type { Preset } from '../sandbox/presets.js';

export async function sandboxCommand(opts: { preset: Preset; containers?: number }): Promise<void> {
  await openLab(opts);
  const { runSandboxShell } = await import('../repl/sandbox-shell.js');
  process.exitCode = await runSandboxShell();
}
