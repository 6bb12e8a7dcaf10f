// One learner of a class, live: their lab (a pty whose pid 1 is the terminal agent, and
// the learning shell for it, the same as in a terminal, run by the server: served-shell.ts),
// the page attached to it (one at a time), what their shell last reported (lab-report.ts),
// and the clocks that end a lab: the class's time limit, the idle timeout, and the grace
// period after the page went away. Progress outlives the lab: the server's shell writes it
// under the learner's folder, and the next lab resumes there.
import { readLearnerLang, writeLearnerLang } from './learner-lang.js';
import type { Lang } from '../i18n/lang.js';
import { serveText, type ServeText } from '../i18n/serve-text.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { Lesson } from '../lesson/types.js';
import { formatDuration } from './durations.js';
import { parseLabEvent } from './lab-events.js';
import { OutputBudget, OutputBuffer } from './output-buffer.js';
import type { CheckState, PageMessage, ServerMessage } from './protocol.js';
import { spawnPty, type PtyProcess } from './pty.js';
import { PageLineEditor } from './page-line-editor.js';
import { newToken } from './tokens.js';
import { historyFile } from '../progress/history.js';
import type { StartQueue } from './start-queue.js';
import { localStateDir } from '../progress/state-dir.js';
import type { LearnerRecord } from './roster.js';
import type { ClassEvent, EventKind } from './class-results.js';
import type { StepView } from './step-view.js';
import { LabReport, type RecentLine } from './lab-report.js';
import { LabAgent } from './lab-agent.js';
import type { ShellHost, ShellLink } from './shell-host.js';
import { labEnvironment, labPidOne } from '../sandbox/lab-access.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';

export interface ClassLimits {
  /** ms; 0: none. */
  timeLimit: number;
  idleTimeout: number;
  grace: number;
  /** bytes for the lab's memory cgroup (NSLAB_MEMORY_MAX); 0: none. */
  memoryMax: number;
}

export interface LabLauncher {
  /** The program and arguments that open a lab for `lessonId` (bin/lab-launch.pl --agent). */
  argv(lessonId: string): [string, string[]];
  /** The lab runs the terminal agent (bin/lib/agent.pl) and its learner's shell is the
   * server's (served-shell.ts). Otherwise the program is a terminal like any other: every
   * key goes through, and nothing follows the session beside it (the tests' plain bash). */
  agent?: boolean;
  /** The environment of that lab's launcher for this learner, whose folder is `dir`;
   * `agentToken` is the lab's terminal agent's (NSLAB_AGENT_TOKEN). */
  env(record: LearnerRecord, dir: string, lang: Lang, agentToken: string): NodeJS.ProcessEnv;
}

export interface LearnerDeps {
  record: LearnerRecord;
  dir: string;
  limits: ClassLimits;
  launcher: LabLauncher;
  /** A lesson in the learner's language. */
  lesson: (id: string, lang: Lang) => Lesson | undefined;
  /** The lessons list with this learner's progress (for the picker). */
  lessons: () => Promise<ServerMessage & { t: 'lessons' }>;
  /** The learner's shell is now on this lesson (kept in the roster). */
  onLesson: (lessonId: string) => void;
  /** Something a watcher (the instructor) may want to know changed. */
  onChange?: () => void;
  /** Keeps an event in the class's log, durably, before the page is told of it. */
  log?: (kind: EventKind, data: object) => void;
  /** Whose lab is built when (one queue for the class; none: each at once). */
  starts?: StartQueue;
  /** Where the learners' shells run, for labs of the terminal agent (LabLauncher.agent). */
  shells?: ShellHost;
}

/** Above this many bytes sent and not yet written to the page's socket, the pty waits. */
const HIGH_WATER = 512 * 1024;
const COLS = 100;
const ROWS = 30;

type LabState = 'none' | 'starting' | 'running' | 'ended';

/** Why a lab ended, in words of a language: the learner's on their page, English in the
 * class's log (the instructor's record). */
