// TEMPORARY (replaced by wip-hold): the hold file a learner's lab reads.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Hold { lessonId: string; step: number; message?: string }

export function writeHold(learnerDir: string, hold: Hold | undefined): void {
  const dir = join(learnerDir, 'nslab');
  const file = join(dir, 'class-hold');
  if (!hold) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(hold), { mode: 0o644 });
  renameSync(tmp, file);
}
