// The baseline for per-line overhead, measured inside a lab: each line of stdin run as
// `bash -c LINE`, one after the other, output collected through a pipe as the shell does.
// Prints one line of JSON: { lines, totalMs }.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
const t0 = process.hrtime.bigint();
for (const line of lines) spawnSync('bash', ['-c', line], { stdio: ['ignore', 'pipe', 'pipe'] });
console.log(JSON.stringify({ lines: lines.length, totalMs: Number(process.hrtime.bigint() - t0) / 1e6 }));
