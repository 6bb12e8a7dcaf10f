// The progress file's format. `version` says which shape the rest has; a newer nslab that
// changes the shape bumps it, and an older one then reads what it can and never writes.
import { progressText } from '../i18n/progress-text.js';
import type { Lang } from '../i18n/lang.js';

export const PROGRESS_VERSION = 1;

export interface StepRef {
  /** 1-based step number when it was done. */
  number: number;
  /** The step's title then: a renamed or moved step is still found by title. */
  title: string;
}

export interface LessonProgress {
  done: StepRef[];
  /** The step the learner is on (1-based). */
  current: number;
  /** ISO time of the last visit. */
  lastVisited?: string;
  completed: boolean;
}

export interface ProgressData {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
}

// The shape is checked by hand rather than with a schema library: zod alone took 45 ms to
// load, a fifth of `nslab start`'s time to its first prompt. The first mismatch is
// reported with its path, in the words zod used.

class ShapeError extends Error {
  constructor(readonly path: (string | number)[], message: string) {
    super(message);
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function expect<T>(ok: boolean, v: unknown, expected: string, path: (string | number)[]): T {
  if (!ok) throw new ShapeError(path, `Invalid input: expected ${expected}, received ${typeName(v)}`);
  return v as T;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function positiveInt(v: unknown, path: (string | number)[]): number {
  const n = expect<number>(typeof v === 'number' && !Number.isNaN(v), v, 'number', path);
  // JSON.parse reads 1e400 as Infinity; integers beyond 2^53 are not exact.
  if (!Number.isFinite(n)) throw new ShapeError(path, `Invalid input: expected number, received ${n}`);
  if (!Number.isInteger(n)) throw new ShapeError(path, 'Invalid input: expected int, received number');
  if (n > Number.MAX_SAFE_INTEGER) throw new ShapeError(path, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
  if (n < Number.MIN_SAFE_INTEGER) throw new ShapeError(path, `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
  if (n < 1) throw new ShapeError(path, 'Too small: expected number to be >=1');
  return n;
}

function stepRef(v: unknown, path: (string | number)[]): StepRef {
  const o = expect<Record<string, unknown>>(isObject(v), v, 'object', path);
  return {
    number: positiveInt(o.number, [...path, 'number']),
    title: expect<string>(typeof o.title === 'string', o.title, 'string', [...path, 'title']),
  };
}

/** A lesson's progress with the shape we know (unknown keys dropped), or a ShapeError. */
function lessonProgress(v: unknown, path: (string | number)[]): LessonProgress {
  const o = expect<Record<string, unknown>>(isObject(v), v, 'object', path);
  const done = expect<unknown[]>(Array.isArray(o.done), o.done, 'array', [...path, 'done']).map((d, i) => stepRef(d, [...path, 'done', i]));
  const current = positiveInt(o.current, [...path, 'current']);
  const lastVisited = o.lastVisited === undefined ? undefined : expect<string>(typeof o.lastVisited === 'string', o.lastVisited, 'string', [...path, 'lastVisited']);
  const completed = expect<boolean>(typeof o.completed === 'boolean', o.completed, 'boolean', [...path, 'completed']);
  return { done, current, ...(lastVisited === undefined ? {} : { lastVisited }), completed };
}

function progressFile(v: Record<string, unknown>): ProgressData {
  const lessons = expect<Record<string, unknown>>(isObject(v.lessons), v.lessons, 'record', ['lessons']);
  const data = emptyProgress();
  // "__proto__" as a key would set the object's prototype: passed over, as zod did.
  for (const [id, p] of Object.entries(lessons)) if (id !== '__proto__') data.lessons[id] = lessonProgress(p, ['lessons', id]);
  return data;
}

export function emptyProgress(): ProgressData {
  return { version: PROGRESS_VERSION, lessons: {} };
}

/** What a file's text turned out to be. */
export type Classified =
  | { kind: 'ok'; data: ProgressData }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'future'; version: number; data: ProgressData };

/** What the text is; a corrupt one's reason in `lang`. */
export function classifyProgressText(text: string, lang: Lang = 'en'): Classified {
  const t = progressText(lang);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: text.trim() === '' ? t.empty : t.notJson((e as Error).message) };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'corrupt', reason: t.notObject };
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'corrupt', reason: t.noVersion };
  if (version > PROGRESS_VERSION) return { kind: 'future', version, data: salvage((json as { lessons?: unknown }).lessons) };
  try {
    return { kind: 'ok', data: progressFile(json as Record<string, unknown>) };
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    return { kind: 'corrupt', reason: t.badShape(e.path.join('.') || t.topLevel, e.message) };
  }
}

/** The lesson entries of a newer file that still have the shape we know. */
function salvage(lessons: unknown): ProgressData {
  const data = emptyProgress();
  if (typeof lessons !== 'object' || lessons === null) return data;
  for (const [id, value] of Object.entries(lessons)) {
    if (id === '__proto__') continue;
    try {
      data.lessons[id] = lessonProgress(value, []);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e; // a shape we do not know: left out
    }
  }
  return data;
}
