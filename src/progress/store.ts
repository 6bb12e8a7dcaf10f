// The learner's progress file. Every change is applied under the lock to the file as it is
// on disk now, not to what this session read earlier, so two shells of the same user never
// lose each other's saved steps: done steps only accumulate, the latest visit wins.
// Failures to read or write are warnings for the learner, never crashes of the shell.
import { basename, join } from 'node:path';
import { progressLocation, type ProgressLocation } from './location.js';
import { LockTimeoutError, withLock, type LockOptions } from './heartbeat-lock.js';
import { stateDirFor } from './state-broker.js';
import { isReplaceTemp, type StateDir } from './state-dir.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { progressText, type ProgressText } from '../i18n/progress-text.js';
import { classifyProgressText, emptyProgress, PROGRESS_VERSION, type LessonProgress, type ProgressData, type StepRef } from './schema.js';

export interface ProgressRead {
  data: ProgressData;
  /** Things to tell the learner (each is returned once per store). */
  warnings: string[];
}

export interface SaveResult extends ProgressRead {
  saved: boolean;
}

export interface StoreOptions {
  now?: () => Date;
  lock?: LockOptions;
  /** Where the files are read and written (default: the location's folder, through the
   * lab's broker inside a lab). */
  dir?: StateDir;
  /** The language of the warnings (default: this process's). */
  lang?: Lang;
}

export class ProgressStore {
  private readonly told = new Set<string>();
  private readonly now: () => Date;
  private readonly dir: StateDir;
  private readonly name: string;
  private readonly lang: Lang;
  private readonly t: ProgressText;

  constructor(readonly location: ProgressLocation = progressLocation(), private readonly opts: StoreOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.dir = opts.dir ?? stateDirFor(location);
    this.name = basename(location.path);
    this.lang = opts.lang ?? currentLang();
    this.t = progressText(this.lang);
  }

  get path(): string {
    return this.location.path;
  }

  /** The progress as saved. A corrupt file is moved aside (progress.json.bak) first. */
  async read(): Promise<ProgressRead> {
    const first = await this.readRaw();
    if (first.kind !== 'corrupt') return this.result(first);
    try {
      const r = await this.locked(async () => this.result(await this.readOrRescue()));
      return r;
    } catch (e) {
      return this.result({ kind: 'error', warning: this.cannot('read', e) });
    }
  }

  /** The learner is on step `step` of a lesson now. */
  visit(lessonId: string, step: StepRef): Promise<SaveResult> {
    return this.update((data) => {
      const p = entry(data, lessonId);
      p.current = step.number;
      p.lastVisited = this.now().toISOString();
    });
  }

  /** Step `step` passed (and the learner moves on to `next`, when given, in the same write).
   * The lesson is completed when every step 1..totalSteps is done. */
  markDone(lessonId: string, step: StepRef, totalSteps: number, next?: StepRef): Promise<SaveResult> {
    return this.update((data) => {
      const p = entry(data, lessonId);
      addDone(p, step);
      if (next) p.current = next.number;
      p.lastVisited = this.now().toISOString();
      const numbers = new Set(p.done.map((d) => d.number));
      if (totalSteps > 0 && Array.from({ length: totalSteps }, (_, i) => i + 1).every((n) => numbers.has(n))) p.completed = true;
    });
  }

  /** Forget one lesson, or every lesson when no id is given. */
  reset(lessonId?: string): Promise<SaveResult> {
    return this.update((data) => {
      if (lessonId === undefined) data.lessons = {};
      else delete data.lessons[lessonId];
    });
  }

