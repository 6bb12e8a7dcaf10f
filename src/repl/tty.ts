// The shell on a terminal: node:repl for what a terminal needs (line editing, history,
// completion, Ctrl-C at the prompt), with a custom eval that hands each line to the
// LessonShell. node:repl would take every line starting with `.` as one of its own
// keywords (so `./script` and an unknown `.foo` got "Invalid REPL keyword"): its line
// handler is replaced by one that sends every line to our eval, dot-commands included.
// While a line runs the terminal belongs to it (raw mode off, input stopped), so Ctrl-C
// reaches the command and interactive programs get their keystrokes.
import { shellText } from '../i18n/shell-text.js';
import repl from 'node:repl';
import { complete } from './completion.js';
import { stoppedInOurGroup } from './foreground.js';
import { handTerminalToCommand, takeTerminalBack } from './terminal-input.js';
import type { LessonShell } from './lesson-shell.js';
import { latestSaver, type HistoryFile } from '../progress/history.js';

/** The terminal has gone while a command had it, so its hangup signal went to the
 * command's process group, not to nslab's: nslab ends as that signal would have ended it,
 * and the lab with it (a lab never outlives nslab's terminal). */
export function terminalGone(): void {
  process.kill(process.pid, 'SIGHUP');
}

// Continues nslab's process group, and for half a second whatever in it is still seen
// stopped: a process being forked as Ctrl-Z comes was once seen stopped after the group
// had been continued (the shell's child for the next command of the line).
function keepGroupRunning(): void {
  process.kill(0, 'SIGCONT');
  let checks = 25;
  const check = () => {
    if (stoppedInOurGroup()) process.kill(0, 'SIGCONT');
    if (--checks > 0) setTimeout(check, 20).unref();
  };
  setTimeout(check, 20).unref();
}

/** What the shell does with the terminal's signals and its going away, whoever edits its
 * lines: a running command's Ctrl-C is the command's (never nslab's); Ctrl-Z stops nothing
 * (nslab has no job control: a command stopped in its line would hold nslab forever, with
 * no `fg` to continue it, and nslab itself, stopped, would leave its terminal to nobody, so
 * nslab's process group is continued at once; a program with job control of its own, such
 * as a shell inside, has its own group); a terminal whose reads fail has hung up. */
export function guardTerminalSignals(): void {
  process.on('SIGINT', () => { /* a running command's Ctrl-C is the command's */ });
  process.on('SIGTSTP', () => {
    keepGroupRunning();
    process.stderr.write(`\n${shellText().ctrlZ}\n`);
  });
  process.stdin.on('error', terminalGone);
}

export function runTtyShell(shell: LessonShell, history: HistoryFile | undefined): Promise<void> {
  let saving: ReturnType<typeof latestSaver> | undefined;
  return new Promise((resolve) => {
    let closing = false;
    const evalLine = (line: string, done: (err: Error | null) => void) => {
      handTerminalToCommand(process.stdin);
      shell.handleLine(line).then(
        (outcome) => {
          if (outcome === 'quit') { closing = true; server.close(); return; }
          if (takeTerminalBack(process.stdin) === 'gone') return terminalGone();
          server.setPrompt(shell.prompt());
          done(null);
        },
        (err: Error) => {
          if (takeTerminalBack(process.stdin) === 'gone') return terminalGone();
          done(err);
        },
      );
    };
    const server = repl.start({
      prompt: shell.prompt(),
      ignoreUndefined: true,
      preview: false,
      terminal: true,
      useGlobal: false,
      completer: (line: string) => complete(line, shell.latestState),
      eval: (cmd, _context, _file, callback) => evalLine(cmd, (err) => callback(err, undefined)),
    });

    // Lines pasted together arrive together: they wait their turn, in order, as in a shell
    // (the prompt comes back after the last; the terminal has shown them all as typed).
    const waiting: string[] = [];
    let running = false;
    const runNext = () => {
      const line = waiting.shift();
      if (line === undefined || closing) {
        running = false;
        return;
      }
      running = true;
      server.eval(line, server.context, 'nslab', (err) => {
        if (err) process.stderr.write(`nslab: ${err.message}\n`);
        // After the last line (`exit`, .quit) no prompt: the shell is closing.
        if (!closing && waiting.length === 0) server.displayPrompt();
        runNext();
      });
    };
    server.removeAllListeners('line');
    server.on('line', (line: string) => {
      waiting.push(line);
      if (!running) runNext();
    });

    // Ctrl-C at the prompt clears the line, as in a shell; it never ends the lab.
    server.removeAllListeners('SIGINT');
    server.on('SIGINT', () => {
      server.clearBufferedCommand();
      process.stdout.write('^C\n');
      server.displayPrompt();
    });
    server.on('SIGTSTP', () => { /* at the prompt: nothing to stop */ });
    guardTerminalSignals();

    // Not node:repl's setupHistory: inside a lab the file may only be written through the
    // lab's broker (src/progress/history.ts), so the lines are loaded and saved by hand.
    if (history) {
      const typed = server as unknown as { history: string[]; on(event: 'history', fn: (lines: string[]) => void): void };
      void history.load().then((saved) => {
        typed.history.push(...saved.filter((l) => !typed.history.includes(l)));
      });
      const saver = latestSaver(history);
      saving = saver;
      typed.on('history', (lines) => saver.save(lines));
    }
    server.on('exit', () => void (saving?.saved() ?? Promise.resolve()).then(() => resolve()));
  });
}
