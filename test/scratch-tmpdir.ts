// Global set-up: every temporary file the tests make (state directories, fixture lessons,
// labs' relaunch files) goes under one directory of this run, removed at its end, so a test
// run leaves nothing in the machine's /tmp. World-writable and sticky like /tmp itself: the
// rootless tests run as another user.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-tests-'));
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