  /** Applies `change` to the file's current content and saves it, under the lock. */
  async update(change: (data: ProgressData) => void): Promise<SaveResult> {
    try {
      return await this.locked(async () => {
        const current = await this.readOrRescue();
        if (current.kind === 'error') return { ...this.result(current), saved: false };
        const data = current.kind === 'missing' ? emptyProgress() : current.data;
        change(data);
        if (current.kind === 'future') return { ...this.result({ ...current, data }), saved: false };
        await removeStrayTemps(this.dir, this.name);
        await this.dir.replace(this.name, JSON.stringify(data, null, 2) + '\n');
        const warning = current.kind === 'ok' ? current.warning : undefined;
        return { ...this.result({ kind: 'ok', data, warning }), saved: true };
      });
    } catch (e) {
      const warning = this.cannot('save', e);
      return { data: emptyProgress(), warnings: this.once([warning]), saved: false };
    }
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(this.dir, `${this.name}.lock`, fn, this.opts.lock);
  }

  private async readRaw(): Promise<Loaded> {
    let text: string;
    try {
      text = await this.dir.read(this.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'error', warning: this.cannot('read', e) };
    }
    const c = classifyProgressText(text, this.lang);
    if (c.kind === 'future') {
      return {
        kind: 'future',
        data: c.data,
        warning: this.t.newer(this.path, c.version, PROGRESS_VERSION),
      };
    }
    return c;
  }

  /** Reads the file; if corrupt, moves it to the first free progress.json.bak[.N]. Call under the lock. */
  private async readOrRescue(): Promise<Exclude<Loaded, { kind: 'corrupt' }>> {
    const r = await this.readRaw();
    if (r.kind !== 'corrupt') return r;
    const bakName = await freeBackupName(this.dir, this.name);
    await this.dir.rename(this.name, bakName);
    const bak = join(this.dir.path, bakName);
    return {
      kind: 'ok',
      data: emptyProgress(),
      warning: this.t.corrupt(this.path, r.reason, bak),
    };
  }

  private result(l: Loaded): ProgressRead {
    const warning = 'warning' in l ? l.warning : undefined;
    const data = 'data' in l ? l.data : emptyProgress();
    return { data, warnings: this.once(warning ? [warning] : []) };
  }

  private once(warnings: string[]): string[] {
    const fresh = warnings.filter((w) => !this.told.has(w));
    fresh.forEach((w) => this.told.add(w));
    return fresh;
  }

  private cannot(what: 'read' | 'save', e: unknown): string {
    const t = this.t;
    if (e instanceof LockTimeoutError) {
      const held = t.lockHeld(e.lockPath, e.seconds);
      return what === 'save' ? t.notSaved(held) : t.notRead(held);
    }
    const err = e as NodeJS.ErrnoException;
    const why = err?.code === 'EACCES' || err?.code === 'EPERM' ? t.permissionDenied : err?.code === 'EROFS' ? t.readOnly : (err?.message ?? String(e));
    return what === 'save' ? t.cannotSave(this.path, why) : t.cannotRead(this.path, why);
  }
}

type Loaded =
  | { kind: 'missing' }
  | { kind: 'ok'; data: ProgressData; warning?: string }
  | { kind: 'future'; data: ProgressData; warning: string }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'error'; warning: string };

function entry(data: ProgressData, lessonId: string): LessonProgress {
  data.lessons[lessonId] ??= { done: [], current: 1, completed: false };
  return data.lessons[lessonId];
}

function addDone(p: LessonProgress, step: StepRef): void {
  if (p.done.some((d) => d.number === step.number && d.title === step.title)) return;
  p.done.push({ number: step.number, title: step.title });
  p.done.sort((a, b) => a.number - b.number);
}

/** Temporary files of saves cut short by a crash between write and rename. Only a lock
 * holder writes one, and we hold the lock: any there now belongs to a dead session. */
async function removeStrayTemps(dir: StateDir, name: string): Promise<void> {
  const names = await dir.list().catch(() => [] as string[]);
  await Promise.all(names.filter((n) => isReplaceTemp(n, name)).map((n) => dir.unlink(n).catch(() => {})));
}

async function freeBackupName(dir: StateDir, name: string): Promise<string> {
  const taken = new Set(await dir.list());
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${name}.bak` : `${name}.bak.${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
