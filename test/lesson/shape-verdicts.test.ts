// The front matter and the progress file were once checked with zod; they are now checked
// by hand (zod took 45 ms to load). test/fixtures/shape/zod-verdicts.json holds what the
// zod version said of 40 front matters and 28 progress files, captured from it: every
// error message, line and value must stay the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter, splitFrontMatter } from '../../src/lesson/front-matter.js';
import { classifyProgressText } from '../../src/progress/schema.js';

interface Verdicts {
  frontMatter: { input: string; output: unknown }[];
  progress: { input: string; output: unknown }[];
}
const verdicts = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'shape', 'zod-verdicts.json'), 'utf8')) as Verdicts;

describe('checking by hand says what zod said', () => {
  it.each(verdicts.frontMatter.map((c, i) => ({ ...c, n: i + 1 })))('front matter #$n', ({ input, output }) => {
    const split = splitFrontMatter(['---', ...input.split('\n'), '---', '# body'], 'f.md');
    if ('message' in split) throw new Error(split.message);
    expect(JSON.parse(JSON.stringify(parseFrontMatter(split, 'f.md')))).toEqual(output);
  });

  it.each(verdicts.progress.map((c, i) => ({ ...c, n: i + 1 })))('progress file #$n', ({ input, output }) => {
    expect(JSON.parse(JSON.stringify(classifyProgressText(input)))).toEqual(output);
  });
});
