// A class: the roster on disk, the lessons, the learners live, the seats, and how a
// learner's lab is launched. The HTTP side (http.ts) only routes to this.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHold, type ClassHold as Hold } from './hold.js';
import { writeAtomically } from './atomic-file.js';
import { exportCsv, exportJson } from './class-store.js';
import type { Lesson } from '../lesson/types.js';
import { ProgressStore } from '../progress/store.js';
import { summarizeProgress } from '../progress/summary.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import { LAB_NICE } from '../sandbox/work-priority.js';
import type { LessonEntry, ServerMessage } from './protocol.js';
import { Learner, type ClassLimits, type LabLauncher } from './learner.js';
import { StartQueue } from './start-queue.js';
import { ShellHost } from './shell-host.js';
import { ClassStore, type LearnerRecord } from './class-store.js';
import { sameSecret } from './tokens.js';
import { readLearnerLang, writeLearnerLang } from './learner-lang.js';
import type { Lang } from '../i18n/lang.js';
import { socketText, type SocketText } from '../i18n/socket-text.js';

export interface ClassOptions {
  stateDir: string;
  seats: number;
  lessonId: string;
  limits: ClassLimits;
  lessons: Lesson[];
  /** The lessons in other languages (each as loadLessons gives it: translated where a
   * faithful translation exists, English where not). */
  translations?: Partial<Record<Lang, Lesson[]>>;
  /** Lessons folder the labs read (NSLAB_LESSONS), when not nslab's own. */
  lessonsDir?: string;
  launcher?: LabLauncher;
  /** How many labs are built at once (start-queue.ts; default: three per core). */
  startConcurrency?: number;
}

/** Where root's labs' ids begin (bin/lab-launch.pl's default); each seat gets the next 65536. */
const ID_BASE = 0x70000000;
const ID_RANGE = 0x10000;

/** A lab of the terminal agent (bin/lab-launch.pl --agent), whose learner's shell the
 * server runs, with an environment made for the learner, not inherited: nothing of the
 * server's own (a sudo user, tokens, paths) reaches a lab. Why the shells are the server's
 * and not a Node in each lab: README.md, "Run a workshop". */
export function defaultLauncher(opts: { lessonsDir?: string; memoryMax: number }): LabLauncher {
  return {
    agent: true,
    // The whole lab below the server from its first instruction: its launcher, its pid 1,
    // its bash sessions and what they run, what its agent starts for the shell (its preset,
    // its snapshots, its checks' programs, `.walk`'s captures); and the launcher weighs the
    // whole lab as nice 19 beside the other sessions of the machine (a cpu cgroup as root;
    // its session's autogroup otherwise). The server, which echoes every learner's keys
    // (page-line-editor.ts), then does not wait behind the labs. (Only a program given
    // more than 16 KiB of input is entered from outside, at the server's priority.)
    argv: () => ['nice', ['-n', String(LAB_NICE), 'perl', join(NSLAB_ROOT, 'bin', 'lab-launch.pl'), NSLAB_ROOT, '--agent']],
    env: (record: LearnerRecord, dir: string, lang: Lang, agentToken: string) => {
      const base = Number(process.env.NSLAB_ID_BASE ?? ID_BASE);
      return {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        TERM: 'xterm-256color',
        LANG: process.env.LANG ?? 'C.UTF-8',
        HOME: dir,
        XDG_STATE_HOME: dir,
        NSLAB_AGENT_TOKEN: agentToken,
        NSLAB_LANG: lang,
        ...(process.getuid?.() === 0 ? { NSLAB_ID_BASE: String(base + record.seat * ID_RANGE) } : {}),
        ...(opts.memoryMax > 0 ? { NSLAB_MEMORY_MAX: String(opts.memoryMax) } : {}),
        ...(opts.lessonsDir ? { NSLAB_LESSONS: opts.lessonsDir } : {}),
        ...(process.env.NSLAB_PIDS_MAX ? { NSLAB_PIDS_MAX: process.env.NSLAB_PIDS_MAX } : {}),
      };
    },
  };
}

export type JoinResult = { ok: true; token: string; learner: Learner } | { ok: false; why: 'full' | 'name' };

export class Classroom {
  readonly roster: ClassStore;
  private readonly live = new Map<string, Learner>();
  readonly lessonsById: Map<string, Lesson>;
  /** Where the instructor holds the class (learners go no further than this step). */
  hold: Hold | undefined;
  private readonly launcher: LabLauncher;
  private readonly watchers = new Set<() => void>();
  private readonly starts: StartQueue;
  /** The learners' shells, in a thread of their own (shell-host.ts). */
  private readonly shells = new ShellHost();

  constructor(readonly opts: ClassOptions) {
    this.roster = ClassStore.open(opts.stateDir);
    this.lessonsById = new Map(opts.lessons.map((l) => [l.meta.id, l]));
    this.launcher = opts.launcher ?? defaultLauncher({ lessonsDir: opts.lessonsDir, memoryMax: opts.limits.memoryMax });
    this.starts = new StartQueue(opts.startConcurrency);
    try {
      this.hold = JSON.parse(readFileSync(join(opts.stateDir, 'hold.json'), 'utf8')) as Hold;
    } catch {
      this.hold = undefined; // none set (or unreadable: none)
    }
  }

  /** A short message on every learner's page. */
  broadcast(text: string): void {
    for (const l of this.learners) l.notice(l.words.fromInstructor(text));
  }

