// `nslab lint` end to end through the built CLI, and loadLessons/findLesson. The fuzz cases
// prove that no input makes lint print a stack trace.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLesson, loadLessons, matchLessons, type Lesson } from '../../src/lesson/index.js';
import { UserError } from '../../src/errors.js';
import { ROOT } from '../helpers/lab.js';

const FIX = join(ROOT, 'test', 'fixtures', 'lessons');
const CLI = join(ROOT, 'dist', 'cli.js');

function lint(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function noStackTrace(text: string) {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/unexpected error/);
}

describe('nslab lint', () => {
  it('passes the shipped lessons, one summary line each', () => {
    const r = lint([]);
    expect(r.err).toBe('');
    expect(r.out).toContain('ok   lessons/00-first-steps.md: 00-first-steps "First steps: a namespace and a veth pair": 5 steps, 11 checks, 1 question, preset bare\n');
    expect(r.code).toBe(0);
  });

  it('the complete example in lessons/README.md is a valid lesson', async () => {
    const readme = readFileSync(join(ROOT, 'lessons', 'README.md'), 'utf8');
    const start = readme.indexOf('````markdown\n') + '````markdown\n'.length;
    const example = readme.slice(start, readme.indexOf('````\n', start));
    const { parseLesson } = await import('../../src/lesson/index.js');
    const r = parseLesson(example, 'lessons/03-veth.md');
    expect(r.errors).toEqual([]);
    expect(r.lesson?.steps.map((s) => s.title)).toEqual(['Create the pair', 'Find the other end']);
  });

  it('passes valid lessons, checking next against the lessons beside them', () => {
    const r = lint([join('test/fixtures/lessons/valid/01-wiring.md')]);
    expect(r.out).toBe('ok   test/fixtures/lessons/valid/01-wiring.md: 01-wiring "Wiring a container by hand": 2 steps, 3 checks, 1 question, preset docker-host\n');
    expect(r.code).toBe(0);
  });

  it('reports file:line: message for every problem and exits 1', () => {
    const r = lint(['test/fixtures/lessons/broken/10-front-matter.md', 'test/fixtures/lessons/broken/12-truncated.md', 'test/fixtures/lessons/valid/02-next.md']);
    expect(r.out.split('\n')).toEqual([
      'ok   test/fixtures/lessons/valid/02-next.md: 02-next "Next": 1 step, 1 check, preset bare',
      'test/fixtures/lessons/broken/10-front-matter.md:1: front matter is missing "summary"',
      'test/fixtures/lessons/broken/10-front-matter.md:4: unknown front-matter key "sumary" (known keys: id, title, summary, source, preset, setup, next)',
      'test/fixtures/lessons/broken/10-front-matter.md:5: front matter "source": source must name at least one document',
      'test/fixtures/lessons/broken/10-front-matter.md:6: front matter "preset": preset must be one of bare, docker-host, two-hosts',
      'test/fixtures/lessons/broken/10-front-matter.md:7: front matter "next": next must be a lesson id, like 02-veth',
      'test/fixtures/lessons/broken/12-truncated.md:1: the front matter is not closed: add a line --- after it',
      '6 problems in 2 files',
      '',
    ]);
    expect(r.code).toBe(1);
  });

  describe('fuzz: never a stack trace', () => {
    let dir: string;
    let unterminatedLine = 0;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'nslab-lint-'));
      const valid = readFileSync(join(FIX, 'valid', '01-wiring.md'), 'utf8');
      writeFileSync(join(dir, '20-random.md'), randomBytes(4096));
      writeFileSync(join(dir, '21-huge.md'), valid + 'x'.repeat(10 * 1024 * 1024));
      writeFileSync(join(dir, '22-latin1.md'), Buffer.from('---\nid: 22-latin1\ntitle: caf\xe9\n---\n', 'latin1'));
      writeFileSync(join(dir, '23-cut.md'), valid.slice(0, valid.indexOf('preset:') + 3));
      writeFileSync(join(dir, '24-unterminated.md'), valid.replace('id: 01-wiring', 'id: 24-unterminated').replace('next: 02-next\n', '') + '\n## Extra\n\n```sh\nip a\n');
      unterminatedLine = valid.split('\n').length + 2; // one line less (next:), then "## Extra", a blank, the fence
      writeFileSync(join(dir, '25-keys.md'), valid.replace('preset: docker-host', 'preset: docker-host\nauthor: me\nsteps: 3'));
      writeFileSync(join(dir, '26-checks.md'), valid.replace('not link B in host', 'not link B in\nroute via\nnat dnat 70000 to x'));
      writeFileSync(join(dir, '27-empty.md'), '');
      writeFileSync(join(dir, '28-yaml-list.md'), '---\n- a\n- b\n---\n');
      mkdirSync(join(dir, '29-dir.md'));
    });

    it('each bad file gets a clear line', () => {
      const names = ['20-random', '21-huge', '22-latin1', '23-cut', '24-unterminated', '25-keys', '26-checks', '27-empty', '28-yaml-list', '29-dir', '30-missing'];
      const r = lint(names.map((n) => join(dir, `${n}.md`)), dir);
      noStackTrace(r.out + r.err);
      expect(r.code).toBe(1);
      const lines = r.out.split('\n');
      const first = (n: string) => lines.find((l) => l.startsWith(`${n}.md:`));
      expect(first('20-random')).toMatch(/^20-random\.md:\d+: (this is a binary file, not a markdown lesson \(it contains NUL bytes\)|the file is not valid UTF-8 text: save it as UTF-8)$/);
      expect(first('21-huge')).toBe('21-huge.md:1: the file is 10.0 MB; a lesson is a few KB of markdown (limit 1 MB): is this the right file?');
      expect(first('22-latin1')).toBe('22-latin1.md:3: the file is not valid UTF-8 text: save it as UTF-8');
      expect(first('23-cut')).toBe('23-cut.md:1: the front matter is not closed: add a line --- after it');
      expect(lines).toContain(`24-unterminated.md:${unterminatedLine}: this \`\`\`sh block is never closed: add a line \`\`\` after it`);
      expect(lines).toContain('25-keys.md:8: unknown front-matter key "author" (known keys: id, title, summary, source, preset, setup, next)');
      expect(lines).toContain('25-keys.md:9: unknown front-matter key "steps" (known keys: id, title, summary, source, preset, setup, next)');
      expect(lines).toContain('26-checks.md:65: check: "link" check is missing a namespace after "in"');
      expect(lines).toContain('26-checks.md:66: check: "via" is not a route destination: write default, a prefix (10.0.0.0/24) or an address');
      expect(lines).toContain('26-checks.md:67: check: "70000" is not a port number (1-65535)');
      expect(first('27-empty')).toBe('27-empty.md:1: a lesson starts with YAML front matter between two --- lines (see lessons/README.md)');
      expect(first('28-yaml-list')).toBe('28-yaml-list.md:1: front matter must be keys and values (id, title, summary, source, preset)');
      expect(first('29-dir')).toBe('29-dir.md:1: not a file (give lesson .md files, or no argument for lessons/*.md)');
      expect(first('30-missing')).toBe('30-missing.md:1: cannot read it: no such file');
    });
  });
});

