// The shell's command history, beside the progress file and, under sudo, owned by the
// learner like it: a history file made by root would lock the learner out of their own
// state directory afterwards.
import { chown, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureDir } from './atomic.js';
import type { ProgressLocation } from './location.js';

export function historyFile(location: ProgressLocation): { path: string; prepare(): Promise<boolean> } {
  const path = join(dirname(location.path), 'history');
  return {
    path,
    async prepare() {
      try {
        await ensureDir(dirname(path), location.owner);
        await (await open(path, 'a', 0o600)).close();
        if (location.owner) await chown(path, location.owner.uid, location.owner.gid);
        return true;
      } catch {
        return false; // no history is a lesser evil than no shell
      }
    },
  };
}
