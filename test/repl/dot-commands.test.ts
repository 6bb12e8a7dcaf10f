// The dot-commands on a LessonShell with no lab behind it: a lesson parsed from text, a
// hand-built kernel state, and a markdown renderer that shows what it rendered.
import { describe, expect, it } from 'vitest';
import { LessonShell } from '../../src/repl/lesson-shell.js';
import type { BashSession } from '../../src/place/bash-session.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { dockerLab } from '../lesson/fixtures.js';

const LESSON = `---
id: 07-dots
title: Dot-command test lesson
summary: One step with a ran check written as a pattern.
source: [000_78999af4495e8de8.txt]
preset: docker-host
---

Intro.

## Look at the interfaces

List them.

\`\`\`sh
ip a
\`\`\`

\`\`\`check
ran /^ip\\s+(-\\S+\\s+)*a\\w*(\\s|$)/
ran brctl show
\`\`\`

### Hints
1. The command is \`ip a\`.
`;

function shellWith(): { shell: LessonShell; out: string[] } {
  const parsed = parseLesson(LESSON, '07-dots.md');
  if (!parsed.lesson) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const out: string[] = [];
  const session = { hasExited: false, runLine: async () => ({ exitCode: 0, stdout: '', stderr: '' }), close() {} } as unknown as BashSession;
  const shell = new LessonShell({
    lesson: parsed.lesson,
    print: (t) => out.push(t),
    markdown: (md) => md.replace(/`([^`]+)`/g, '<code>$1</code>') + '\n',
    snapshot: async () => dockerLab(),
    prober: { ping: async () => false },
    newSession: () => session,
    color: false,
  });
  return { shell, out };
}

describe('dot-commands speak to the learner, not of internals', () => {
  it('.hint renders its markdown as the step prose is rendered (no raw backticks)', async () => {
    const { shell, out } = shellWith();
    await shell.handleLine('.hint');
    expect(out.join('')).toContain('hint 1/1: The command is <code>ip a</code>.');
    expect(out.join('')).not.toContain('`ip a`');
  });
  it('.check says what to run and what was run, never the pattern', async () => {
    const { shell, out } = shellWith();
    await shell.handleLine('.check');
    const before = out.join('');
    expect(before).toContain('✘ run `ip a` (or a command like it)\n    expected: `ip a` (or a command like it) run in this step');
    expect(before).toContain('✘ run `brctl show`\n');
    expect(before).not.toContain('/^ip');
    out.length = 0;
    await shell.handleLine('ip -br a');
    await shell.handleLine('.check');
    expect(out.join('')).toContain('✔ you ran `ip -br a`');
    expect(out.join('')).not.toContain('/^ip');
  });
});
