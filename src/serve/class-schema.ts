// The class database's tables, by version (PRAGMA user_version), and the steps from each
// version to the next, so a server opens a file an older nslab wrote and brings it up to
// date in one transaction. A new class is made by the same path: version 1, then every
// migration, so the migrations are run whenever any class is created, not only on upgrade.
import type Database from 'libsql';

/** PRAGMA application_id of every class database: "nslb". A SQLite file without it is
 * some other program's, and is never written to. */
export const CLASS_APPLICATION_ID = 0x6e736c62;

/** The table that marks the file as a class, and holds its code and creation time. */
export const MARK_TABLE = 'nslab_class';

const V1 = `
  CREATE TABLE ${MARK_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE learners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    seat INTEGER NOT NULL,
    lesson_id TEXT NOT NULL,
    joined_at TEXT NOT NULL
  );
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner_id TEXT NOT NULL REFERENCES learners(id),
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL
  );
`;

/** MIGRATIONS[n] takes a version n-1 database to version n. */
const MIGRATIONS: Record<number, string> = {
  // The instructor may free a learner's seat (their events stay for the results), and a
  // learner's events are read by learner, newest first, without a scan of the whole log.
  2: `
    ALTER TABLE learners ADD COLUMN removed_at TEXT;
    CREATE INDEX events_by_learner ON events (learner_id, id);
  `,
};

export const SCHEMA_VERSION = Math.max(1, ...Object.keys(MIGRATIONS).map(Number));

type DB = InstanceType<typeof Database>;

export function pragma(db: DB, name: string): unknown {
  return (db.prepare(`PRAGMA ${name}`).all()[0] as Record<string, unknown> | undefined)?.[name];
}

/** Version 1's tables, marked as nslab's, in an empty database. */
export function createSchemaV1(db: DB): void {
  db.transaction(() => {
    db.exec(V1);
    db.exec(`PRAGMA application_id = ${CLASS_APPLICATION_ID}; PRAGMA user_version = 1`);
  })();
}

/** Brings a database of version `from` to SCHEMA_VERSION, one transaction a step: a
 * failure leaves it at the last version it fully reached. */
export function migrate(db: DB, from: number): void {
  for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.exec(`PRAGMA user_version = ${v}`);
    })();
  }
}
