// The shell without a terminal (`nslab start L < file`): each input line is printed after
// the prompt, then what it did. Never waits on stdin beyond its end.
import { createInterface } from 'node:readline';
import type { LessonShell } from './lesson-shell.js';

export async function runPipeShell(shell: LessonShell): Promise<'quit' | 'eof'> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) {
      shell.print(shell.prompt() + line + '\n');
      if ((await shell.handleLine(line)) === 'quit') return 'quit';
    }
    return 'eof';
  } finally {
    rl.close();
  }
}