export type EndReason = (lang: Lang) => string;
const SWITCHING: EndReason = (lang) => serveText(lang).switchingLesson;

export class Learner {
  private pty: PtyProcess | undefined;
  /** A lab waiting for its turn to be built (start-queue.ts), and the lesson it is for. */
  private queued: { lessonId: string } | undefined;
  /** Gives this lab's place in the start queue to the next once it has shown its first words. */
  private builtOrGone: (() => void) | undefined;
  /** The line at the lab's prompt, edited here (page-line-editor.ts); one per lab. */
  private editor: PageLineEditor | undefined;
  private page: WebSocket | undefined;
  private readonly buffer = new OutputBuffer();
  private readonly budget = new OutputBudget();
  private timers: { limit?: NodeJS.Timeout; grace?: NodeJS.Timeout; idle?: NodeJS.Timeout; kill?: NodeJS.Timeout; throttle?: NodeJS.Timeout } = {};
  private inFlight = 0;
  private paused = { pressure: false, throttle: false, away: false };
  private size = { cols: COLS, rows: ROWS };
  private lastInput = Date.now();
  private endReason: EndReason | undefined;
  labState: LabState = 'none';
  lessonId: string;
  /** What the learner's lab reports of its session, as the pages show it. */
  readonly report: LabReport;
  /** Lab events that failed validation (a learner's own lab can send anything). */
  private rejected = 0;
  /** Read-only watchers of the terminal (the instructor shadowing): bytes only, no way back. */
  private readonly shadows = new Set<(chunk: Buffer) => void>();
  /** The lesson to start once the lab that is ending has gone (switchLesson). */
  private nextLesson: string | undefined;
  /** The server is stopping: no lab starts any more. */
  private stopped = false;
  /** The step the next lab opens at (a `.reset`); none: where the learner was. */
  private nextStep: { lessonId: string; step: number } | undefined;
  /** The learner's shell the server runs for this lab (agent labs: shell-host.ts). */
  private served: ShellLink | undefined;
  private eventWindow = { start: 0, count: 0 };

  /** The language of this learner's page and lab. */
  lang: Lang;

  constructor(private readonly deps: LearnerDeps) {
    this.lang = readLearnerLang(deps.dir);
    this.lessonId = deps.record.lessonId;
    this.report = new LabReport({
      lesson: (id) => deps.lesson(id, this.lang),
      lessonId: () => this.lessonId,
      lessonChanged: (id) => {
        this.lessonId = id;
        deps.onLesson(id);
      },
      log: (kind, data) => this.log(kind, data),
      send: (msg) => this.send(msg),
      lessons: () => void deps.lessons().then((m) => this.send(m)),
    });
  }

  // What the lab last reported (the instructor's table and the pages read these).
  get step(): StepView | undefined { return this.report.step; }
  get checks(): CheckState[] { return this.report.checks; }
  get svg(): string | undefined { return this.report.svg; }
  get idle(): boolean { return this.report.idle; }
  get hints(): number { return this.report.hints; }
  get lastError(): { line: string; explanation: string } | undefined { return this.report.lastError; }
  get held(): number | undefined { return this.report.held; }
  get stepSince(): number { return this.report.stepSince; }
  get failingLines(): number { return this.report.failingLines; }
  get recentChecks(): RecentLine[] { return this.report.recentChecks; }
  get rejectedEvents(): number { return this.rejected + this.report.rejected; }

  get record(): LearnerRecord { return this.deps.record; }

  /** Where the class's log last saw this learner (lab-report.ts). */
  restore(events: readonly ClassEvent[]): void {
    this.report.restore(events, this.lessonId);
  }

  get online(): boolean { return this.page !== undefined; }
  get labPid(): number | undefined { return this.pty?.pid; }

  // ---- the page ----

