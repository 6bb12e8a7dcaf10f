// The class on disk: created, reopened after a restart, refused when the file is not
// one nslab wrote; tokens never on disk.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Roster, RosterError } from '../../src/serve/roster.js';
import { TOKEN_SHAPE, tokenHash } from '../../src/serve/tokens.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nslab-roster-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;
const classFile = () => join(dir, 'class.json');

/** The learner removed by hand from class.json, as an instructor freeing a seat would. */
function removeFromFile(id: string): void {
  const data = JSON.parse(readFileSync(classFile(), 'utf8'));
  data.learners = data.learners.filter((l: { id: string }) => l.id !== id);
  writeFileSync(classFile(), JSON.stringify(data));
}

describe('Roster.open on an empty folder', () => {
  it('creates class.json and instructor.token, both mode 600, and a class code', () => {
    const r = Roster.open(join(dir, 'state'));
    expect(mode(join(dir, 'state', 'class.json'))).toBe(0o600);
    expect(mode(join(dir, 'state', 'instructor.token'))).toBe(0o600);
    expect(mode(join(dir, 'state'))).toBe(0o700);
    expect(readFileSync(join(dir, 'state', 'instructor.token'), 'utf8')).toBe(`${r.instructorToken}\n`);
    expect(r.instructorToken).toMatch(TOKEN_SHAPE);
    expect(r.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(r.learners).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'state', 'class.json'), 'utf8'))).toMatchObject({ format: 'nslab-class', version: 1, code: r.code, learners: [] });
  });
});

describe('Roster.add and byToken', () => {
  it('gives each learner a token of their own and seats 0, 1, 2', () => {
    const r = Roster.open(dir);
    const added = ['Ada', 'Linus', 'Radia'].map((n) => r.add(n, '01-docker0'));
    expect(added.map((a) => a.record.seat)).toEqual([0, 1, 2]);
    expect(new Set(added.map((a) => a.token)).size).toBe(3);
    expect(new Set(added.map((a) => a.record.id)).size).toBe(3);
    for (const a of added) {
      expect(a.token).toMatch(TOKEN_SHAPE);
      expect(a.record.tokenHash).toBe(tokenHash(a.token));
      expect(a.record).toMatchObject({ lessonId: '01-docker0' });
    }
    expect(added.map((a) => a.record.name)).toEqual(['Ada', 'Linus', 'Radia']);
  });

  it('reuses a seat freed in the class file', () => {
    let r = Roster.open(dir);
    const [, linus] = ['Ada', 'Linus', 'Radia'].map((n) => r.add(n, 'x'));
    removeFromFile(linus.record.id);
    r = Roster.open(dir);
    expect(r.add('Vint', 'x').record.seat).toBe(1);
    expect(r.add('Grace', 'x').record.seat).toBe(3);
  });

  it('finds a learner by their token, not by its hash or their id', () => {
    const r = Roster.open(dir);
    const ada = r.add('Ada', 'x');
    const linus = r.add('Linus', 'x');
    expect(r.byToken(ada.token)?.name).toBe('Ada');
    expect(r.byToken(linus.token)?.name).toBe('Linus');
    expect(r.byToken(ada.record.tokenHash)).toBeUndefined();
    expect(r.byToken(ada.record.id)).toBeUndefined();
    expect(r.byToken('')).toBeUndefined();
    expect(r.byToken(r.instructorToken)).toBeUndefined();
  });

  it('never writes a token into class.json', () => {
    const r = Roster.open(dir);
    const tokens = [r.add('Ada', 'x').token, r.add('Linus', 'x').token, r.instructorToken];
    r.setLesson(r.learners[0].id, '02-veth-netns');
    const text = readFileSync(classFile(), 'utf8');
    for (const t of tokens) expect(text).not.toContain(t);
    expect(mode(classFile())).toBe(0o600);
  });
});

describe('Roster.open again (a restarted server)', () => {
  it('keeps the code, the learners, their lessons and the instructor token', () => {
    const first = Roster.open(dir);
    const ada = first.add('Ada', '01-docker0');
    first.setLesson(ada.record.id, '03-net-modes');
    const again = Roster.open(dir);
    expect(again.code).toBe(first.code);
    expect(again.instructorToken).toBe(first.instructorToken);
    expect(again.learners).toEqual(first.learners);
    expect(again.byToken(ada.token)).toMatchObject({ name: 'Ada', lessonId: '03-net-modes', seat: 0 });
  });

  it('makes a new instructor token when its file is gone, and keeps the class', () => {
    const first = Roster.open(dir);
    first.add('Ada', 'x');
    rmSync(join(dir, 'instructor.token'));
    const again = Roster.open(dir);
    expect(again.instructorToken).toMatch(TOKEN_SHAPE);
    expect(again.instructorToken).not.toBe(first.instructorToken);
    expect(again.learners).toHaveLength(1);
    expect(mode(join(dir, 'instructor.token'))).toBe(0o600);
  });
});

describe('Roster.open on a file it did not write', () => {
  const refuses = (text: string, message: RegExp) => {
    writeFileSync(classFile(), text);
    let err: unknown;
    try { Roster.open(dir); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RosterError);
    expect((err as Error).message).toMatch(message);
    // The file is left as it was: nothing of a new class is written over it.
    expect(readFileSync(classFile(), 'utf8')).toBe(text);
  };

  it('refuses corrupt JSON, saying to move it away or choose another folder', () => {
    refuses('{"format": "nslab-class", "lea', /not JSON\). Move it away to start a new class in .*, or give --state-dir another folder\./);
  });

  it('refuses JSON that is not a class file', () => {
    refuses('{"name": "my-app", "version": "1.0.0"}', /is not an nslab class file\. Move it away .* or give --state-dir another folder\./);
    refuses('null', /is not an nslab class file/);
    refuses('[]', /is not an nslab class file/);
    refuses('{"format": "nslab-class", "version": 1, "code": "ABCDEF", "learners": {}}', /is not an nslab class file/);
  });

  it('refuses a class file of a newer format, naming both formats', () => {
    refuses('{"format": "nslab-class", "version": 2, "code": "ABCDEF", "createdAt": "", "learners": []}', /another version of nslab \(class format 2\); this one reads format 1\. Serve this class with the nslab that wrote it, or give --state-dir another folder to start a new class\./);
  });
});
