// The learning shell's core, free of any terminal: it takes one learner line at a time,
// runs it in the current place of the lab, explains what it printed, and hands it to the
// lesson's session (src/lesson/session.ts), which decides about steps; the session's
// events are rendered here as text. The terminal front-end (tty.ts) and the pipe
// front-end (pipe.ts) both drive it.
import pc from 'picocolors';
import type { KernelState } from '../kernel/types.js';
import type { Lesson, Step } from '../lesson/types.js';
import type { CheckReport, Prober } from '../lesson/check-eval.js';
import type { LineReading } from '../explain/recognize.js';
import { BashSession, ShellExitedError, runQuietly, type LineResult } from '../place/bash-session.js';
import { HOST_PLACE, resolvePlace, type Place } from '../place/places.js';
import { wrapText } from '../view/wrap.js';
import { displayWidth } from '../view/display-width.js';
import { shellText } from '../i18n/shell-text.js';
import { currentLab } from '../sandbox/lab-access.js';
import { DOT_COMMANDS, findDotCommand, type LineOutcome } from './dot-commands.js';

export type { LineOutcome } from './dot-commands.js';
import { looksLikeCommand } from './looks-like-command.js';
import { LessonSession, type ProgressPort, type SessionDeps, type SessionEvent } from '../lesson/session.js';

export interface ShellDeps {
  /** None for `nslab sandbox`: the same shell, with no steps to check. */
  lesson?: Lesson;
  /** Writes text for the learner (already formatted). */
  print: (text: string) => void;
  /** Renders step markdown for this output. */
  markdown: (md: string) => string;
  snapshot: () => Promise<KernelState>;
  prober: Prober;
  /** Progress saving; failures come back as warnings, never exceptions. */
  progress?: ProgressPort;
  /** Starts a shell in a place (tests pass a fake). */
  newSession: (place: Place, env: NodeJS.ProcessEnv) => BashSession;
  color: boolean;
  /** Terminal width, for wrapping notes (none: no wrapping). */
  width?: number;
  /** Called for `.reset`: rebuild the lab at the start of the current step. */
  requestReset?: (stepNumber: number) => void;
  /** The lessons and the learner's progress, as `nslab list` shows them (`.lessons`). */
  lessonTable?: () => Promise<string>;
  /** Follows the session from beside the terminal (the workshop page: src/repl/page-events.ts). */
  observer?: ShellObserver;
  /** The instructor's hold on the class, in a workshop's lab (src/serve/hold.ts). */
  hold?: SessionDeps['hold'];
}

/** What a follower of the learner's session is told. Each call returns at once: the
 * learner never waits for it. */
export interface ShellObserver {
  /** Every event of the lesson's session, as it happens. */
  session(e: SessionEvent): void;
  /** false when a line starts running (with the line), true when the prompt is back. */
  prompt(idle: boolean, line?: string): void;
  /** The lab as the shell read it, at the start and after each line; after `.walk`, with
   * the walk's hop numbers to show beside the links it passed (by linkKey). */
  lab(state: KernelState, marks?: ReadonlyMap<string, string>): void;
  /** A known error a line printed (its first line, `RTNETLINK answers: …`), with nslab's explanation. */
  errorSeen(line: string, explanation: string): void;
}


export class LessonShell {
  place: Place = HOST_PLACE;
  explainOn = true;
  traceOn = false;
  /** The lesson's step engine; none in `nslab sandbox`. */
  readonly session: LessonSession | undefined;
  private readonly sessions = new Map<string, BashSession>();
  private lastState: KernelState | undefined;

  constructor(readonly deps: ShellDeps) {
    const lesson = deps.lesson;
    this.session = lesson && new LessonSession({
      lesson,
      snapshot: () => this.snapshotQuietly(),
      prober: deps.prober,
      progress: deps.progress,
      hold: deps.hold,
      emit: (e) => { this.render(e); deps.observer?.session(e); },
    });
  }

  get lesson(): Lesson | undefined { return this.deps.lesson; }
  get step(): Step | undefined { return this.session?.step; }
  get stepIndex(): number { return this.session?.stepIndex ?? 0; }
  get completed(): boolean { return this.session?.completed ?? false; }
  private get awaitingAnswer(): boolean { return this.session?.awaitingAnswer ?? false; }
  /** Set when the shell ended because its host bash did (`exit N` in the sandbox). */
  exitStatus: number | undefined;
  get latestState(): KernelState | undefined { return this.lastState; }

  /** `[03 · 2/6] host # ` — or `answer> ` while a question waits for its answer. */
  prompt(): string {
    if (this.awaitingAnswer) return 'answer> ';
    const lesson = this.lesson;
    if (!lesson) return `nslab ${this.place.label} # `;
    const num = lesson.meta.id.match(/^\d+/)?.[0] ?? lesson.meta.id;
    const where = this.completed ? 'done' : `${this.stepIndex + 1}/${lesson.steps.length}`;
    return `[${num} · ${where}] ${this.place.label} # `;
  }