  /** A page opened this learner's link: it replaces any other page of theirs. */
  attach(ws: WebSocket): void {
    if (this.page && this.page !== ws) {
      this.sendTo(this.page, { t: 'notice', text: this.words.openedElsewhere });
      this.page.close(4000, 'opened elsewhere');
    }
    this.page = ws;
    this.inFlight = 0;
    clearTimeout(this.timers.grace);
    this.timers.grace = undefined;
    this.setPaused('away', false);
    if (this.stopped) return;
    const ended = this.labState === 'ended' ? this.endReason : undefined;
    void this.greet();
    // Coming back to a lab that ended while the page was away: a new one, at the step
    // where the learner was (the shell resumes from their progress), and why.
    if (this.labState === 'none' || ended !== undefined) this.startLab(this.lessonId);
    if (ended !== undefined) this.send({ t: 'notice', text: this.words.lastLabEnded(ended(this.lang)) });
  }

  detach(ws: WebSocket): void {
    if (this.page !== ws) return;
    this.page = undefined;
    // Gone before their lab's turn came: none is built for nobody (one is, when they are back).
    if (!this.pty && this.queued) {
      this.queued = undefined;
      this.labState = 'none';
    }
    this.setPaused('pressure', false);
    // Output nobody reads is not worth making: the lab waits until the page is back.
    this.setPaused('away', true);
    if (this.pty && this.deps.limits.grace > 0) {
      const grace = this.deps.limits.grace;
      this.timers.grace = setTimeout(() => this.endLab((lang) => serveText(lang).awayTooLong(formatDuration(grace, lang))), grace);
    }
    this.deps.onChange?.();
  }

  private async greet(): Promise<void> {
    const lessons = await this.deps.lessons();
    if (!this.page) return;
    this.send({ t: 'hello', name: this.record.name, lessons: lessons.lessons, lessonId: this.lessonId, graceSeconds: Math.round(this.deps.limits.grace / 1000), lang: this.lang });
    if (this.labState !== 'none') this.send({ t: 'lab', state: this.labState, reason: this.endReason?.(this.lang) });
    const past = this.buffer.contents();
    if (past.length) this.sendOutput(past);
    if (this.step) this.send({ t: 'step', ...this.step });
    if (this.checks.length && this.step) this.send({ t: 'checks', number: this.step.number, checks: this.checks });
    if (this.svg) this.send({ t: 'topology', svg: this.svg });
    if (this.held !== undefined) this.send({ t: 'held', number: this.held, message: '' });
    this.send({ t: 'prompt', idle: this.idle });
  }

  /** A message from the page, already checked for shape (page-messages.ts). */
  input(msg: PageMessage): void {
    switch (msg.t) {
      case 'in':
        this.lastInput = Date.now();
        this.editor?.keys(msg.data);
        return;
      case 'resize':
        this.size = { cols: msg.cols, rows: msg.rows };
        this.pty?.resize(msg.cols, msg.rows);
        this.editor?.resize(msg.cols);
        this.served?.resize(msg.cols);
        return;
      case 'hint':
        // As if the learner typed `.hint` at an empty prompt; only at the prompt, so it never
        // lands in a program that is running.
        if (!this.editor?.type('.hint')) this.send({ t: 'notice', text: this.words.hintAtPrompt });
        return;
      case 'lang':
        this.setLang(msg.lang);
        return;
      case 'lesson':
        if (!this.deps.lesson(msg.id, this.lang)) {
          this.send({ t: 'error', text: this.words.noLesson(msg.id) });
          return;
        }
        this.switchLesson(msg.id);
        return;
    }
  }

  private log(kind: EventKind, data: object): void {
    try {
      this.deps.log?.(kind, data);
    } catch {
      // The class's log is for the instructor's record; a learner's lab goes on without it.
    }
  }

  private send(msg: ServerMessage): void {
    if (this.page) this.sendTo(this.page, msg);
  }

