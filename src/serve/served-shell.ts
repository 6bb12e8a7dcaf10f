// A learner's learning shell, run by the workshop server itself: the same LessonShell as
// `nslab start` runs in a terminal, for a lab the server reaches from outside. A class's
// labs then hold no Node of their own (60 MB each): the lab keeps its pid 1, which drives
// its terminal (bin/lib/agent.pl), the learner's bash sessions and what they start.
//
// Everything a shell does below, many calls down (the snapshot, the checks' pings, the
// containers' runtime, the command suggestions, the catalogues' language), asks which lab
// and which language it is for: each piece of work here runs in this learner's scope
// (withLab, withLang), the editor's callbacks included.
import { join } from 'node:path';
import pc from 'picocolors';
import { withLang, type Lang } from '../i18n/lang.js';
import { describeError } from '../errors.js';
import type { Lesson } from '../lesson/types.js';
import { BashSession } from '../place/bash-session.js';
import { ProgressStore } from '../progress/store.js';
import { localStateDir } from '../progress/state-dir.js';
import { LessonShell, type ShellObserver } from '../repl/lesson-shell.js';
import { openLessonAt, resumeStep } from '../repl/lesson-resume.js';
import { withLab, type LabAccess } from '../sandbox/lab-access.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import { runInside } from '../sandbox/lab-process.js';
import { holdPath, parseClassHold, type ClassHold } from './hold.js';
import type { AgentSessions } from './lab-agent.js';
import type { EditedShell } from './page-line-editor.js';
import { readFile } from 'node:fs/promises';
import { complete } from '../repl/completion.js';

export interface ServedShellDeps {
  lesson: Lesson;
  /** The step a `.reset` asked for; none: where the learner was. */
  step?: number;
  lang: Lang;
  /** The learner's folder on the server (their XDG_STATE_HOME: progress, history, hold). */
  dir: string;
  lab: LabAccess;
  /** The lab agent's sessions: the learner's bash sessions start there. */
  sessions: AgentSessions;
  /** The shell is at its prompt, this one: the line editor takes the keys. */
  prompt: (prompt: string) => void;
  /** Bytes for the learner's screen. */
  show: (bytes: Buffer) => void;
  cols: () => number;
  observer: ShellObserver;
  /** `.reset`: a fresh lab at this step. */
  reset: (step: number) => void;
  /** The shell has ended (Ctrl-D, `exit` in a lesson's host shell is not that): the lab may go. */
  ended: () => void;
}

/** What a terminal's output processing does to a newline (ONLCR): the server writes to
 * the learner's screen directly, not through the lab's terminal. */
export function onlcr(bytes: Buffer): Buffer {
  if (!bytes.includes(0x0a)) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) {
    parts.push(bytes.subarray(from, at), CRLF);
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}
const CRLF = Buffer.from('\r\n');

/** The one-shot program that builds a fresh lab's preset from inside it (src/lab-setup/build-main.ts). */
const BUILD_MAIN = join(NSLAB_ROOT, 'dist', 'lab-setup', 'build-main.js');

export class ServedShell implements EditedShell {
  private shell: LessonShell | undefined;
  private resetTo: number | undefined;
  private done = false;

  constructor(private readonly deps: ServedShellDeps) {}

  /** Runs `fn` as this learner's work: their lab, their language. */
  private scoped<T>(fn: () => T): T {
    return withLab(this.deps.lab, () => withLang(this.deps.lang, fn));
  }

  private print(text: string): void {
    this.deps.show(onlcr(Buffer.from(text)));
  }

  /** Builds the lab's starting state, opens the lesson at its step and gives the editor
   * its first prompt. A failure is told on the learner's screen, and the shell ends. */
  start(): Promise<void> {
    return this.scoped(async () => {
      try {
        await this.open();
      } catch (e) {
        this.print(pc.red(`nslab: ${describeError(e)}`) + '\n');
        this.end();
        return;
      }
      this.promptNow();
    });
  }

