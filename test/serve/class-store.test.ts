// The class on disk (class.db): created, reopened after a restart, events durable through
// SIGKILL, an older database migrated, a class.json imported once, and every file that is
// not a class nslab wrote refused with what to do; tokens never on disk.
import Database from 'libsql';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClassStore, RosterError } from '../../src/serve/class-store.js';
import { CLASS_APPLICATION_ID, SCHEMA_VERSION, pragma } from '../../src/serve/class-schema.js';
import { TOKEN_SHAPE, tokenHash } from '../../src/serve/tokens.js';

let dir: string;
const opened: ClassStore[] = [];
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nslab-class-store-')); });
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** ClassStore.open, closed after the test. */
function open(at = dir): ClassStore {
  const s = ClassStore.open(at);
  opened.push(s);
  return s;
}

const mode = (p: string) => statSync(p).mode & 0o777;
const dbFile = () => join(dir, 'class.db');
/** Every byte of the class database as it is on disk now (its WAL too). */
const dbBytes = () => ['class.db', 'class.db-wal'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');

describe('ClassStore.open on an empty folder', () => {
  it('creates class.db and instructor.token, both mode 600, in a mode 700 folder, with a class code', () => {
    const r = open(join(dir, 'state'));
    r.add('Ada', 'x');
    expect(mode(join(dir, 'state', 'class.db'))).toBe(0o600);
    expect(mode(join(dir, 'state', 'class.db-wal'))).toBe(0o600);
    expect(mode(join(dir, 'state', 'instructor.token'))).toBe(0o600);
    expect(mode(join(dir, 'state'))).toBe(0o700);
    expect(readFileSync(join(dir, 'state', 'instructor.token'), 'utf8')).toBe(`${r.instructorToken}\n`);
    expect(r.instructorToken).toMatch(TOKEN_SHAPE);
    expect(r.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['class.db', 'class.db-shm', 'class.db-wal', 'instructor.token']);
  });

  it('marks the database as nslab\'s, at the newest schema, in WAL mode with synchronous=NORMAL (durable across SIGKILL: the SIGKILL test below proves it)', () => {
    const r = open();
    expect(r.learners).toEqual([]);
    const db = r['db'];
    expect(pragma(db, 'application_id')).toBe(CLASS_APPLICATION_ID);
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION);
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(1);
    expect(pragma(db, 'foreign_keys')).toBe(1);
  });
});

describe('ClassStore.add and byToken', () => {
  it('gives each learner a token of their own and seats 0, 1, 2', () => {
    const r = open();
    const added = ['Ada', 'Linus', 'Radia'].map((n) => r.add(n, '01-docker0'));
    expect(added.map((a) => a.record.seat)).toEqual([0, 1, 2]);
    expect(new Set(added.map((a) => a.token)).size).toBe(3);
    expect(new Set(added.map((a) => a.record.id)).size).toBe(3);
    for (const a of added) {
      expect(a.token).toMatch(TOKEN_SHAPE);
      expect(a.record.tokenHash).toBe(tokenHash(a.token));
      expect(a.record).toMatchObject({ lessonId: '01-docker0' });
      expect(r.events(a.record.id).map((e) => [e.kind, e.data])).toEqual([['joined', { seat: a.record.seat, lessonId: '01-docker0' }]]);
    }
    expect(added.map((a) => a.record.name)).toEqual(['Ada', 'Linus', 'Radia']);
  });

  it('reuses the seat of a removed learner, whose link then stops working', () => {
    let r = open();
    const [, linus] = ['Ada', 'Linus', 'Radia'].map((n) => r.add(n, 'x'));
    expect(r.remove(linus.record.id)).toBe(true);
    expect(r.remove(linus.record.id)).toBe(false);
    expect(r.byToken(linus.token)).toBeUndefined();
    r = open();
    expect(r.learners.map((l) => l.name)).toEqual(['Ada', 'Radia']);
    expect(r.byToken(linus.token)).toBeUndefined();
    expect(r.add('Vint', 'x').record.seat).toBe(1);
    expect(r.add('Grace', 'x').record.seat).toBe(3);
    // Their events stay in the log.
    expect(r.events(linus.record.id).map((e) => e.kind)).toEqual(['joined']);
  });

  it('finds a learner by their token, not by its hash or their id', () => {
    const r = open();
    const ada = r.add('Ada', 'x');
    const linus = r.add('Linus', 'x');
    expect(r.byToken(ada.token)?.name).toBe('Ada');
    expect(r.byToken(linus.token)?.name).toBe('Linus');
    expect(r.byToken(ada.record.tokenHash)).toBeUndefined();
    expect(r.byToken(ada.record.id)).toBeUndefined();
    expect(r.byToken('')).toBeUndefined();
    expect(r.byToken(r.instructorToken)).toBeUndefined();
  });

  it('never writes a token into class.db (nor its WAL)', () => {
    const r = open();
    const tokens = [r.add('Ada', 'x').token, r.add('Linus', 'x').token, r.instructorToken];
    r.setLesson(r.learners[0].id, '02-veth-netns');
    const bytes = dbBytes();
    expect(bytes).toContain(tokenHash(tokens[0]));
    for (const t of tokens) expect(bytes).not.toContain(t);
  });
});

