// What the lessons and the READMEs say about the lessons themselves must stay true: how
// many there are, and which documents they follow (a user has no shared/seeds/ folder).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lab.js';

const LESSONS_DIR = join(ROOT, 'lessons');
const lessonFiles = readdirSync(LESSONS_DIR).filter((f) => /^\d.*\.md$/.test(f)).sort();
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

describe('lesson texts', () => {
  it('a lesson that counts "the N lessons" counts them all', () => {
    const claims = lessonFiles.flatMap((f) => [...read('lessons', f).matchAll(/\bthe (\w+) lessons\b/gi)].map((m) => ({ f, word: m[1].toLowerCase() })));
    for (const c of claims) {
      const n = NUMBER_WORDS.indexOf(c.word);
      if (n < 0 && !/^\d+$/.test(c.word)) continue; // "the earlier lessons"
      expect({ file: c.f, says: n < 0 ? Number(c.word) : n }).toEqual({ file: c.f, says: lessonFiles.length });
    }
  });

  it('the READMEs point to no shared/seeds/ folder, and name every source document a lesson follows', () => {
    const readme = read('README.md');
    expect(readme).not.toMatch(/shared\/seeds/);
    expect(read('lessons', 'README.md')).not.toMatch(/shared\/seeds/);
    const sources = new Set(lessonFiles.flatMap((f) => {
      const m = /^source:\s*\[?([^\]\n]+)\]?/m.exec(read('lessons', f));
      return m ? m[1].split(',').map((s) => s.trim()) : [];
    }));
    expect(sources.size).toBeGreaterThan(0);
    for (const file of sources) {
      // A row of the source documents' table: the file's number, then its title in 《…》 or
      // a description, then where it comes from.
      const row = new RegExp(`^\\| ${file.slice(0, 3)} \\| [^|]{10,} \\| [^|]{10,} \\|$`, 'm');
      expect({ file, listed: row.test(readme) }).toEqual({ file, listed: true });
    }
  });
});