  /** What the shell says, in the learner's language. */
  readonly text = shellText();
  print(text: string): void { this.deps.print(text); }
  style(f: (s: string) => string, s: string): string { return this.deps.color ? f(s) : s; }

  /** Shows the lesson's intro (on step 1) and the current step. */
  async begin(showIntro: boolean): Promise<void> {
    await this.session?.begin(showIntro);
    if (this.lastState) this.deps.observer?.lab(this.lastState);
    this.deps.observer?.prompt(true);
  }

  /** The session's events, as text for the learner. ('checks' is .check's to show.) */
  private render(e: SessionEvent): void {
    switch (e.kind) {
      case 'intro':
        this.print(this.style(pc.bold, `\n${e.lesson.meta.title}\n`) + '\n');
        if (e.lesson.intro.trim()) this.print(this.deps.markdown(e.lesson.intro) + '\n');
        return;
      case 'step': {
        // A rule to 72 columns, or to the terminal's edge when it is narrower (a Chinese
        // title's characters take two columns each).
        const head = this.wrap(this.text.stepHead(e.step.number, e.total, e.step.title));
        const last = head.split('\n').pop()!;
        const end = Math.min(72, (this.deps.width ?? 73) - 1);
        this.print('\n' + this.style(pc.cyan, head + '─'.repeat(Math.max(0, end - displayWidth(last)))) + '\n');
        this.print(this.deps.markdown(e.step.body) + '\n');
        if (e.step.question && e.step.checks.length === 0) {
          this.print(this.style(pc.dim, this.text.runThenAnswer) + '\n');
        }
        return;
      }
      case 'warning':
        this.warn([e.text]);
        return;
      case 'question':
        this.print('\n' + this.wrap(this.style(pc.magenta, '? ') + this.deps.markdown(e.step.question!.prompt).trim()) + '\n');
        return;
      case 'answer':
        this.print(e.ok ? this.style(pc.green, '✔ ') + `${e.text}\n` : this.style(pc.red, '✘ ') + `${this.text.tryAgain(e.text)}\n`);
        return;
      case 'step-passed': {
        const recap = e.step.recap ? ` ${this.deps.markdown(e.step.recap).trim()}` : '';
        this.print(this.wrap('\n' + this.style(pc.green, this.text.stepDone(e.step.number)) + recap) + '\n');
        return;
      }
      case 'lesson-done':
        this.print('\n' + this.style(pc.green, pc.bold(this.text.lessonComplete(e.lesson.meta.title))) + '\n');
        if (e.lesson.meta.next) this.print(this.text.next(e.lesson.meta.next) + '\n');
        this.print(this.text.keepExperimenting + '\n');
        return;
      case 'lesson-unfinished':
        this.print(this.wrap(this.text.lastStepNotPassed(e.unfinished.map((s) => `${s.number} (${s.title})`).join(', '))) + '\n');
        return;
      case 'hint':
        // A hint is markdown, as the step's prose is: rendered the same way.
        this.print(this.wrap(this.text.hint(e.number, e.of) + this.deps.markdown(e.hint).trim()) + '\n');
        return;
      case 'held': {
        this.print(this.wrap(this.style(pc.yellow, this.text.held(e.message))) + '\n');
        return;
      }
      case 'checks':
        return;
    }
  }

  warn(warnings: string[] | undefined): void {
    for (const w of warnings ?? []) this.print(this.style(pc.yellow, this.text.note(w)) + '\n');
  }

  /** Handles one line the learner typed. An unexpected failure is reported and the shell
   * goes on: a learner's session is worth more than any one line. */
  async handleLine(raw: string): Promise<LineOutcome> {
    const observer = raw.trim() ? this.deps.observer : undefined;
    observer?.prompt(false, raw.trim());
    const outcome = await this.handleLineOrReport(raw);
    if (outcome !== 'quit') observer?.prompt(true);
    return outcome;
  }

  private async handleLineOrReport(raw: string): Promise<LineOutcome> {
    try {
      return await this.handleLineOrThrow(raw);
    } catch (err) {
      const { describeError } = await import('../errors.js');
      this.print(this.style(pc.red, this.text.lineFailed(describeError(err))) + '\n');
      return 'continue';
    }
  }

