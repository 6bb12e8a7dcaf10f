// The learner's state directory (progress.json, its lock, history) as a handful of file
// operations on plain names. Outside a lab they are node:fs calls; inside one they go to
// bin/lab-state.pl, which runs outside the lab as the user and does them there, because the
// lab's ids own nothing on the machine and may not write the user's files (issue 12).
// Either way the same code above (the store, its lock) decides what to do with them.
import { randomBytes } from 'node:crypto';
import { chown, link, mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface Owner {
  uid: number;
  gid: number;
}

export interface StateDir {
  /** Where it is on the machine (for messages). */
  readonly path: string;
  read(name: string): Promise<string>;
  /** Creates `name` holding `text`; fails with EEXIST if it exists (a lock file). */
  createExclusive(name: string, text: string, mode?: number): Promise<void>;
  /** Replaces `name` as a whole: a reader sees the old content or the new, and the new
   * survives a crash (a temporary file, flushed, renamed over the old). */
  replace(name: string, text: string, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(from: string, to: string): Promise<void>;
  unlink(name: string): Promise<void>;
  stat(name: string): Promise<{ ino: number; mtimeMs: number }>;
  /** Sets the modification time to now. */
  touch(name: string): Promise<void>;
  list(): Promise<string[]>;
}

/** The temporary file a replace of `name` writes first; a crash may leave one behind. */
export function isReplaceTemp(file: string, name: string): boolean {
  return file.startsWith(`.${name}.`) && file.endsWith('.tmp');
}

/** The directory itself, through node:fs. Files and folders it creates are handed to
 * `owner` when given (a sudo user's ~/.local/state). `durable: false`: a replace is still
 * atomic (a new file renamed into place) but not flushed to the disk, for files that are a
 * comfort rather than a record (the history the workshop server keeps for fifty learners,
 * where an fsync per line each would be most of the server's disk work). */
export function localStateDir(path: string, owner?: Owner, opts: { durable?: boolean } = {}): StateDir {
  const durable = opts.durable ?? true;
  const at = (name: string) => join(path, name);
  const give = async (p: string) => { if (owner) await chown(p, owner.uid, owner.gid); };
  const write = async (file: string, text: string, mode: number, sync: boolean) => {
    const fh = await open(file, 'wx', mode);
    try {
      await fh.writeFile(text);
      if (sync) await fh.sync();
    } finally {
      await fh.close();
    }
    await give(file);
  };
  return {
    path,
    read: (name) => readFile(at(name), 'utf8'),
    async createExclusive(name, text, mode = 0o644) {
      await ensureDir(path, owner);
      await write(at(name), text, mode, false);
    },
    async replace(name, text, mode = 0o644) {
      await ensureDir(path, owner);
      const tmp = at(`.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await write(tmp, text, mode, durable);
        await rename(tmp, at(name));
      } catch (e) {
        await unlink(tmp).catch(() => {});
        throw e;
      }
      if (!durable) return;
      // The rename itself must reach the disk for the new content to survive a crash. (The
      // save is done already: a folder that cannot be opened or flushed does not undo it.)
      const d = await open(path, 'r').catch(() => undefined);
      await d?.sync().catch(() => { /* some filesystems refuse fsync on a folder; the rename is atomic still */ }).finally(() => d.close());
    },
    rename: (from, to) => rename(at(from), at(to)),
    link: (from, to) => link(at(from), at(to)),
    unlink: (name) => unlink(at(name)),
    async stat(name) {
      const st = await stat(at(name));
      return { ino: st.ino, mtimeMs: st.mtimeMs };
    },
    async touch(name) {
      const now = new Date();
      await utimes(at(name), now, now);
    },
    list: () => readdir(path),
  };
}

/** mkdir -p, handing every directory it creates to `owner`. */
export async function ensureDir(dir: string, owner?: Owner): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o755 });
  if (!first || !owner) return;
  const rest = relative(first, dir);
  let p = first;
  await chown(p, owner.uid, owner.gid);
  for (const part of rest ? rest.split(sep) : []) {
    p = join(p, part);
    await chown(p, owner.uid, owner.gid);
  }
}