  private async open(): Promise<void> {
    const { lesson, dir, lang } = this.deps;
    // From inside, by the lab's agent: what the preset leaves running (the outside world's
    // DNS server) is then a process of the lab in every way, its cgroup and limits included.
    const built = await runInside(this.deps.sessions.start, ['node', BUILD_MAIN, lesson.meta.preset], { env: this.deps.lab.env, timeoutMs: 120_000 });
    if (built.stderr.trim()) this.print(built.stderr);
    if (built.exitCode !== 0) throw new Error(built.stderr.trim().split('\n').pop() || `the lab's preset could not be built (exit ${built.exitCode})`);
    const store = new ProgressStore({ path: join(dir, 'nslab', 'progress.json') }, { dir: localStateDir(join(dir, 'nslab')), lang });
    const { data, warnings } = await store.read();
    const saved = data.lessons[lesson.meta.id];
    const startAt = resumeStep(lesson, saved, this.deps.step);
    const [{ renderMarkdown, loadTerminalMarkdown }, { pingProber }, { takeLabSnapshot }] = await Promise.all([
      import('../view/markdown.js'), import('../lesson/ping-prober.js'), import('../lab-setup/lab-snapshot.js'),
    ]);
    await loadTerminalMarkdown().catch(() => { /* the steps print as plain text */ });
    const cols = this.deps.cols;
    const shell = new LessonShell({
      lesson,
      print: (s) => this.print(s),
      markdown: (md) => renderMarkdown(md, { color: true, width: this.deps.cols() }),
      snapshot: takeLabSnapshot,
      prober: pingProber({ snapshot: takeLabSnapshot }),
      progress: store,
      lessonTable: async () => (await import('../repl/lesson-table.js')).lessonTable({ color: true, store }),
      newSession: (place, env) => new BashSession({
        wrap: place.wrap,
        stdinIsTerminal: true,
        env,
        start: this.deps.sessions.start,
        out: (b) => this.deps.show(onlcr(b)),
        err: (b) => this.deps.show(onlcr(b)),
      }),
      color: true,
      // (The terminal's width as it is now: the page may have been resized.)
      get width() { return cols(); },
      requestReset: (step) => { this.resetTo = step; },
      observer: this.deps.observer,
      hold: () => this.readHold(),
    });
    this.shell = shell;
    for (const w of warnings) shell.warn([w]);
    await openLessonAt(shell, startAt, saved, pc.yellow);
  }

  /** The instructor's hold, from the file the server writes for this learner. */
  private async readHold(): Promise<ClassHold | undefined> {
    try {
      return parseClassHold(await readFile(holdPath(this.deps.dir), 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private promptNow(): void {
    if (this.done || !this.shell) return;
    this.deps.prompt(this.shell.prompt());
  }

  // ---- what the editor gives (EditedShell) ----

  line(text: string): void {
    const shell = this.shell;
    if (!shell || this.done) return;
    void this.scoped(async () => {
      try {
        const outcome = await shell.handleLine(text);
        if (outcome === 'quit') return this.end();
      } catch (e) {
        // (handleLine reports what fails in nslab itself; this is what fails around it.)
        this.print(pc.red(shell.text.lineFailed(describeError(e))) + '\n');
      }
      this.promptNow();
    });
  }

  eof(): void {
    this.scoped(() => this.end());
  }

  complete(line: string, answer: (r: [string[], string]) => void): void {
    const shell = this.shell;
    // (Completion reads the state the shell last took: no lab is asked, it answers at once.)
    answer(shell ? this.scoped(() => complete(line, shell.latestState)) : [[], '']);
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    const shell = this.shell;
    if (this.resetTo !== undefined) {
      shell?.close();
      this.deps.reset(this.resetTo);
      return;
    }
    if (shell && shell.lesson && !shell.completed) {
      const unfinished = shell.session!.unfinishedSteps();
      this.print(`\n${shell.wrap(shell.text.notFinished(shell.lesson.meta.id, unfinished.map((s) => `${s.number} (${s.title})`).join(', ')))}\n`);
    }
    shell?.close();
    this.deps.ended();
  }

  /** The lab is gone: the shell's sessions with it. */
  close(): void {
    this.done = true;
    this.shell?.close();
  }
}