  private async handleLineOrThrow(raw: string): Promise<LineOutcome> {
    const line = raw.trim();
    // Held at a passed step, Enter alone is how a learner asks whether the class goes on.
    if (!line) {
      if (this.session?.held) await this.session.afterLine(undefined);
      return 'continue';
    }
    if (line.startsWith('.') && !line.startsWith('./') && !line.startsWith('..')) {
      const [name, ...rest] = line.slice(1).split(/\s+/);
      const cmd = findDotCommand(name);
      if (!cmd) {
        this.print(this.text.unknownDot(name, DOT_COMMANDS.filter((c) => this.lesson || !c.lessonOnly).map((c) => '.' + c.name).join(' ')) + '\n');
        return 'continue';
      }
      if (cmd.lessonOnly && !this.lesson) {
        this.print(this.text.lessonOnlyDot(name) + '\n');
        return 'continue';
      }
      return (await cmd.run(this, rest.join(' '))) ?? 'continue';
    }
    const wasWaiting = this.awaitingAnswer;
    if (wasWaiting && !looksLikeCommand(line)) {
      await this.session?.answer(line);
      return 'continue';
    }
    const outcome = await this.runLearnerLine(line);
    if (wasWaiting && this.awaitingAnswer) this.print(this.style(pc.dim, this.text.questionWaits) + '\n');
    return outcome;
  }

  private async runLearnerLine(line: string): Promise<LineOutcome> {
    // A trailing ` ?` asks for the full explanation of what the command prints.
    const full = /\s\?$/.test(line);
    const command = full ? line.replace(/\s\?$/, '') : line;
    const { readLine } = await import('../explain/recognize.js');
    const reading = readLine(command);
    let result: LineResult;
    try {
      result = await this.runIn(this.place, command, { capture: reading.explainer !== undefined || full });
    } catch (err) {
      if (!(err instanceof ShellExitedError)) throw err;
      this.sessions.delete(this.place.label);
      if (this.place !== HOST_PLACE) {
        this.print(this.text.left(this.place.label) + '\n');
        this.place = HOST_PLACE;
        return 'continue';
      }
      if (!this.lesson) {
        // In the sandbox, the host shell is the session: `exit` ends it, with its status.
        this.exitStatus = err.exitCode ?? 1;
        return 'quit';
      }
      this.print(this.text.shellExited + '\n');
      return 'continue';
    }
    this.session?.noteLine(command);
    // The kernel is read only when something will use it: checks still to pass, an
    // explanation, an error to explain, or someone following beside the terminal.
    const explaining = result.stdout !== undefined && (this.explainOn || full);
    const wantsState = this.checksPending() || explaining || result.exitCode !== 0 || this.deps.observer !== undefined;
    const state = wantsState ? await this.snapshotQuietly() : undefined;
    if (state) this.deps.observer?.lab(state);
    if (explaining) {
      const text = await this.explanation(reading, command, result, state, full);
      if (text) this.print(this.wrap(text));
    }
    if (result.exitCode !== 0 && result.stderr) {
      const { explainError } = await import('../explain/error-messages.js');
      // Any of the line's commands may have printed the error: the lab can tell where only
      // when they all ran in one place.
      const here = reading.inSeveralPlaces ? {} : { state, ns: await this.namespaceOf(reading.target, state) };
      const why = explainError(command, result.stderr, here);
      const said = result.stderr.split('\n').find((l) => l.trim())?.trim() ?? command;
      for (const w of why) {
        this.print(this.wrap(this.style(pc.yellow, `  ↳ ${w}`)) + '\n');
        this.deps.observer?.errorSeen(said, w);
      }
    }
    if (result.notFound?.length) await this.suggestCommands(result.notFound);
    await this.session?.afterLine(state);
    return 'continue';
  }

  /** For each command bash did not find, the near names it may have meant (`route` for
   * `rout`), from the lab's PATH and this shell's dot-commands. */
  private async suggestCommands(names: readonly string[]): Promise<void> {
    const { commandsOnPath, didYouMean } = await import('./command-suggest.js');
    const dots = DOT_COMMANDS.filter((c) => this.lesson || !c.lessonOnly).map((c) => '.' + c.name);
    for (const name of new Set(names)) {
      const line = didYouMean(name, [...commandsOnPath(), ...dots]);
      if (line) this.print(this.wrap(this.style(pc.yellow, `  ↳ ${line}`)) + '\n');
    }
  }

  /** The namespace a command looked at: the one a wrapper names (`ip netns exec net1 …`,
   * `docker exec c1 …`), else the shell's current place. */
  private async namespaceOf(target: string | undefined, state: KernelState | undefined): Promise<string> {
    if (!target || !state) return this.place.nsId;
    const { nsByName } = await import('../kernel/query.js');
    return nsByName(state, target)?.id ?? this.place.nsId;
  }

  /** Text filled to the terminal's width (none: as it is). */
  wrap(text: string): string {
    return this.deps.width ? wrapText(text, this.deps.width - 1) : text;
  }

