// The shell of a workshop lab whose lines the server edits (src/serve/page-line-editor.ts
// says why): at its prompt it sends a frame saying so, and it reads each line as a frame
// from its terminal; while a line runs, the terminal is the line's, as in the terminal's
// own shell (tty.ts). It echoes nothing itself: its terminal stays raw, with no echo, when
// a line is not running.
import { encodeFrame, FrameScanner, FROM_LAB, TO_LAB, type FromLabFrame, type ToLabFrame } from '../serve/line-frames.js';
import { complete } from './completion.js';
import { guardTerminalSignals, terminalGone } from './terminal-signals.js';
import { handTerminalToCommand, takeTerminalBack } from './terminal-input.js';
import type { LessonShell } from './lesson-shell.js';

export function runPageShell(shell: LessonShell, token: string): Promise<void> {
  const stdin = process.stdin;
  const scanner = new FrameScanner<ToLabFrame>(TO_LAB, token);
  const send = (f: FromLabFrame) => process.stdout.write(encodeFrame(FROM_LAB, token, f));
  guardTerminalSignals();
  return new Promise((resolve) => {
    let running = false;
    const lines: ToLabFrame[] = [];
    const end = () => {
      stdin.off('data', onData);
      stdin.pause();
      resolve();
    };
    const next = async () => {
      if (running) return;
      const frame = lines.shift();
      if (!frame) return;
      if (frame.kind === 'eof') return end();
      if (frame.kind !== 'line' || typeof frame.text !== 'string') return void next();
      running = true;
      handTerminalToCommand(stdin);
      // (handleLine reports a line that fails in nslab itself, and goes on: it never throws.)
      const outcome = await shell.handleLine(frame.text);
      running = false;
      if (outcome === 'quit') return end();
      if (takeTerminalBack(stdin) === 'gone') return terminalGone();
      send({ kind: 'prompt', prompt: shell.prompt() });
      void next();
    };
    const onData = (chunk: Buffer) => {
      for (const piece of scanner.push(chunk)) {
        if ('bytes' in piece) {
          // Keys typed for no command (after one ended, before its prompt): the server's
          // editor puts them on the next line.
          send({ kind: 'typeahead', text: piece.bytes.toString('utf8') });
          continue;
        }
        const f = piece.frame;
        if (f.kind === 'complete') {
          const [list, word] = typeof f.line === 'string' ? complete(f.line, shell.latestState) : [[], ''];
          send({ kind: 'completions', id: f.id, list, token: word });
        } else {
          lines.push(f);
          void next();
        }
      }
    };
    if (takeTerminalBack(stdin) === 'gone') return terminalGone();
    stdin.on('data', onData);
    send({ kind: 'prompt', prompt: shell.prompt() });
  });
}
