// The class as kept on disk, in the server's state directory, so that a restarted server
// (even after SIGKILL) knows everyone again: class.json holds the class code, the roster
// (each learner's id, name, seat, lesson and the SHA-256 of their token, never the token)
// and is replaced atomically (write, fsync, rename); instructor.token (mode 600) keeps the
// instructor's link printable after a restart. Each learner's progress is their own
// progress store under learners/ID (written by their lab's broker, as `nslab start` does).
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { newClassCode, newToken, tokenHash } from './tokens.js';

export interface LearnerRecord {
  id: string;
  name: string;
  tokenHash: string;
  /** 0-based; decides the learner's id range on the machine. */
  seat: number;
  lessonId: string;
  joinedAt: string;
}

interface ClassFile {
  format: 'nslab-class';
  version: 1;
  code: string;
  createdAt: string;
  learners: LearnerRecord[];
}

export class RosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterError';
  }
}

/** Replaces `path` with `text` (write, fsync, rename, fsync of the folder): a reader sees
 * the old file or the new one. `mode` exactly, whatever the umask. */
export function writeAtomically(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(join(path, '..'), 'r');
  try { fsyncSync(dir); } finally { closeSync(dir); }
}

export class Roster {
  private data: ClassFile;
  readonly instructorToken: string;

  private constructor(readonly dir: string, data: ClassFile, instructorToken: string) {
    this.data = data;
    this.instructorToken = instructorToken;
  }

  /** The class in `dir`, or a new one there. A file that is not a class nslab wrote stops
   * the server with what to do, rather than starting an empty class over it. */
  static open(dir: string): Roster {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'class.json');
    const tokenFile = join(dir, 'instructor.token');
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new RosterError(`cannot read ${file}: ${(e as Error).message}`);
    }
    if (text === undefined) {
      const data: ClassFile = { format: 'nslab-class', version: 1, code: newClassCode(), createdAt: new Date().toISOString(), learners: [] };
      const token = newToken();
      writeAtomically(tokenFile, token + '\n', 0o600);
      const roster = new Roster(dir, data, token);
      roster.save();
      return roster;
    }
    let data: ClassFile;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RosterError(`${file} is not a class file nslab can read (not JSON). Move it away to start a new class in ${dir}, or give --state-dir another folder.`);
    }
    if (data?.format !== 'nslab-class' || !Array.isArray(data.learners) || typeof data.code !== 'string') {
      throw new RosterError(`${file} is not an nslab class file. Move it away to start a new class in ${dir}, or give --state-dir another folder.`);
    }
    if (data.version !== 1) throw new RosterError(`${file} was written by another version of nslab (class format ${data.version}); this one reads format 1. Serve this class with the nslab that wrote it, or give --state-dir another folder to start a new class.`);
    let token: string;
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch {
      token = newToken();
      writeAtomically(tokenFile, token + '\n', 0o600);
    }
    return new Roster(dir, data, token);
  }

  get code(): string { return this.data.code; }
  get learners(): readonly LearnerRecord[] { return this.data.learners; }

  byToken(token: string): LearnerRecord | undefined {
    const h = tokenHash(token);
    return this.data.learners.find((l) => l.tokenHash === h);
  }

  /** Adds a learner; returns the record and the token for their link (kept nowhere else). */
  add(name: string, lessonId: string): { record: LearnerRecord; token: string } {
    const token = newToken();
    const seats = new Set(this.data.learners.map((l) => l.seat));
    let seat = 0;
    while (seats.has(seat)) seat++;
    const record: LearnerRecord = { id: tokenHash(token).slice(0, 10), name, tokenHash: tokenHash(token), seat, lessonId, joinedAt: new Date().toISOString() };
    this.data.learners.push(record);
    this.save();
    return { record, token };
  }

  setLesson(id: string, lessonId: string): void {
    const r = this.data.learners.find((l) => l.id === id);
    if (!r || r.lessonId === lessonId) return;
    r.lessonId = lessonId;
    this.save();
  }

  learnerDir(id: string): string {
    return join(this.dir, 'learners', id);
  }

  private save(): void {
    writeAtomically(join(this.dir, 'class.json'), JSON.stringify(this.data, null, 2) + '\n', 0o600);
  }
}

