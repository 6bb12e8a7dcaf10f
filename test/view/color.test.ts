// NO_COLOR (any non-empty value, no-color.org) and --no-color turn ANSI colours off in every
// command and in both shells, on a real terminal (a pty through `script`), where colour
// would otherwise be on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/view/color.js';
import { NSLAB, ROOT } from '../helpers/lab.js';
import { startOnPty, type PtySession } from '../helpers/pty.js';

const ESC = '\x1b';
// Colour (SGR) sequences only: readline moves the cursor with other ESC sequences, which
// are no colour.
const SGR = /\x1b\[[0-9;]*m/;
const LESSONS = join(ROOT, 'test', 'fixtures', 'shell', 'lessons');

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  it('is on for a terminal, off for a pipe or TERM=dumb', () => {
    expect(colorEnabled(tty, { TERM: 'xterm' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { TERM: 'xterm' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
  });
  it('NO_COLOR with any non-empty value turns it off; an empty one does not', () => {
    for (const v of ['1', '0', 'yes', 'false']) expect(colorEnabled(tty, { TERM: 'xterm', NO_COLOR: v })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'xterm', NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { TERM: 'xterm', NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
  it('FORCE_COLOR turns it on through a pipe', () => {
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
  });
});

let session: PtySession | undefined;
afterEach(() => session?.kill());

function freshState(): NodeJS.ProcessEnv {
  return { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'nslab-color-')), NSLAB_LESSONS: LESSONS };
}

async function screenOf(command: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  session = startOnPty(command, { ...freshState(), ...env });
  await session.exited;
  return session.output;
}

const routeFile = join(mkdtempSync(join(tmpdir(), 'nslab-color-')), 'ip-route.txt');
writeFileSync(routeFile, 'default via 172.17.0.1 dev eth0\n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2\n');

// Each with the words that show it printed what it should, colour or none.
const COMMANDS: [string, string, RegExp][] = [
  ['list', `${NSLAB} list`, /01-shell-test/],
  ['progress', `${NSLAB} progress`, /01-shell-test/],
  ['doctor', `${NSLAB} doctor`, /kernel: veth/],
  ['lint', `${NSLAB} lint ${join(LESSONS, '01-shell-test.md')}`, /shell-test/],
  ['explain', `${NSLAB} explain --as "ip route" < ${routeFile}`, /default via 172\.17\.0\.1/],
  ['topo', `${NSLAB} topo --containers 1`, /docker0/],
];

describe('no ESC byte in any command\'s output', () => {
  it('control: on a terminal without NO_COLOR, `nslab list` and `nslab doctor` are coloured', async () => {
    expect(await screenOf(`${NSLAB} list`)).toContain(ESC);
    expect(await screenOf(`${NSLAB} doctor`)).toContain(ESC);
  });

  it.each(COMMANDS)('%s under NO_COLOR=1', async (_name, command, shows) => {
    const out = await screenOf(command, { NO_COLOR: '1' });
    expect(out).toMatch(shows);
    expect(out).not.toContain(ESC);
  });

  it.each(COMMANDS)('%s with --no-color', async (_name, command, shows) => {
    const [nslab, name, ...rest] = command.split(' ');
    const out = await screenOf([nslab, name, '--no-color', ...rest].join(' '));
    expect(out).toMatch(shows);
    expect(out).not.toContain(ESC);
  });

  it('--no-color before the command\'s name works too (and `list` still runs)', async () => {
    const out = await screenOf(`${NSLAB} --no-color list`);
    expect(out).toMatch(/01-shell-test/);
    expect(out).not.toContain(ESC);
  });
});

describe('no colour in the shells', () => {
  async function lessonScreen(command: string, env: NodeJS.ProcessEnv): Promise<string> {
    const s = startOnPty(command, { ...freshState(), ...env });
    session = s;
    let at = await s.waitFor(/host # /);
    // A line whose output gets notes, an error with its explanation, and a step passed.
    s.send('ip netns add net1\r');
    at = await s.waitFor(/host # /, (await s.waitFor(/ip netns add net1/, at)) + 1);
    s.send('ip a\r');
    at = await s.waitFor(/host # /, (await s.waitFor(/» /, at)) + 1);
    s.send('ip addr show dev nosuchlink\r');
    at = await s.waitFor(/There is no interface called nosuchlink/, at);
    await s.waitFor(/host # /, at);
    s.send('.quit\r');
    await s.exited;
    return s.output;
  }

  it('control: the lesson shell is coloured on a terminal', async () => {
    expect(await lessonScreen(`${NSLAB} start 1`, {})).toMatch(SGR);
  });

  it.each([
    ['start, NO_COLOR=1', `${NSLAB} start 1`, { NO_COLOR: '1' }],
    ['start --no-color', `${NSLAB} start 1 --no-color`, {}],
    ['sandbox, NO_COLOR=1', `${NSLAB} sandbox --preset bare`, { NO_COLOR: '1' }],
    ['sandbox --no-color', `${NSLAB} sandbox --preset bare --no-color`, {}],
  ])('%s: no colour sequence in notes, steps or errors', async (_name, command, env) => {
    const out = await lessonScreen(command, env);
    expect(out).not.toMatch(SGR);
  });
});
