// The shell's command history, beside the progress file, in the same state directory (so,
// inside a lab, read and written through the broker; under sudo, owned by the learner: a
// history file made by root would lock them out of their own state directory). The file
// holds one line a command, newest first, as node:repl's own history file does.
import { dirname, join } from 'node:path';
import type { ProgressLocation } from './location.js';
import { stateDirFor } from './state-broker.js';
import type { StateDir } from './state-dir.js';

export const HISTORY_SIZE = 1000;

export interface HistoryFile {
  path: string;
  /** The saved lines, newest first; none when there is no history yet or it cannot be read. */
  load(): Promise<string[]>;
  /** Saves the lines (newest first); false when it could not: history is a comfort, not a need. */
  save(lines: readonly string[]): Promise<boolean>;
}

export function historyFile(location: ProgressLocation, dir: StateDir = stateDirFor(location)): HistoryFile {
  const name = 'history';
  const path = join(dirname(location.path), name);
  return {
    path,
    async load() {
      try {
        return (await dir.read(name)).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, HISTORY_SIZE);
      } catch {
        return [];
      }
    },
    async save(lines) {
      try {
        await dir.replace(name, lines.slice(0, HISTORY_SIZE).join('\n') + '\n', 0o600);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A line editor's history as node:repl and node:readline both keep it: the lines, newest
 * first, and a 'history' event at each change. */
export interface EditorHistory {
  history: string[];
  on(event: 'history', listener: (lines: string[]) => void): unknown;
}

/** Keeps `editor`'s history in `file`: the saved lines loaded into it (after any typed
 * meanwhile), each change saved, one save at a time (lines given while a save is on its
 * way are in the next one, not in a queue of saves). Resolves, when asked, once every save
 * is done. (Not node:repl's setupHistory: inside a lab the file may only be written through
 * the lab's broker.) */
export function keepHistory(editor: EditorHistory, file: HistoryFile): () => Promise<unknown> {
  void file.load().then((saved) => {
    editor.history.push(...saved.filter((l) => !editor.history.includes(l)));
  });
  let saving: Promise<unknown> = Promise.resolve();
  let latest: string[] | undefined;
  editor.on('history', (lines) => {
    const queued = latest !== undefined;
    latest = [...lines];
    if (queued) return;
    saving = saving.then(() => {
      const next = latest!;
      latest = undefined;
      return file.save(next);
    });
  });
  return () => saving;
}