  /** Everyone to `lessonId`: running labs restart on it, the others start there next
   * time. The number of labs restarted, or undefined for a lesson that does not exist. */
  pace(lessonId: string): number | undefined {
    if (!this.lessonsById.has(lessonId)) return undefined;
    let restarted = 0;
    for (const l of this.learners) {
      if (l.lessonId === lessonId) continue;
      this.roster.setLesson(l.record.id, lessonId);
      if (l.labPid !== undefined) restarted++;
      l.moveTo(lessonId);
    }
    return restarted;
  }

  /** Holds the class at a step (undefined: releases it); a reason when it cannot. */
  setHold(hold: Hold | undefined, t: SocketText = socketText('en')): string | undefined {
    if (hold) {
      const lesson = this.lessonsById.get(hold.lessonId);
      if (!lesson) return t.noLesson(hold.lessonId);
      if (hold.step < 1 || hold.step > lesson.steps.length) return t.lessonSteps(hold.lessonId, lesson.steps.length);
    }
    this.hold = hold;
    const file = join(this.opts.stateDir, 'hold.json');
    if (hold) writeFileSync(file, JSON.stringify(hold));
    else rmSync(file, { force: true });
    for (const r of this.roster.learners) writeHold(this.roster.learnerDir(r.id), hold);
    // The lab notices a release at its next line (nothing reaches into it): say so.
    if (!hold) for (const l of this.learners) if (l.held !== undefined) l.notice(l.words.released);
    for (const w of this.watchers) w();
    return undefined;
  }

  get code(): string { return this.roster.code; }
  get seatsTaken(): number { return this.roster.learners.length; }

  isInstructor(token: string): boolean {
    return sameSecret(token, this.roster.instructorToken);
  }

  /** A newcomer with this display name takes a seat, if one is free. */
  join(name: string, lang: Lang = 'en'): JoinResult {
    // No control or format characters (a right-to-left override would make the class list
    // and the server's log read other than they are).
    const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 40);
    if (!clean) return { ok: false, why: 'name' };
    if (this.seatsTaken >= this.opts.seats) return { ok: false, why: 'full' };
    const { record, token } = this.roster.add(clean, this.opts.lessonId);
    writeLearnerLang(this.roster.learnerDir(record.id), lang);
    return { ok: true, token, learner: this.learnerFor(record) };
  }

  /** The learner a link's token names, or undefined. */
  byToken(token: string): Learner | undefined {
    const record = this.roster.byToken(token);
    return record && this.learnerFor(record);
  }

  get learners(): Learner[] {
    return this.roster.learners.map((r) => this.learnerFor(r));
  }

  private learnerFor(record: LearnerRecord): Learner {
    let l = this.live.get(record.id);
    if (!l) {
      l = new Learner({
        record,
        dir: this.roster.learnerDir(record.id),
        limits: this.opts.limits,
        launcher: this.launcher,
        lesson: (id, lang) => this.lessonIn(id, lang),
        lessons: () => this.lessonList(record.id),
        onLesson: (lessonId) => this.roster.setLesson(record.id, lessonId),
        onChange: () => { for (const w of this.watchers) w(); },
        log: (kind, data) => this.roster.appendEvent(record.id, kind, data),
        starts: this.starts,
        shells: this.shells,
      });
      this.live.set(record.id, l);
      l.restore(this.roster.events(record.id, 500));
      // A learner who joins (or comes back) while the class is held is held too.
      writeHold(this.roster.learnerDir(record.id), this.hold);
    }
    return l;
  }

  /** A lesson as a learner reading `lang` sees it. */
  lessonIn(id: string, lang: Lang): Lesson | undefined {
    if (lang === 'en') return this.lessonsById.get(id);
    return this.opts.translations?.[lang]?.find((l) => l.meta.id === id) ?? this.lessonsById.get(id);
  }

  /** The lessons, with this learner's progress in each. */
  async lessonList(learnerId: string): Promise<ServerMessage & { t: 'lessons' }> {
    const store = new ProgressStore({ path: join(this.roster.learnerDir(learnerId), 'nslab', 'progress.json') });
    const { data } = await store.read();
    const lang = readLearnerLang(this.roster.learnerDir(learnerId));
    const shown = lang === 'en' ? this.opts.lessons : this.opts.lessons.map((l) => this.lessonIn(l.meta.id, lang) ?? l);
    const lessons: LessonEntry[] = summarizeProgress(shown, data)
      .filter((s) => this.lessonsById.has(s.id))
      .map((s) => ({ id: s.id, title: s.title ?? s.id, steps: s.total ?? 0, done: s.done }));
    return { t: 'lessons', lessons };
  }

  /** Called (debounced by the caller) whenever a learner's state changes. */
  watch(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** Ends every lab; resolves when all have ended. */
  async shutdown(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.live.values()].map((l) => l.shutdown()));
      this.shells.stop();
      this.writeResults();
      this.roster.close();
    })();
    return this.closing;
  }

  private closing: Promise<void> | undefined;

  /** The class's results, as the instructor downloads them. */
  results(format: 'csv' | 'json'): string {
    const r = this.roster.results();
    return format === 'csv' ? exportCsv(r) : exportJson(r);
  }

  /** results.csv and results.json in the state directory (when the server stops). */
  writeResults(): void {
    for (const f of ['csv', 'json'] as const) writeAtomically(join(this.opts.stateDir, `results.${f}`), this.results(f), 0o600);
  }
}