  private sendTo(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  /** What the server says to this learner, in their language. */
  get words(): ServeText {
    return serveText(this.lang);
  }

  /** Notice from the server or the instructor, shown on the page as text. */
  notice(text: string): void {
    this.send({ t: 'notice', text });
  }

  private sendOutput(chunk: Buffer): void {
    const ws = this.page;
    if (!ws || ws.readyState !== ws.OPEN) return;
    this.inFlight += chunk.length;
    ws.send(chunk, { binary: true }, () => {
      if (this.page !== ws) return;
      this.inFlight -= chunk.length;
      if (this.inFlight < HIGH_WATER / 2) this.setPaused('pressure', false);
    });
    if (this.inFlight > HIGH_WATER) this.setPaused('pressure', true);
  }

  private setPaused(why: keyof Learner['paused'], on: boolean): void {
    const was = Object.values(this.paused).some(Boolean);
    this.paused[why] = on;
    const now = Object.values(this.paused).some(Boolean);
    if (!this.pty || was === now) return;
    if (now) this.pty.pause();
    else this.pty.resume();
  }

  // ---- the lab ----

  private startLab(lessonId: string): void {
    this.lessonId = lessonId;
    this.deps.onLesson(lessonId);
    this.endReason = undefined;
    this.report.newLab();
    this.buffer.clear();
    this.labState = 'starting';
    this.send({ t: 'lab', state: 'starting' });
    // Asked again while waiting for its turn (a lesson picked, the instructor's pace): the
    // same turn, for the lesson asked last.
    if (this.queued) {
      this.queued.lessonId = lessonId;
      return;
    }
    const ticket = { lessonId };
    this.queued = ticket;
    const turn = this.deps.starts?.acquire() ?? Promise.resolve(() => {});
    void turn.then((done) => {
      if (this.queued !== ticket || this.stopped) return done();
      this.queued = undefined;
      this.builtOrGone = done;
      this.spawnLab(ticket.lessonId);
    });
  }

  private spawnLab(lessonId: string): void {
    const agentLab = this.deps.launcher.agent === true;
    const [file, args] = this.deps.launcher.argv(lessonId);
    const token = newToken();
    const step = this.nextStep?.lessonId === lessonId ? this.nextStep.step : undefined;
    this.nextStep = undefined;
    mkdirSync(this.deps.dir, { recursive: true, mode: 0o700 });
    const env = this.deps.launcher.env(this.record, this.deps.dir, this.lang, token);
    let pty: PtyProcess;
    try {
      pty = spawnPty(file, args, { cols: this.size.cols, rows: this.size.rows, env, cwd: this.deps.dir });
    } catch (e) {
      const message = (e as Error).message;
      this.labEnded((lang) => serveText(lang).labCouldNotStart(message));
      return;
    }
    this.pty = pty;
    const editor = new PageLineEditor({
      cols: this.size.cols,
      show: (bytes) => this.show(bytes),
      toLab: (bytes) => pty.write(bytes),
      history: historyFile({ path: join(this.deps.dir, 'nslab', 'progress.json') }, localStateDir(join(this.deps.dir, 'nslab'), undefined, { durable: false })),
      ...(agentLab ? { shell: {
        line: (t: string) => this.served?.line(t),
        eof: () => this.served?.eof(),
        complete: (l: string, answer: (r: [string[], string]) => void) => (this.served ? this.served.complete(l, answer) : answer([[], ''])),
      } } : {}),
    });
    this.editor = editor;
    this.paused = { pressure: false, throttle: false, away: this.page === undefined };
    if (this.paused.away) pty.pause();
    const agent = agentLab ? this.agentFor(pty, token, env, lessonId, step) : undefined;
    pty.onData((chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (agent) agent.fromLab(bytes);
      else this.show(bytes);
    });
    pty.onExit((e) => {
      void editor.close();
      if (this.pty !== pty) return;
      this.served?.close();
      this.served = undefined;
      this.pty = undefined;
      this.editor = undefined;
      this.labEnded(this.endReason ?? ((lang) => (e.exitCode === 0 ? serveText(lang).shellEnded : serveText(lang).labEndedStatus(e.exitCode, e.signal))));
      const next = this.nextLesson;
      this.nextLesson = undefined;
      if (next !== undefined && !this.stopped) this.startLab(next);
    });
    this.log('lab-started', { lessonId });
    const { timeLimit, idleTimeout } = this.deps.limits;
    if (timeLimit > 0) this.timers.limit = setTimeout(() => this.endLab((lang) => serveText(lang).timeLimitOver(formatDuration(timeLimit, lang))), timeLimit);
    if (idleTimeout > 0) {
      this.lastInput = Date.now();
      this.timers.idle = setInterval(() => {
        if (Date.now() - this.lastInput >= idleTimeout) this.endLab((lang) => serveText(lang).nothingTyped(formatDuration(idleTimeout, lang)));
      }, Math.min(idleTimeout, 10_000));
    }
    this.deps.onChange?.();
  }

  /** The agent of a lab just spawned on `pty`; once it runs, the learner's shell for it. */
  private agentFor(pty: PtyProcess, token: string, env: NodeJS.ProcessEnv, lessonId: string, step: number | undefined): LabAgent {
    const agent: LabAgent = new LabAgent({
      token,
      toLab: (bytes) => pty.write(bytes),
      show: (bytes) => this.show(bytes),
      typeahead: (text) => this.editor?.typeahead(text),
      running: () => { if (this.pty === pty) this.editor?.running(); },
      sessions: (frame) => { if (this.pty === pty) this.served?.agent(frame); },
      ready: () => {
        if (this.pty !== pty) return;
        const pid1 = labPidOne(pty.pid);
        const lesson = this.deps.lesson(lessonId, this.lang);
        const shells = this.deps.shells;
        if (pid1 === undefined || !lesson || !shells) {
          const why = pid1 === undefined ? "the lab's first process is not to be found" : !lesson ? `no lesson ${lessonId}` : 'the server runs no shells';
          this.show(Buffer.from(`nslab: ${why}\r\n`));
          agent.send('bye', 0, '70');
          return;
        }
        this.served = shells.start(
          { lesson, step, lang: this.lang, dir: this.deps.dir, pid1, env: labEnvironment(env, NSLAB_ROOT, pid1), cols: this.size.cols },
          {
            show: (bytes) => { if (this.pty === pty) this.show(bytes); },
            prompt: (text) => { if (this.pty === pty) this.editor?.prompt(text); },
            send: (kind, sid, data) => {
              if (this.pty !== pty) return;
              // The keys typed after the line's Enter go to it once it runs (page-line-editor.ts):
              // its agent hears first how many, to take them in without echo.
              const held = kind === 'line' ? this.editor?.heldBytes() ?? 0 : 0;
              if (held) agent.send('hold', sid, String(held));
              agent.send(kind, sid, data);
            },
            event: (json) => { if (this.pty === pty) this.sessionEvent(json); },
            reset: (at) => {
              if (this.pty !== pty) return;
              this.nextStep = { lessonId, step: at };
              this.switchLesson(this.lessonId);
            },
            ended: () => { if (this.pty === pty) agent.send('bye', 0, '0'); },
            failed: (why) => {
              if (this.pty !== pty) return;
              this.served = undefined;
              this.endLab((lang) => serveText(lang).labCouldNotStart(why));
            },
          },
        );
      },
    });
    return agent;
  }

  /** Watches this learner's terminal: `onOutput` gets what the terminal showed lately, then
   * everything it shows, until the returned function is called. Nothing flows back. */
  shadow(onOutput: (chunk: Buffer) => void): () => void {
    const past = this.buffer.contents();
    if (past.length) onOutput(past);
    this.shadows.add(onOutput);
    return () => this.shadows.delete(onOutput);
  }

  /** What the learner's terminal shows: the lab's output, and the line being edited. */
  private show(chunk: Buffer): void {
    // The lab shows its first words once it is built: until then the page says it is building.
    if (this.labState === 'starting') {
      this.labState = 'running';
      this.send({ t: 'lab', state: 'running' });
      this.labBuilt();
    }
    this.buffer.push(chunk);
    this.sendOutput(chunk);
    for (const watch of this.shadows) watch(chunk);
    const wait = this.budget.spend(chunk.length);
    if (wait > 0 && !this.paused.throttle) {
      this.setPaused('throttle', true);
      this.timers.throttle = setTimeout(() => this.setPaused('throttle', false), wait);
    }
  }

  /** The learner picked another language on the page: the page hears it at once, the
   * lab starts afresh at the same lesson to speak it (their progress is the same in both). */
  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    writeLearnerLang(this.deps.dir, lang);
    void this.greet();
    if (this.pty) this.switchLesson(this.lessonId);
  }

