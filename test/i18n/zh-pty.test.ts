// The shell in Chinese on a real terminal 60 columns wide: the step's text, its hints and
// the lesson's intro are filled to the width counting a Chinese character as two columns,
// so no line runs past the terminal's edge.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/view/display-width.js';
import { NSLAB } from '../helpers/lab.js';
import { startOnPty, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;
afterEach(() => session?.kill());

/** The screen's lines as a person sees them: escape sequences gone, each line as the
 * cursor last left it (the line editor redraws a line from its first column). */
function screenLines(output: string): string[] {
  return output
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\x1b\][^\x07]*\x07/g, '')
    .split(/\r?\n/)
    .map((l) => l.split('\r').pop()!);
}

describe('the Chinese shell on a 60-column terminal', () => {
  it('keeps every line within the width', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-zh-'));
    session = startOnPty(`stty cols 60 rows 40; ${NSLAB} start 01 --lang zh-CN`, { XDG_STATE_HOME: state, COLUMNS: '60' });
    let at = await session.waitFor('host # ');
    expect(session.output).toContain('找到 docker0');
    session.send('.hint\r');
    at = await session.waitFor('host # ', at + 1);
    session.send('.hint\r');
    at = await session.waitFor('host # ', at + 1);
    session.send('.quit\r');
    await session.exited;
    const lines = screenLines(session.output);
    const wide = lines.filter((l) => /[\u4e00-\u9fff]/.test(l));
    expect(wide.length).toBeGreaterThan(5); // the test is about Chinese lines: there are some
    expect(lines.filter((l) => displayWidth(l) > 60)).toEqual([]);
  }, 60_000);
});
