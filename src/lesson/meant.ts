// The one lesson a query means, found by reading only the lessons' front matter: what
// `nslab start LESSON` needs before it has parsed every lesson, and what the entry point
// needs to build the lesson's lab early (lab-setup/early-open.ts).
import { lessonFiles, matchLessons } from './find.js';
import { readFrontMatter } from './front-matter.js';
import { readLessonText } from './read-file.js';
import type { Preset } from '../sandbox/presets.js';

export interface LessonMeant {
  file: string;
  id: string;
  preset: Preset;
}

/** The lesson file `query` means, when it can mean that one alone: among the lessons
 * whose front matter reads well, it is the only match, and were it not to load, the
 * query would match none of the others. So matching among the lessons that do load (a
 * subset) finds this one, or none. Undefined otherwise, or when `dir` cannot be read. */
export function lessonMeant(dir: string, query: string): Promise<LessonMeant | undefined> {
  // Asked twice in one start (by the entry point, then by the command): read once.
  const key = `${dir}\0${query}`;
  let answer = asked.get(key);
  if (!answer) asked.set(key, (answer = findLessonMeant(dir, query)));
  return answer;
}

const asked = new Map<string, Promise<LessonMeant | undefined>>();

async function findLessonMeant(dir: string, query: string): Promise<LessonMeant | undefined> {
  let files: string[];
  try {
    files = await lessonFiles(dir);
  } catch {
    return undefined;
  }
  const lessons: (LessonMeant & { meta: { id: string } })[] = [];
  for (const file of files) {
    // The parser's own reader: what is not a small regular file (a FIFO, a huge file) is
    // passed over, never read.
    const read = await readLessonText(file);
    const meta = 'text' in read ? readFrontMatter(read.text, file).meta : undefined;
    if (meta) lessons.push({ file, id: meta.id, preset: meta.preset, meta: { id: meta.id } });
  }
  const found = matchLessons(lessons, query);
  if (found.length !== 1 || matchLessons(lessons.filter((l) => l !== found[0]), query).length) return undefined;
  return { file: found[0].file, id: found[0].id, preset: found[0].preset };
}
