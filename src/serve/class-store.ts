// The class, kept in an embedded SQLite database (class.db in the server's state
// directory) so that a restarted server, even after SIGKILL, knows everyone again and
// every event a learner's page was told about is still there. It holds the class code,
// the roster (each learner's id, name, seat, lesson and the SHA-256 of their token, never
// the token) and a log of each learner's events (schema: class-schema.ts). Each learner's
// progress stays their own progress store under learners/ID, written by the shell the
// server runs for them as `nslab start` writes its own.
//
// Why libsql and not sql.js: sql.js is SQLite compiled to WebAssembly working on an
// in-memory copy of the file, so durability would mean writing the whole database back out
// (and fsyncing it) after every event; libsql's Node package is SQLite itself (prebuilt
// binaries as optional dependencies, no build and no install script), writing through
// SQLite's own journal: an append is one small WAL frame, written before appendEvent
// returns. Written, not fsynced (synchronous=NORMAL): the frame is then the kernel's, so
// killing the server (SIGKILL included) loses none of it; only the machine losing power
// could lose the last ones, and each learner's completed steps are in their own progress
// file as well (fsynced by their lab). An fsync per event held the server's one thread
// for milliseconds each time, and with a class typing, every learner's echo behind it.
//
// The instructor's token stays in instructor.token (mode 600), not in the database: the
// instructor's link must be printable after a restart, so the token is kept in the clear
// somewhere, and keeping it out of class.db means the database holds no secret at all
// (only hashes): it can be copied off for the results, or attached to a bug report,
// without handing over the class.
import Database from 'libsql';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_KINDS, learnerResult, type ClassEvent, type EventKind, type LearnerResult } from './class-results.js';
import { MARK_TABLE, CLASS_APPLICATION_ID, SCHEMA_VERSION, createSchemaV1, migrate, pragma } from './class-schema.js';
import { RosterError, readClassFile, type ClassFile, type LearnerRecord } from './roster.js';
import { newClassCode, newToken, tokenHash } from './tokens.js';
import { serveCliText } from '../i18n/serve-cli-text.js';

export { RosterError, type LearnerRecord } from './roster.js';
import { writeAtomically } from './atomic-file.js';
export { exportCsv, exportJson, type ClassEvent, type EventKind, type LearnerResult } from './class-results.js';

type DB = InstanceType<typeof Database>;

const fsyncPath = (path: string): void => {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
};

const t = serveCliText();
const moveAway = (dir: string) => t.moveAway(dir);

/** A new class.db, made whole under another name and renamed into place, so that a
 * class.db is never half made: an empty or unmarked one is never nslab's. */
function createClassDb(file: string, imported: ClassFile | undefined): void {
  const tmp = `${file}.${process.pid}.new`;
  for (const f of [tmp, `${tmp}-journal`]) rmSync(f, { force: true });
  // Made with mode 600 before SQLite opens it: SQLite gives its WAL the main file's mode.
  closeSync(openSync(tmp, 'w', 0o600));
  const db = new Database(tmp);
  try {
    db.exec('PRAGMA synchronous = FULL');
    createSchemaV1(db);
    migrate(db, 1);
    const meta = db.prepare(`INSERT INTO ${MARK_TABLE} (key, value) VALUES (?, ?)`);
    const learner = db.prepare('INSERT INTO learners (id, name, token_hash, seat, lesson_id, joined_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      meta.run('code', imported?.code ?? newClassCode());
      meta.run('created_at', imported?.createdAt ?? new Date().toISOString());
      if (imported) meta.run('imported_from', 'class.json');
      for (const l of imported?.learners ?? []) learner.run(l.id, l.name, l.tokenHash, l.seat, l.lessonId, l.joinedAt ?? '');
    })();
  } finally {
    db.close();
  }
  fsyncPath(tmp);
  renameSync(tmp, file);
  fsyncPath(join(file, '..'));
}

/** class.db opened, checked to be a class nslab wrote, and brought to this version; or a
 * RosterError saying what is wrong with it and what to do. Nothing is written to a file
 * that fails a check. */
function openClassDb(file: string, dir: string): DB {
  if (statSync(file).size === 0) throw new RosterError(`${t.classEmpty(file)} ${moveAway(dir)}`);
  let db: DB | undefined;
  try {
    db = new Database(file);
    // Reading the schema first: a file that is no database, or a damaged one, throws here
    // (its header's pragmas may just read as nothing).
    const hasMark = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().some((t) => (t as { name: string }).name === MARK_TABLE);
    if (pragma(db, 'application_id') !== CLASS_APPLICATION_ID) throw new RosterError(`${t.notAClass(file)} ${moveAway(dir)}`);
    if (!hasMark) throw new RosterError(`${t.markedButEmpty(file)} ${moveAway(dir)}`);
    const version = Number(pragma(db, 'user_version'));
    if (version > SCHEMA_VERSION) throw new RosterError(t.newerClass(file, version, SCHEMA_VERSION));
    const check = pragma(db, 'quick_check');
    if (check !== 'ok') throw new RosterError(`${t.classDamaged(file, t.sqliteCheck(String(check).slice(0, 200)))} ${moveAway(dir)}`);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
    migrate(db, version);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof RosterError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new RosterError(`${t.notSqlite(file)} ${moveAway(dir)}`);
    if (code.startsWith('SQLITE_CORRUPT')) throw new RosterError(`${t.classDamaged(file, (e as Error).message)} ${moveAway(dir)}`);
    throw new RosterError(t.cannotOpen(file, (e as Error).message));
  }
}

function readInstructorToken(file: string, fresh: boolean): string {
  if (!fresh) {
    try {
      const token = readFileSync(file, 'utf8').trim();
      if (token) return token;
    } catch { /* a new one below */ }
  }
  const token = newToken();
  writeAtomically(file, token + '\n', 0o600);
  return token;
}

