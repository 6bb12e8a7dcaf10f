// The line a learner types at their shell's prompt, edited by the server, not by the lab.
//
// Why: with a class typing at once, the labs' shells compete for the machine's cores (each
// runs its learner's commands, checks and pictures), and a key a shell echoes waits for its
// turn: 50 learners on 2 cores saw the slowest echoes near 200 ms, against 3 ms for bash
// relayed through the same server (`npm run bench`). The server's main thread does nothing
// but relay and echo (the learners' shells run in a worker thread, their commands in their
// labs), so the keys it echoes come back at once; the labs run below it
// (src/sandbox/work-priority.ts).
//
// How: the learner's shell (the server's own, served-shell.ts) says it is at its prompt
// (prompt()); from then on the keys go to node:readline here (editing, history, Ctrl-C, Tab),
// and Enter gives the line to the shell. What is typed after the Enter (the rest of a
// paste, keys typed at once) is held until the line has the lab's terminal (running(), from
// the lab's agent) and then sent there, so that the line's program reads it, as in a
// terminal (`read x`, `docker exec -it c1 sh` and the lines pasted after it); what it
// leaves unread comes back from the lab as typeahead, for the next prompt. A line that
// never reaches the terminal (`.hint`, an answer) leaves it all for the next prompt. While
// the line runs, every key goes to the lab's terminal as it is (a program such as
// `docker exec -it` or `tcpdump` gets its keys and Ctrl-C), until the next prompt. With no
// shell (a plain program on the terminal), the editor never edits: every key goes through.
import { createInterface, type Interface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { keepHistory, type EditorHistory, type HistoryFile } from '../progress/history.js';

export interface LineEditorDeps {
  /** Bytes for the learner's terminal (the page, its buffer and its watchers). */
  show: (bytes: Buffer) => void;
  /** Bytes for the lab's terminal (its pty). */
  toLab: (bytes: string) => void;
  cols: number;
  history?: HistoryFile;
  /** The shell the lines are for; none: every key is the terminal's. */
  shell?: EditedShell;
}

/** A shell in this process that takes the editor's lines. */
export interface EditedShell {
  line(text: string): void;
  eof(): void;
  complete(line: string, answer: (r: [string[], string]) => void): void;
}

/** A prompt shows what the learner's lab made it (a container's name, a namespace's), and
 * typeahead is what the learner typed: each is bounded. */
const PROMPT_MAX = 1000;
const TYPEAHEAD_MAX = 64 * 1024;
const COMPLETIONS_MAX = 500;

/** How long Tab waits for the shell's completions (in its thread) before offering none. */
const COMPLETE_WAIT_MS = 2000;

/** pass: every key to the lab; edit: the keys are readline's; held: a line was entered and
 * has not reached the lab's terminal yet, and the keys wait for it (or the next prompt). */
type Mode = 'pass' | 'edit' | 'held';

export class PageLineEditor {
  private mode: Mode = 'pass';
  private readonly input = new PassThrough();
  private readonly output: Writable & { columns: number; rows: number; isTTY: boolean };
  private readonly rl: Interface;
  /** Keys typed after a line's Enter (a paste of several lines): its program's input, once
   * it runs, or the next prompts' lines. */
  private queued = '';
  private completions = new Map<number, (r: [string[], string]) => void>();
  private nextId = 1;
  /** Resolves once the history's saves are done. */
  private readonly saved: (() => Promise<unknown>) | undefined;
  private closed = false;

  constructor(private readonly deps: LineEditorDeps) {
    const out = new Writable({
      write: (chunk: Buffer | string, _enc, done) => {
        if (!this.closed) deps.show(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        done();
      },
    });
    this.output = Object.assign(out, { columns: deps.cols, rows: 24, isTTY: true });
    this.rl = createInterface({
      input: this.input,
      output: this.output,
      terminal: true,
      historySize: 1000,
      removeHistoryDuplicates: false,
      tabSize: 8,
      completer: (line: string, cb: (err: null, r: [string[], string]) => void) => this.complete(line, (r) => cb(null, r)),
    });
    // Without these, readline would act on the server's own process: Ctrl-Z would stop it.
    this.rl.on('SIGINT', () => this.interrupt());
    this.rl.on('SIGTSTP', () => { /* nothing to stop at a prompt */ });
    this.rl.on('SIGCONT', () => { /* never stopped */ });
    this.rl.on('line', (line) => this.submit(line));
    this.saved = deps.history && keepHistory(this.rl as unknown as EditorHistory, deps.history);
  }

  /** Whether the learner's keys are the editor's now (the lab's shell is at its prompt). */
  get editing(): boolean {
    return this.mode === 'edit';
  }

  /** The learner's keys. */
  keys(data: string): void {
    if (this.closed) return;
    if (this.mode === 'pass') {
      this.deps.toLab(data);
      return;
    }
    if (this.mode === 'held') {
      this.hold(data);
      return;
    }
    this.feed(data);
  }

  /** How many bytes of keys wait for the line entered last (0 when none does). */
  heldBytes(): number {
    return this.mode === 'held' ? Buffer.byteLength(this.queued) : 0;
  }

  /** The line entered last has the lab's terminal: what was typed since is its program's. */
  running(): void {
    if (this.closed || this.mode !== 'held') return;
    this.mode = 'pass';
    const queued = this.queued;
    this.queued = '';
    if (queued) this.deps.toLab(queued);
  }

  private hold(data: string): void {
    this.queued += data.slice(0, Math.max(0, TYPEAHEAD_MAX - this.queued.length));
  }

  /** The line `text` typed in full and run, as if by the learner (the page's hint button). */
  type(text: string): boolean {
    if (this.mode !== 'edit') return false;
    this.feed(`\x15${text}\r`);
    return true;
  }

  resize(cols: number): void {
    this.output.columns = cols;
    this.output.emit('resize');
  }

  /** The lab is gone: nothing more is edited; history still being saved is saved. */
  close(): Promise<unknown> {
    this.closed = true;
    this.mode = 'pass';
    for (const answer of this.completions.values()) answer([[], '']);
    this.completions.clear();
    this.rl.close();
    return this.saved?.() ?? Promise.resolve();
  }

  // Keys for readline, a line at a time: after an Enter the line is the lab's, and what
  // follows waits for the next prompt (a paste of several lines runs them one by one).
  private feed(data: string): void {
    let rest = data;
    while (rest && this.mode === 'edit') {
      const at = rest.search(/[\r\n\x04]/);
      if (at < 0) {
        this.input.write(rest);
        return;
      }
      if (at > 0) this.input.write(rest.slice(0, at));
      const key = rest[at];
      rest = rest.slice(at + 1);
      if (key === '\x04') {
        // Ctrl-D on an empty line ends the shell's input, as in a terminal; on a line, it is
        // readline's (delete the character under the cursor).
        if ((this.rl.line as string) !== '') {
          this.input.write(key);
          continue;
        }
        this.mode = 'pass';
        this.output.write('\r\n');
        this.deps.shell?.eof();
        break;
      }
      // One Enter: \r\n from a paste is one too.
      if (key === '\r' && rest.startsWith('\n')) rest = rest.slice(1);
      this.input.write('\r');
    }
    if (rest) this.hold(rest);
  }

  private submit(line: string): void {
    this.mode = 'held';
    this.deps.shell?.line(line);
  }

  private interrupt(): void {
    const rl = this.rl as unknown as { line: string; cursor: number };
    this.output.write('^C\r\n');
    rl.line = '';
    rl.cursor = 0;
    this.rl.prompt();
  }

  /** The shell is at its prompt: the keys are the editor's until the next line. */
  prompt(prompt: string): void {
    this.mode = 'edit';
    this.rl.setPrompt(prompt.slice(0, PROMPT_MAX));
    this.rl.prompt();
    const queued = this.queued;
    this.queued = '';
    if (queued) this.feed(queued);
  }

  /** Keys the lab read that were typed for no command: on the next line. */
  typeahead(text: string): void {
    if (this.mode === 'edit') this.feed(text.slice(0, TYPEAHEAD_MAX));
    else this.hold(text);
  }

  private complete(line: string, answer: (r: [string[], string]) => void): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      if (this.completions.delete(id)) answer([[], line]);
    }, COMPLETE_WAIT_MS);
    this.completions.set(id, (r) => { clearTimeout(timer); answer(r); });
    const answered = ([list, token]: [string[], string]) => {
      const waiting = this.completions.get(id);
      this.completions.delete(id);
      waiting?.([list.slice(0, COMPLETIONS_MAX).map((x) => x.slice(0, PROMPT_MAX)), token]);
    };
    if (this.deps.shell) this.deps.shell.complete(line, answered);
    else answered([[], line]);
  }
}
