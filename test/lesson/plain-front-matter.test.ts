// Front matter of the plainest kind is read without `yaml` (src/lesson/front-matter.ts says
// why): for every lesson nslab has, in both languages, the plain reading is the one taken
// and gives exactly what `yaml` gives; anything less plain goes to `yaml`; and loading
// every lesson does not load `yaml` at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonLines, parseFrontMatter, parseFrontMatterWithYaml, plainFrontMatter, splitFrontMatter, type SplitLesson } from '../../src/lesson/front-matter.js';
import { ROOT, runProcess } from '../helpers/lab.js';

const lessonFiles = ['lessons', join('lessons', 'zh-CN')].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => /^\d{2}-.*\.md$/.test(f)).map((f) => join(ROOT, d, f)));

describe('plain front matter', () => {
  it('is every lesson\'s, read exactly as yaml reads it', () => {
    expect(lessonFiles.length).toBeGreaterThanOrEqual(18);
    for (const file of lessonFiles) {
      const split = splitFrontMatter(lessonLines(readFileSync(file, 'utf8')), file) as SplitLesson;
      expect(plainFrontMatter(split.yaml), file).toBeDefined();
      expect(parseFrontMatter(split, file), file).toEqual(parseFrontMatterWithYaml(split, file));
    }
  });

  it('leaves to yaml whatever it gives a meaning to', () => {
    const notPlain = [
      'title: "a \\" b"', 'title: "a\\nb"', "title: 'it''s'", 'id: 01', 'id: 1e3', 'id: 0x1f', 'id: .inf', 'id: null', 'id: ~', 'id: true', 'id: no',
      'title: a: b', 'title: a #comment', 'title: [a, b', 'source: [a,b]', 'source: [a, [b]]', 'title: &a x', 'title: *a', 'title: !tag x',
      'title: - x', 'title: |', 'title:', '  title: x', 'title : x', 'id: x\nid: y', 'title: x\r', 'title:\tx', 'setup:\n  - ls',
    ];
    for (const text of notPlain) expect(plainFrontMatter(text), JSON.stringify(text)).toBeUndefined();
    expect(plainFrontMatter('id: 01-x\ntitle: docker0 and the bridge\nsource: [a.txt, b.txt]\n\npreset: bare')).toEqual({ id: '01-x', title: 'docker0 and the bridge', source: ['a.txt', 'b.txt'], preset: 'bare' });
    expect(plainFrontMatter('title: "First steps: a #1 pair"\nsummary: \'x: y\'')).toEqual({ title: 'First steps: a #1 pair', summary: 'x: y' });
  });

  it('loading every lesson leaves yaml unloaded', async () => {
    const script = `import(${JSON.stringify(join(ROOT, 'dist', 'lesson', 'load.js'))}).then(async (m) => {
      const { lessons, errors } = await m.loadLessons(undefined, 'en');
      const yaml = Object.keys(require('node:module')._cache).filter((k) => k.includes('/node_modules/yaml/'));
      console.log(lessons.length, errors.length, yaml.length);
    })`;
    const r = await runProcess([process.execPath, '-e', script]);
    expect(r.stdout.trim()).toMatch(/^[1-9]\d* 0 0$/);
  });
});