describe('loadLessons and findLesson', () => {
  it('loads the good lessons of a directory and reports the bad ones', async () => {
    const { lessons, errors } = await loadLessons(join(FIX, 'valid'));
    expect(lessons.map((l) => l.meta.id)).toEqual(['01-wiring', '02-next']);
    expect(errors).toEqual([]);
    const broken = await loadLessons(join(FIX, 'broken'));
    expect(broken.lessons).toEqual([]);
    expect(new Set(broken.errors.map((e) => e.file.split('/').pop()))).toEqual(new Set(['10-front-matter.md', '11-steps.md', '12-truncated.md']));
  });

  it('a missing directory is an error', async () => {
    expect(await loadLessons('/nonexistent/lessons')).toEqual({ lessons: [], errors: [{ file: '/nonexistent/lessons', line: 1, message: 'no such lessons directory' }] });
  });

  it('next must name a lesson of the directory; ids must be unique', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-next-'));
    copyFileSync(join(FIX, 'valid', '01-wiring.md'), join(dir, '01-wiring.md'));
    const { lessons, errors } = await loadLessons(dir);
    expect(lessons).toHaveLength(1);
    expect(errors).toEqual([{ file: join(dir, '01-wiring.md'), line: 2, message: 'next: there is no lesson "02-next" (lessons: 01-wiring)' }]);
  });

  describe('findLesson by what a learner types', () => {
    let lessons: Lesson[];
    beforeAll(async () => {
      lessons = (await loadLessons(join(FIX, 'valid'))).lessons;
    });
    it.each([['1', '01-wiring'], ['01', '01-wiring'], ['01-wiring', '01-wiring'], ['wiring', '01-wiring'], ['wir', '01-wiring'], ['2', '02-next'], ['02-n', '02-next'], [' NEXT ', '02-next']])('%j → %s', (q, id) => {
      expect(findLesson(lessons, q).meta.id).toBe(id);
    });
    it('no match or several: a UserError naming the choices', () => {
      expect(() => findLesson(lessons, '7')).toThrow(new UserError('no lesson "7": give a number or an id (lessons: 01-wiring, 02-next); `nslab list` shows them'));
      const two = [{ ...lessons[0], meta: { ...lessons[0].meta, id: '03-net-a' } }, { ...lessons[0], meta: { ...lessons[0].meta, id: '04-net-b' } }];
      expect(() => findLesson(two, 'net')).toThrow(new UserError('"net" could mean 03-net-a or 04-net-b: type more of the id'));
      expect(findLesson(two, 'net-b').meta.id).toBe('04-net-b');
      expect(matchLessons(lessons, '')).toEqual([]);
    });
  });
});
