// The shell on a terminal: node:repl with a custom eval that hands each line to the
// LessonShell. While a line runs, the terminal belongs to it (raw mode off, input paused),
// so Ctrl-C reaches the command and interactive programs get their keystrokes.
import repl from 'node:repl';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DOT_COMMANDS } from './dot-commands.js';
import { complete } from './completion.js';
import { handTerminalToCommand, takeTerminalBack } from './terminal-input.js';
import type { LessonShell } from './lesson-shell.js';

export function runTtyShell(shell: LessonShell, historyFile: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const server = repl.start({
      prompt: shell.prompt(),
      ignoreUndefined: true,
      preview: false,
      terminal: true,
      useGlobal: false,
      completer: (line: string) => complete(line, shell.latestState),
      eval: (cmd, _context, _file, callback) => {
        // After the last line (`exit`, .quit) no prompt: the shell is closing.
        void runLine(cmd).then(() => { if (!closing) callback(null, undefined); }, (err) => callback(err as Error, undefined));
      },
    });

    const runLine = async (line: string) => {
      handTerminalToCommand(process.stdin);
      try {
        if ((await shell.handleLine(line)) === 'quit') { closing = true; server.close(); }
      } finally {
        if (!closing) { takeTerminalBack(process.stdin); server.setPrompt(shell.prompt()); }
      }
    };

    // Our dot-commands replace node:repl's own (.break, .editor, .load, …).
    for (const name of Object.keys(server.commands)) delete (server.commands as Record<string, unknown>)[name];
    for (const c of DOT_COMMANDS) {
      server.defineCommand(c.name, {
        help: c.help,
        action(arg: string) {
          void runLine(`.${c.name} ${arg}`).then(() => { if (!closing) server.displayPrompt(); });
        },
      });
    }
    server.defineCommand('exit', { help: 'end the lab', action() { closing = true; server.close(); } });

    // Ctrl-C at the prompt clears the line, as in a shell; it never ends the lab.
    server.removeAllListeners('SIGINT');
    server.on('SIGINT', () => {
      server.clearBufferedCommand();
      process.stdout.write('^C\n');
      server.displayPrompt();
    });
    process.on('SIGINT', () => { /* a running command's Ctrl-C is the command's */ });

    if (historyFile) {
      try {
        mkdirSync(dirname(historyFile), { recursive: true });
        server.setupHistory(historyFile, () => {});
      } catch { /* history is a comfort, not a need */ }
    }
    server.on('exit', () => resolve());
  });
}