describe('ClassStore.open again (a restarted server)', () => {
  it('keeps the code, the learners, their lessons and the instructor token', () => {
    const first = open();
    const ada = first.add('Ada', '01-docker0');
    first.setLesson(ada.record.id, '03-net-modes');
    const again = open();
    expect(again.code).toBe(first.code);
    expect(again.instructorToken).toBe(first.instructorToken);
    expect(again.learners).toEqual(first.learners);
    expect(again.byToken(ada.token)).toMatchObject({ name: 'Ada', lessonId: '03-net-modes', seat: 0 });
  });

  it('makes a new instructor token when its file is gone, and keeps the class', () => {
    const first = open();
    first.add('Ada', 'x');
    rmSync(join(dir, 'instructor.token'));
    const again = open();
    expect(again.instructorToken).toMatch(TOKEN_SHAPE);
    expect(again.instructorToken).not.toBe(first.instructorToken);
    expect(again.learners).toHaveLength(1);
    expect(mode(join(dir, 'instructor.token'))).toBe(0o600);
  });
});

describe('appendEvent and events', () => {
  it('keeps each learner\'s events apart, in order, newest last, with their data and time', () => {
    const r = open();
    const ada = r.add('Ada', 'l1').record.id;
    const bo = r.add('Bo', 'l1').record.id;
    const a1 = r.appendEvent(ada, 'step-started', { lessonId: 'l1', number: 1 }, 1000);
    const b1 = r.appendEvent(bo, 'hint', { lessonId: 'l1', number: 1 }, 1500);
    const a2 = r.appendEvent(ada, 'error-seen', { line: 'RTNETLINK answers: File exists' }, 2000);
    expect(b1).toBeGreaterThan(a1);
    expect(a2).toBeGreaterThan(b1);
    expect(r.events(ada).slice(1)).toEqual([
      { id: a1, learnerId: ada, kind: 'step-started', data: { lessonId: 'l1', number: 1 }, at: 1000 },
      { id: a2, learnerId: ada, kind: 'error-seen', data: { line: 'RTNETLINK answers: File exists' }, at: 2000 },
    ]);
    expect(r.events(ada, 1).map((e) => e.id)).toEqual([a2]);
    expect(r.events(bo, 5).map((e) => e.kind)).toEqual(['joined', 'hint']);
    expect(open().events(ada).map((e) => e.id)).toEqual(r.events(ada).map((e) => e.id));
  });

  it('refuses an unknown kind and a learner the class does not have', () => {
    const r = open();
    const ada = r.add('Ada', 'l1').record.id;
    expect(() => r.appendEvent(ada, 'nope' as 'hint', {})).toThrow(/no event kind "nope"/);
    expect(() => r.appendEvent('0123456789', 'hint', {})).toThrow(/no learner "0123456789"/);
    expect(r.events('0123456789')).toEqual([]);
  });

  it('results: step reached, time per step and hints per step, from the log', () => {
    const r = open();
    const ada = r.add('Ada', 'l2').record.id;
    r.add('Bo', 'l1');
    r.appendEvent(ada, 'step-started', { lessonId: 'l1', number: 1 }, 1000);
    r.appendEvent(ada, 'hint', { lessonId: 'l1', number: 1 }, 1200);
    r.appendEvent(ada, 'step-passed', { lessonId: 'l1', number: 1 }, 4000);
    r.appendEvent(ada, 'step-started', { lessonId: 'l1', number: 2 }, 4000);
    expect(r.results()).toEqual([
      { id: ada, name: 'Ada', lessonId: 'l2', lessons: [{ lessonId: 'l1', stepReached: 2, steps: [{ number: 1, ms: 3000, hints: 1 }, { number: 2, ms: null, hints: 0 }] }] },
      { id: r.learners[1].id, name: 'Bo', lessonId: 'l1', lessons: [] },
    ]);
  });
});

