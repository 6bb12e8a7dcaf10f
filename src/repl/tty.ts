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
import type { HistoryFile } from '../progress/history.js';

/** The terminal has gone while a command had it, so its hangup signal went to the
 * command's process group, not to nslab's: nslab ends as that signal would have ended it,
 * and the lab with it (a lab never outlives nslab's terminal). */
function terminalGone(): void {
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

export function runTtyShell(shell: LessonShell, history: HistoryFile | undefined): Promise<void> {
  let saving = Promise.resolve(true);
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
    process.on('SIGINT', () => { /* a running command's Ctrl-C is the command's */ });
    // Ctrl-Z: nslab has no job control. A command stopped in its line would hold nslab
    // forever, with no `fg` to continue it; and nslab itself, stopped, would leave its
    // terminal to nobody. So nothing stops: nslab's process group is continued at once.
    // (A program with job control of its own, such as a shell inside, has its own group.)
    server.on('SIGTSTP', () => { /* at the prompt: nothing to stop */ });
    process.on('SIGTSTP', () => {
      keepGroupRunning();
      process.stderr.write(`\n${shellText().ctrlZ}\n`);
    });
    // The terminal went away (its reads fail): end as its hangup would have ended us.
    process.stdin.on('error', terminalGone);

    // Not node:repl's setupHistory: inside a lab the file may only be written through the
    // lab's broker (src/progress/history.ts), so the lines are loaded and saved by hand.
    if (history) {
      const typed = server as unknown as { history: string[]; on(event: 'history', fn: (lines: string[]) => void): void };
      void history.load().then((saved) => {
        typed.history.push(...saved.filter((l) => !typed.history.includes(l)));
      });
      // One save at a time, of the latest lines: lines typed while a save is on its way
      // are in the next one, not in a queue of saves.
      let latest: string[] | undefined;
      typed.on('history', (lines) => {
        const queued = latest !== undefined;
        latest = [...lines];
        if (queued) return;
        saving = saving.then(() => {
          const lines = latest!;
          latest = undefined;
          return history.save(lines);
        });
      });
    }
    server.on('exit', () => void saving.then(() => resolve()));
  });
}
