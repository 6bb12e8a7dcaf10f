// The shell on a terminal: node:repl for what a terminal needs (line editing, history,
// completion, Ctrl-C at the prompt), with a custom eval that hands each line to the
// LessonShell. node:repl would take every line starting with `.` as one of its own
// keywords (so `./script` and an unknown `.foo` got "Invalid REPL keyword"): its line
// handler is replaced by one that sends every line to our eval, dot-commands included.
// While a line runs the terminal belongs to it (raw mode off, input stopped), so Ctrl-C
// reaches the command and interactive programs get their keystrokes.
import repl from 'node:repl';
import { complete } from './completion.js';
import { guardTerminalSignals, terminalGone } from './terminal-signals.js';
import { handTerminalToCommand, takeTerminalBack } from './terminal-input.js';
import type { LessonShell } from './lesson-shell.js';
import { keepHistory, type EditorHistory, type HistoryFile } from '../progress/history.js';

export function runTtyShell(shell: LessonShell, history: HistoryFile | undefined): Promise<void> {
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

    const saved = history && keepHistory(server as unknown as EditorHistory, history);
    server.on('exit', () => void (saved?.() ?? Promise.resolve()).then(() => resolve()));
  });
}