/** The child appending events (test/fixtures/serve/append-events.mjs) runs on dist/. */
const DIST_STORE = join(import.meta.dirname, '..', '..', 'dist', 'serve', 'class-store.js');
const SRC_STORE = join(import.meta.dirname, '..', '..', 'src', 'serve', 'class-store.ts');
const distStale = !existsSync(DIST_STORE) ? 'dist/serve/class-store.js is missing' :
  statSync(DIST_STORE).mtimeMs < statSync(SRC_STORE).mtimeMs ? 'dist/serve/class-store.js is older than its source' : '';
if (distStale) console.log(`skipping the SIGKILL test: ${distStale} (npx tsc -p tsconfig.json builds it; npm test does)`);

/** Runs the appender until it has acknowledged `atLeast` events, then SIGKILLs it a
 * random moment later; the ids it printed, and its learner. */
function appendUntilKilled(atLeast: number): Promise<{ learner: string; acked: number[] }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'fixtures', 'serve', 'append-events.mjs'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (!armed && out.split('\n').length > atLeast + 2) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
      }
    });
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`the appender ended by itself (${code}): ${err}`));
      const lines = out.split('\n');
      lines.pop(); // the last line may be cut short
      const [head, ...ids] = lines;
      done({ learner: head.replace('learner ', ''), acked: ids.map(Number) });
    });
  });
}

describe.skipIf(distStale !== '')('SIGKILL while appending', () => {
  it('loses no acknowledged event, over several kills at random moments', async () => {
    let total = 0;
    for (let round = 0; round < 5; round++) {
      const { learner, acked } = await appendUntilKilled(1 + Math.floor(Math.random() * 300));
      expect(acked.length).toBeGreaterThan(0);
      const store = ClassStore.open(dir);
      const kept = new Set(store.events(learner).map((e) => e.id));
      store.close();
      const lost = acked.filter((id) => !kept.has(id));
      expect(lost, `round ${round}: acknowledged but not in class.db`).toEqual([]);
      total += acked.length;
    }
    expect(total).toBeGreaterThan(5);
  });
});

describe('migration', () => {
  /** A class database as schema version 1 left it, made with raw SQL as an older nslab
   * would have written it. */
  function writeV1(): void {
    const db = new Database(dbFile());
    db.exec(`
      CREATE TABLE nslab_class (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE learners (id TEXT PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, seat INTEGER NOT NULL, lesson_id TEXT NOT NULL, joined_at TEXT NOT NULL);
      CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, learner_id TEXT NOT NULL REFERENCES learners(id), at INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
      INSERT INTO nslab_class VALUES ('code', 'KLMN23'), ('created_at', '2026-01-01T00:00:00Z');
      INSERT INTO learners VALUES ('aaaaaaaaaa', 'Ada', '${tokenHash('a'.repeat(32))}', 0, 'l1', '2026-01-01T00:00:00Z');
      INSERT INTO events (learner_id, at, kind, data) VALUES ('aaaaaaaaaa', 5, 'step-started', '{"lessonId":"l1","number":1}');
      PRAGMA application_id = ${CLASS_APPLICATION_ID};
      PRAGMA user_version = 1;
    `);
    db.close();
  }

  it('opens a version 1 database and brings it to version 2: the index, and removing a learner', () => {
    writeV1();
    const r = open();
    expect(pragma(r['db'], 'user_version')).toBe(2);
    expect(r.code).toBe('KLMN23');
    expect(r.byToken('a'.repeat(32))?.name).toBe('Ada');
    expect(r.events('aaaaaaaaaa').map((e) => e.data)).toEqual([{ lessonId: 'l1', number: 1 }]);
    const indexes = r['db'].prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as { name: string }[];
    expect(indexes.map((i) => i.name)).toContain('events_by_learner');
    expect(r.remove('aaaaaaaaaa')).toBe(true);
    expect(open().learners).toEqual([]);
  });

  it('refuses a database of a newer version, naming both versions, and leaves it as it was', () => {
    writeV1();
    const db = new Database(dbFile());
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(dbFile());
    expect(() => ClassStore.open(dir)).toThrow(new RegExp(`written by a newer nslab \\(class database version ${SCHEMA_VERSION + 1}\\); this one reads up to version ${SCHEMA_VERSION}\\. Serve this class with the nslab that wrote it, or give --state-dir another folder`));
    expect(readFileSync(dbFile()).equals(before)).toBe(true);
  });
});