  /** The instructor moves the class to `lessonId`: a running lab restarts on it; a
   * learner away starts there next time. */
  moveTo(lessonId: string): void {
    if (this.pty) {
      this.send({ t: 'notice', text: this.words.instructorMoves });
      this.switchLesson(lessonId);
    } else {
      this.lessonId = lessonId;
    }
  }

  /** Another lesson: the lab ends and a new one starts on it. Asked again before the old
   * lab is gone (a double click, a script), the last lesson asked wins, and one lab starts. */
  private switchLesson(lessonId: string): void {
    if (this.stopped) return;
    if (!this.pty) {
      this.startLab(lessonId);
      return;
    }
    const ending = this.nextLesson !== undefined;
    this.nextLesson = lessonId;
    if (!ending) this.endLab(SWITCHING);
  }

  /** Ends the lab: a hang-up, as when a terminal closes (the lab's launcher turns it into
   * the end of every process in the lab); KILL if it is still there 5 s later. */
  endLab(reason: EndReason): void {
    if (!this.pty) {
      // Not built yet: its turn is given up.
      if (this.queued) {
        this.queued = undefined;
        this.labEnded(reason);
      }
      return;
    }
    this.endReason = reason;
    const pty = this.pty;
    pty.resume();
    pty.kill('SIGHUP');
    this.timers.kill = setTimeout(() => { if (this.pty === pty) pty.kill('SIGKILL'); }, 5000);
  }

