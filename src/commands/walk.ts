// `nslab walk [--preset P] [--containers N] [--setup LINE]… [--json] -- COMMAND`: a fresh
// lab, the setup lines, then COMMAND with the packet walk watching (src/walk/).
import pc from 'picocolors';
import { toolsText } from '../i18n/tools-text.js';
import { openLab } from '../lab-setup/open.js';
import { takeLabSnapshot } from '../lab-setup/lab-snapshot.js';
import { runOnTerminal } from '../sandbox/exec.js';
import type { Preset } from '../sandbox/presets.js';
import { walkCommand } from '../walk/capture.js';
import { plainStyle, renderWalk, walkJson, walkMarks, type Style } from '../walk/render.js';

export async function walkCliCommand(words: string[], opts: { preset: Preset; containers?: number; setup?: string[]; json?: boolean; raw?: boolean }): Promise<void> {
  await openLab(opts);
  for (const line of opts.setup ?? []) {
    const status = await runOnTerminal(['bash', '-c', line]);
    if (status !== 0) {
      process.stderr.write(`${toolsText().setupFailed(line, status)}\n`);
      process.exit(1);
    }
  }
  const line = words.join(' ');
  // With --json the command's own output goes to stderr, so stdout is the walk alone.
  const r = await walkCommand(line, {
    runLine: async (l) => { await runOnTerminal(['bash', '-c', opts.json ? `{ ${l}; } 1>&2` : l]); },
    snapshot: takeLabSnapshot,
  });
  if (opts.json) {
    process.stdout.write(opts.raw ? JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v), 1) + '\n' : walkJson(r.walk, r.problem));
  } else {
    const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
    const style: Style = color ? { bold: pc.bold, dim: pc.dim, good: pc.green, bad: pc.red } : plainStyle;
    if (r.walk) process.stdout.write(renderWalk(r.walk, style));
    if (r.walk && r.raw.state) {
      const { drawTopology } = await import('../view/topology.js');
      process.stdout.write(drawTopology(r.raw.state, { color, width: process.stdout.columns || 100, marks: walkMarks(r.walk, r.raw.state) }) + '\n');
    }
    if (r.problem) process.stderr.write(`nslab walk: ${r.problem}\n`);
  }
  process.exit(r.walk ? (r.walk.ok ? 0 : 2) : 1);
}
