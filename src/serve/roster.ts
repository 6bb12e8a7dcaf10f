// A class's learners as the server knows them, and the class file of nslab's first
// workshop servers (class.json, a JSON roster replaced atomically), which the class
// store (class-store.ts) imports once and then keeps in its database instead.
import { readFileSync } from 'node:fs';
import { serveCliText } from '../i18n/serve-cli-text.js';

export interface LearnerRecord {
  id: string;
  name: string;
  tokenHash: string;
  /** 0-based; decides the learner's id range on the machine. */
  seat: number;
  lessonId: string;
  joinedAt: string;
}

/** What class.json held: the code and the roster (tokens' hashes, never tokens). */
export interface ClassFile {
  format: 'nslab-class';
  version: 1;
  code: string;
  createdAt: string;
  learners: LearnerRecord[];
}

/** The class on disk cannot be used as it is; the message says what to do. */
export class RosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterError';
  }
}

const isLearner = (l: LearnerRecord): boolean =>
  typeof l === 'object' && l !== null && typeof l.id === 'string' && typeof l.name === 'string' &&
  typeof l.tokenHash === 'string' && Number.isInteger(l.seat) && typeof l.lessonId === 'string';

/** class.json as the first servers wrote it, or a RosterError saying what to do with it. */
export function readClassFile(file: string, dir: string): ClassFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RosterError(serveCliText().cannotRead(file, (e as Error).message));
  }
  let data: ClassFile;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RosterError(`${serveCliText().notJsonClass(file)} ${serveCliText().moveAway(dir)}`);
  }
  if (data?.format !== 'nslab-class' || !Array.isArray(data.learners) || typeof data.code !== 'string' || !data.learners.every(isLearner)) {
    throw new RosterError(`${serveCliText().notClassFile(file)} ${serveCliText().moveAway(dir)}`);
  }
  if (data.version !== 1) throw new RosterError(serveCliText().otherFormat(file, data.version));
  return data;
}