  /** The lab has shown its first words (or is gone): the next lab may be built. */
  private labBuilt(): void {
    this.builtOrGone?.();
    this.builtOrGone = undefined;
  }

  private labEnded(reason: EndReason): void {
    this.labBuilt();
    for (const t of Object.values(this.timers)) clearTimeout(t);
    clearInterval(this.timers.idle);
    this.timers = {};
    this.labState = 'ended';
    this.endReason = reason;
    this.log('lab-ended', { reason: reason('en') });
    this.report.idle = false;
    if (reason !== SWITCHING) this.send({ t: 'lab', state: 'ended', reason: this.words.labEnded(reason(this.lang)) });
    this.deps.onChange?.();
  }

  // ---- what the learner's session reports ----

  /** The most events a learner's session may report in a second; the rest are dropped (a
   * shell reports a handful per line; what they carry comes from the lab, the learner's). */
  static readonly EVENTS_PER_SECOND = 200;

  /** An event of the learner's session (page-events.ts), as a line of JSON: checked,
   * then what the pages show. */
  sessionEvent(line: string): void {
    const now = Date.now();
    if (now - this.eventWindow.start >= 1000) this.eventWindow = { start: now, count: 0 };
    if (++this.eventWindow.count > Learner.EVENTS_PER_SECOND) {
      this.rejected++;
      return;
    }
    const e = parseLabEvent(line);
    if (typeof e === 'string') {
      this.rejected++;
      return;
    }
    this.report.apply(e);
    this.deps.onChange?.();
  }

  /** Ends everything of this learner's (the server is stopping). Resolves when the lab's
   * process has ended. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.nextLesson = undefined;
    const pty = this.pty;
    if (!pty) {
      this.queued = undefined;
      return;
    }
    const ended = new Promise<void>((resolve) => pty.onExit(() => resolve()));
    this.endLab((lang) => serveText(lang).serverStopped);
    await ended;
  }
}