  /** Notes on what the line printed, each tied to the command that printed it: output of
   * several commands that need different explainers gets none, and output of commands run
   * in different places is explained without the lab's state (nothing there can say which
   * namespace a line came from, so no peer or namespace is named). */
  private async explanation(reading: LineReading, command: string, result: LineResult, state: KernelState | undefined, full: boolean): Promise<string> {
    if (reading.mixedOutput) {
      return full ? this.style(pc.dim, this.text.mixedOutput) + '\n' : '';
    }
    const ex = await import('../explain/index.js');
    const explainer = reading.explainer ?? ex.detect(result.stdout ?? '');
    if (!explainer) return full ? this.text.noExplanation(command) + '\n' : '';
    const tied = !reading.outputInSeveralPlaces;
    const ns = await this.namespaceOf(reading.outputTarget, state);
    const lines = await this.withholdAnswer(ex.explain(explainer, result.stdout ?? '', { state: tied ? state : undefined, ns, detail: full ? 'full' : 'compact' }), result.stdout ?? '', state);
    if (!lines.some((l) => l.notes.length)) return '';
    const untied = tied || !full ? '' : this.style(pc.dim, this.text.mixedPlaces) + '\n';
    return untied + ex.renderAnnotated(lines, { color: this.deps.color, compact: !full });
  }

  /** Until a step's question is answered, a note that would give its answer away is held
   * back (lesson/question.ts, givesAwayAnswer): the question is asked after the output. */
  private async withholdAnswer<L extends { notes: string[] }>(lines: L[], output: string, state: KernelState | undefined): Promise<L[]> {
    const step = this.step;
    if (!step?.question || !state || this.session?.passed.has(step.number)) return lines;
    const { givesAwayAnswer } = await import('../lesson/question.js');
    return lines.map((l) => {
      const notes = l.notes.filter((n) => !givesAwayAnswer(n, output, step.question!.answer, state));
      return notes.length === l.notes.length ? l : { ...l, notes: [...notes, this.text.heldBack] };
    });
  }

  /** Runs lines in the host shell without showing them (a lesson's setup, the replay of
   * earlier steps), so that what they set — `pid=$(…)` — is there for the learner's lines. */
  runQuietly(lines: readonly string[]): ReturnType<typeof runQuietly> {
    return runQuietly(this.sessionFor(HOST_PLACE), lines);
  }

  runIn(place: Place, line: string, opts: { capture?: boolean } = {}): Promise<LineResult> {
    return this.sessionFor(place).runLine(line, opts);
  }

  private sessionFor(place: Place): BashSession {
    let session = this.sessions.get(place.label);
    if (!session || session.hasExited) {
      session = this.deps.newSession(place, this.sessionEnv());
      this.sessions.set(place.label, session);
    }
    return session;
  }

  sessionEnv(): NodeJS.ProcessEnv {
    return { ...currentLab().env, ...(this.traceOn ? { NSLAB_TRACE: '1' } : {}) };
  }

  showWalk(state: KernelState, marks: ReadonlyMap<string, string>): void {
    this.deps.observer?.lab(state, marks);
  }

  async runHere(line: string): Promise<void> {
    await this.runIn(this.place, line, { capture: true });
  }

  /** Applies an export to every running shell (for `.trace`). */
  async broadcast(line: string): Promise<void> {
    for (const s of this.sessions.values()) if (!s.hasExited) await s.runLine(line);
  }

  async snapshotQuietly(): Promise<KernelState | undefined> {
    try {
      this.lastState = await this.deps.snapshot();
      return this.lastState;
    } catch (err) {
      this.print(this.style(pc.yellow, this.text.stateUnreadable((err as Error).message)) + '\n');
      return undefined;
    }
  }

  /** Every check of this step, with what was expected and found (for .check). */
  async evaluate(state: KernelState): Promise<CheckReport<Step['checks'][number]>[]> {
    return this.session ? this.session.evaluate(state) : [];
  }

  /** What `ran` checks read (the step's own commands serve as examples). */
  evalContext(): { commands: readonly string[]; examples: readonly string[] } {
    return this.session?.evalContext() ?? { commands: [], examples: [] };
  }

  /** Whether the current step still waits for its checks (or, with none, for a line). */
  private checksPending(): boolean {
    return this.session?.checksPending() ?? false;
  }

  async goTo(index: number): Promise<void> {
    await this.session?.goTo(index);
  }

  /** Moves the shell to a place; returns why not, when it cannot. */
  async setPlace(name: string): Promise<string | undefined> {
    const state = await this.snapshotQuietly();
    if (!state) return this.text.stateNotNow;
    const p = resolvePlace(name, state, this.text);
    if (typeof p === 'string') return p;
    // Leaving a place ends its shell, as leaving `docker exec -it` does: a shell kept there
    // would keep a deleted namespace alive, and a new one of the same name must get a new shell.
    if (this.place !== HOST_PLACE && p.label !== this.place.label) {
      this.sessions.get(this.place.label)?.close();
      this.sessions.delete(this.place.label);
    }
    this.place = p;
    return undefined;
  }

  close(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}
