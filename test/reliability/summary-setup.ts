// Global set-up for the reliability suite: a fresh directory for the counters, and at the
// end of the run the line CI reads: lines tried, faults injected, leftovers, data lost.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Tally } from './tally.js';

export function summarize(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  if (!files.length) return undefined;
  const sum = { lines: 0, faults: 0, leftovers: 0, dataLost: 0 };
  for (const f of files) {
    for (const row of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) {
      const t = JSON.parse(row) as Tally;
      sum.lines += t.lines ?? 0;
      sum.faults += t.faults ?? 0;
      sum.leftovers += t.leftovers ?? 0;
      sum.dataLost += t.dataLost ?? 0;
    }
  }
  return `reliability: lines tried: ${sum.lines}, faults injected: ${sum.faults}, leftovers: ${sum.leftovers}, data lost: ${sum.dataLost}`;
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-reliability-'));
  project.provide('reliabilityDir', dir);
  return () => {
    const line = summarize(dir);
    if (line) process.stdout.write(`\n${line}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
