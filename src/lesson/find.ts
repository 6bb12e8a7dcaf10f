// Where the lessons are, and which one a learner means by "1", "01", "01-docker0" or
// "docker0". Kept apart from loading (the parser and its modules): the entry point uses
// it to find a lesson's preset before the rest of nslab has loaded (lab-setup/early-open.ts).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NSLAB_ROOT } from '../sandbox/lab.js';

/** lessons/ of this checkout, or $NSLAB_LESSONS: an instructor's own lesson directory. */
export function defaultLessonsDir(): string {
  return process.env.NSLAB_LESSONS || join(NSLAB_ROOT, 'lessons');
}

/** The lesson files of a directory: *.md except README.md, in name order. */
export async function lessonFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort().map((n) => join(dir, n));
}

/** The lessons `query` may mean, best matches only. */
export function matchLessons<T extends { meta: { id: string } }>(lessons: T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const exact = lessons.filter((l) => l.meta.id === q);
  if (exact.length) return exact;
  if (/^\d+$/.test(q)) return lessons.filter((l) => Number(l.meta.id.slice(0, 2)) === Number(q));
  const byName = lessons.filter((l) => l.meta.id.slice(3) === q);
  if (byName.length) return byName;
  return lessons.filter((l) => l.meta.id.startsWith(q) || l.meta.id.slice(3).startsWith(q));
}