interface LearnerRow { id: string; name: string; token_hash: string; seat: number; lesson_id: string; joined_at: string }
interface EventRow { id: number; learner_id: string; at: number; kind: EventKind; data: string }

const toEvent = (r: EventRow): ClassEvent => ({ id: r.id, learnerId: r.learner_id, kind: r.kind, data: JSON.parse(r.data), at: r.at });

export class ClassStore {
  private readonly records: LearnerRecord[];
  private readonly insertEvent;
  private readonly selectEvents;

  private constructor(readonly dir: string, private readonly db: DB, readonly code: string, readonly instructorToken: string) {
    this.records = (db.prepare('SELECT id, name, token_hash, seat, lesson_id, joined_at FROM learners WHERE removed_at IS NULL ORDER BY rowid').all() as LearnerRow[])
      .map((r) => ({ id: r.id, name: r.name, tokenHash: r.token_hash, seat: r.seat, lessonId: r.lesson_id, joinedAt: r.joined_at }));
    this.insertEvent = db.prepare('INSERT INTO events (learner_id, at, kind, data) VALUES (?, ?, ?, ?)');
    this.selectEvents = db.prepare('SELECT id, learner_id, at, kind, data FROM events WHERE learner_id = ? ORDER BY id DESC LIMIT ?');
  }

  /** The class in `dir`, or a new one there (imported from a class.json an older nslab
   * left, if there is one). A file that is not a class nslab wrote stops the server with
   * what to do, rather than starting an empty class over it. */
  static open(dir: string): ClassStore {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'class.db');
    const legacy = join(dir, 'class.json');
    const fresh = !existsSync(file);
    const imported = fresh && existsSync(legacy) ? readClassFile(legacy, dir) : undefined;
    if (fresh) createClassDb(file, imported);
    const db = openClassDb(file, dir);
    const meta = new Map((db.prepare(`SELECT key, value FROM ${MARK_TABLE}`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const code = meta.get('code');
    if (!code) {
      db.close();
      throw new RosterError(`${t.noClassCode(file)} ${moveAway(dir)}`);
    }
    // Also when a crash came between making class.db and this rename: it is done now.
    if (meta.get('imported_from') === 'class.json' && existsSync(legacy)) renameSync(legacy, `${legacy}.imported`);
    const token = readInstructorToken(join(dir, 'instructor.token'), fresh && !imported);
    return new ClassStore(dir, db, code, token);
  }

  get learners(): readonly LearnerRecord[] { return this.records; }

  byToken(token: string): LearnerRecord | undefined {
    const h = tokenHash(token);
    return this.records.find((l) => l.tokenHash === h);
  }

  /** Adds a learner (and their 'joined' event); returns the record and the token for
   * their link (kept nowhere else). */
  add(name: string, lessonId: string): { record: LearnerRecord; token: string } {
    const token = newToken();
    const seats = new Set(this.records.map((l) => l.seat));
    let seat = 0;
    while (seats.has(seat)) seat++;
    const hash = tokenHash(token);
    const record: LearnerRecord = { id: hash.slice(0, 10), name, tokenHash: hash, seat, lessonId, joinedAt: new Date().toISOString() };
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO learners (id, name, token_hash, seat, lesson_id, joined_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(record.id, name, hash, seat, lessonId, record.joinedAt);
      this.insertEvent.run(record.id, Date.now(), 'joined', JSON.stringify({ seat, lessonId }));
    })();
    this.records.push(record);
    return { record, token };
  }

  setLesson(id: string, lessonId: string): void {
    const r = this.records.find((l) => l.id === id);
    if (!r || r.lessonId === lessonId) return;
    this.db.prepare('UPDATE learners SET lesson_id = ? WHERE id = ?').run(lessonId, id);
    r.lessonId = lessonId;
  }

  /** The instructor frees a learner's seat: their link stops working; their events stay,
   * in the log, but they leave the roster and the results. */
  remove(id: string): boolean {
    const i = this.records.findIndex((l) => l.id === id);
    if (i < 0) return false;
    this.db.prepare('UPDATE learners SET removed_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    this.records.splice(i, 1);
    return true;
  }

  learnerDir(id: string): string {
    return join(this.dir, 'learners', id);
  }

  /** Logs an event of a learner's; on disk (fsynced) when this returns. Returns its id,
   * which grows with each event. */
  appendEvent(learnerId: string, kind: EventKind, data: object, at = Date.now()): number {
    if (!EVENT_KINDS.includes(kind)) throw new TypeError(`appendEvent: no event kind "${kind}" (kinds: ${EVENT_KINDS.join(', ')})`);
    try {
      return Number(this.insertEvent.run(learnerId, at, kind, JSON.stringify(data)).lastInsertRowid);
    } catch (e) {
      if (String((e as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw new RangeError(`appendEvent: no learner "${learnerId}" in this class`);
      throw e;
    }
  }

  /** A learner's events, oldest first: all of them, or the last `limit`. */
  events(learnerId: string, limit?: number): ClassEvent[] {
    return (this.selectEvents.all(learnerId, limit ?? -1) as EventRow[]).reverse().map(toEvent);
  }

  /** Each learner's lessons: step reached, time per step, hints per step. */
  results(): LearnerResult[] {
    const steps = this.db.prepare("SELECT id, learner_id, at, kind, data FROM events WHERE learner_id = ? AND kind IN ('step-started', 'step-passed', 'hint') ORDER BY id");
    return this.records.map((r) => learnerResult({ id: r.id, name: r.name, lessonId: r.lessonId }, (steps.all(r.id) as EventRow[]).map(toEvent)));
  }

  close(): void {
    this.db.close();
  }
}