describe('ClassStore.open on a class.db it did not write', () => {
  const refuses = (bytes: Buffer | string, message: RegExp) => {
    writeFileSync(dbFile(), bytes);
    let err: unknown;
    try { ClassStore.open(dir); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RosterError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Move it away to start a new class in .*, or give --state-dir another folder\.$/);
    // The file is left as it was: nothing of a new class is written over it.
    expect(readFileSync(dbFile()).equals(Buffer.from(bytes))).toBe(true);
    expect(existsSync(join(dir, 'instructor.token'))).toBe(false);
  };

  it('refuses random bytes, a text file and an empty file', () => {
    refuses(randomBytes(8192), /class\.db is not a class database nslab can read \(not an SQLite database\)/);
    refuses('{"format": "nslab-class", "learners": []}\n', /not an SQLite database/);
    refuses('', /class\.db is empty, not a class nslab wrote/);
  });

  it('refuses a class database cut short', () => {
    const r = ClassStore.open(join(dir, 'whole'));
    for (let i = 0; i < 40; i++) r.add(`learner ${i}`, 'x'.repeat(200));
    r.close();
    const whole = readFileSync(join(dir, 'whole', 'class.db'));
    expect(whole.length).toBeGreaterThan(3 * 4096);
    for (const cut of [50, 4096, whole.length - 4096]) refuses(whole.subarray(0, cut), /class\.db is (damaged|not a class database)/);
  });

  it('refuses another program\'s SQLite database, unmarked or marked by someone else', () => {
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE learners (id TEXT); INSERT INTO learners VALUES (\'x\')');
    db.close();
    refuses(readFileSync(other), /class\.db is an SQLite database, but not an nslab class \(it has no nslab mark\)/);
    const marked = new Database(other);
    marked.exec(`PRAGMA application_id = ${CLASS_APPLICATION_ID}`);
    marked.close();
    refuses(readFileSync(other), /class\.db is damaged \(it is marked as nslab.s but has no class in it\)/);
  });
});

describe('a class.json from the first servers', () => {
  const learner = { id: 'bbbbbbbbbb', name: 'Bo', tokenHash: tokenHash('b'.repeat(32)), seat: 2, lessonId: '02-veth-netns', joinedAt: '2026-01-01T00:00:00Z' };
  const classJson = () => join(dir, 'class.json');

  it('is imported once (code, learners, their tokens\' hashes), then renamed class.json.imported; the instructor keeps their link', () => {
    writeFileSync(classJson(), JSON.stringify({ format: 'nslab-class', version: 1, code: 'PQRS45', createdAt: '2026-01-01T00:00:00Z', learners: [learner] }));
    writeFileSync(join(dir, 'instructor.token'), `${'i'.repeat(32)}\n`, { mode: 0o600 });
    const r = open();
    expect(r.code).toBe('PQRS45');
    expect(r.instructorToken).toBe('i'.repeat(32));
    expect(r.learners).toEqual([learner]);
    expect(r.byToken('b'.repeat(32))?.seat).toBe(2);
    expect(existsSync(classJson())).toBe(false);
    expect(existsSync(`${classJson()}.imported`)).toBe(true);
    // A class.json put back later is not imported again over the class.
    writeFileSync(classJson(), JSON.stringify({ format: 'nslab-class', version: 1, code: 'ZZZZZZ', createdAt: '', learners: [] }));
    const again = open();
    expect(again.code).toBe('PQRS45');
    expect(again.learners).toEqual([learner]);
  });

  const refuses = (text: string, message: RegExp) => {
    writeFileSync(classJson(), text);
    let err: unknown;
    try { ClassStore.open(dir); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RosterError);
    expect((err as Error).message).toMatch(message);
    expect(readFileSync(classJson(), 'utf8')).toBe(text);
    expect(existsSync(dbFile())).toBe(false);
  };

  it('refuses corrupt JSON, saying to move it away or choose another folder, and makes no class.db', () => {
    refuses('{"format": "nslab-class", "lea', /not JSON\). Move it away to start a new class in .*, or give --state-dir another folder\./);
  });

  it('refuses JSON that is not a class file', () => {
    refuses('{"name": "my-app", "version": "1.0.0"}', /is not an nslab class file\. Move it away .* or give --state-dir another folder\./);
    refuses('null', /is not an nslab class file/);
    refuses('[]', /is not an nslab class file/);
    refuses('{"format": "nslab-class", "version": 1, "code": "ABCDEF", "learners": {}}', /is not an nslab class file/);
    refuses('{"format": "nslab-class", "version": 1, "code": "ABCDEF", "learners": [{"id": 5}]}', /is not an nslab class file/);
  });

  it('refuses a class file of a newer format, naming both formats', () => {
    refuses('{"format": "nslab-class", "version": 2, "code": "ABCDEF", "createdAt": "", "learners": []}', /another version of nslab \(class format 2\); this one reads format 1\. Serve this class with the nslab that wrote it, or give --state-dir another folder to start a new class\./);
  });
});
