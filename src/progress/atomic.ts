// Writing a file so that a reader sees the old content or the new, never a part: a
// temporary file in the same directory, flushed, then renamed over the old one.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

export interface Owner {
  uid: number;
  gid: number;
}

export async function writeFileAtomic(path: string, text: string, owner?: Owner): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (owner) await chown(tmp, owner.uid, owner.gid);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  // The rename itself must reach the disk for the new content to survive a crash.
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // some filesystems refuse fsync on a directory; the rename is still atomic
  } finally {
    await d.close();
  }
}

/** mkdir -p, handing every directory it creates to `owner` (a sudo user's ~/.local/state). */
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
