// The shell on a real terminal (a pty through `script`): Ctrl-C stops the running command
// and not the lab, Tab completes, interactive programs get the keyboard, Ctrl-D ends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NSLAB, ROOT, labProcesses, labTagEnv, newLabTag } from '../helpers/lab.js';
import { startOnPty, type PtySession } from '../helpers/pty.js';

const LESSONS = join(ROOT, 'test', 'fixtures', 'shell', 'lessons');
let session: PtySession | undefined;
let tag = '';
afterEach(() => session?.kill());

function start(): PtySession {
  const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
  tag = newLabTag();
  session = startOnPty(`${NSLAB} start 1`, { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, ...labTagEnv(tag) });
  return session;
}

describe('lesson shell on a terminal', () => {
  it('Ctrl-C stops a running command, not the shell; the next line runs', async () => {
    const s = start();
    await s.waitFor('host # ');
    s.send('sleep 300; echo after-sleep\r');
    await s.waitFor('sleep 300');
    await new Promise((r) => setTimeout(r, 300));
    s.send('\x03');
    let at = await s.waitFor('host # ', s.output.indexOf('sleep 300'));
    s.send('echo still-$((40+2))\r');
    at = await s.waitFor('still-42', at);
    expect(s.output).not.toContain('after-sleep\r\n');
    s.send('ip netns add net1\r');
    await s.waitFor('Step 1 done', at);
  });

  it('a line starting with ./ runs as a command, and an unknown .word gets nslab\'s message', async () => {
    const s = start();
    await s.waitFor('host # ');
    s.send('printf \'#!/bin/sh\\necho ran-$1\\n\' > /tmp/x.sh; chmod +x /tmp/x.sh; cd /tmp\r');
    let at = await s.waitFor('host # ', await s.waitFor('chmod'));
    s.send('./x.sh ok\r');
    at = await s.waitFor('ran-ok', at);
    s.send('.frobnicate\r');
    at = await s.waitFor('unknown command .frobnicate', at);
    expect(s.output).not.toContain('Invalid REPL keyword');
    s.send('.quit\r');
    expect(await s.exited).toBe(0);
  });

  it('Tab completes dot-commands and live names; Ctrl-D ends the lab', async () => {
    const s = start();
    await s.waitFor('host # ');
    s.send('ip netns add net1\r');
    const at = await s.waitFor('Step 1 done');
    await s.waitFor('host # ', at);
    s.send('.ent\t');
    await s.waitFor('.enter', at);
    s.send(' ne\t');
    await s.waitFor('.enter net1', at);
    s.send('\r');
    const inside = await s.waitFor('now in net1', at);
    await s.waitFor('net1 # ', inside);
    s.send('\x04');
    expect(await s.exited).toBe(0);
    expect(labProcesses(tag)).toEqual([]);
  });

  it('an interactive program gets the keyboard and gives it back', async () => {
    const s = start();
    await s.waitFor('host # ');
    s.send('read -p "name? " who; echo "hello-$who"\r');
    // The prompt bash's `read` prints, on a line of its own (not the echo of the typed line).
    const at = await s.waitFor(/\nname\? /);
    s.send('learner\r');
    await s.waitFor('hello-learner', at);
    s.send('.quit\r');
    expect(await s.exited).toBe(0);
  });
});

describe('.reset on a terminal', () => {
  it('starts a fresh lab at the current step, with the earlier steps replayed', async () => {
    const s = start();
    await s.waitFor('host # ');
    s.send('ip netns add net1\r');
    let at = await s.waitFor('Step 1 done');
    await s.waitFor('[01 · 2/3] host # ', at);
    s.send('ip link add stray0 type veth peer name stray1\r');
    at = await s.waitFor('stray0', at);
    await s.waitFor('host # ', at + 10);
    s.send('.reset\r');
    at = await s.waitFor('replaying steps 1–1', at);
    await s.waitFor('[01 · 2/3] host # ', at);
    s.send('ip -br link show stray0 2>&1; echo "NS=$(ip netns list)."\r');
    const end = await s.waitFor('NS=net1.', at);
    expect(s.output.slice(at, end)).toMatch(/Device "stray0" does not exist/);
    await s.waitFor('host # ', end);
    s.send('.quit\r');
    expect(await s.exited).toBe(0);
    expect(labProcesses(tag)).toEqual([]);
  });
});

describe('nslab sandbox on a terminal', () => {
  it('is the learning shell without a lesson: explanations, .enter, no lesson commands; exit N ends it with N', async () => {
    tag = newLabTag();
    session = startOnPty(`${NSLAB} sandbox --containers 1`, labTagEnv(tag));
    const s = session;
    await s.waitFor('nslab host # ');
    s.send('brctl show\r');
    let at = await s.waitFor('is a port of docker0. Its veth peer is eth0 in container c1');
    s.send('.enter c1\r');
    at = await s.waitFor('nslab c1 # ', at);
    s.send('.hint\r');
    at = await s.waitFor('belongs to lessons', at);
    s.send('.host\r');
    at = await s.waitFor('nslab host # ', at);
    s.send('exit 3\r');
    expect(await s.exited).toBe(3);
    expect(labProcesses(tag)).toEqual([]);
  });
});

describe('handing the keyboard to a command', () => {
  // node:repl resumes its input on its own schedule: the history file's set-up, finishing
  // a few milliseconds after the first prompt, calls resume() whenever it is ready. If that
  // falls while a command has the terminal, the command's keys must still go to it.
  const HOLDER = `
import { spawn } from 'node:child_process';
const { handTerminalToCommand, takeTerminalBack } = await import(${JSON.stringify(join(ROOT, 'dist', 'repl', 'terminal-input.js'))});
process.stdin.setRawMode(true);
process.stdin.on('data', (d) => process.stdout.write('node-got:' + JSON.stringify(String(d)) + '\\r\\n'));
handTerminalToCommand(process.stdin);
process.stdin.resume();
const child = spawn('sh', ['-c', 'echo command-ready; read -r x; echo "command-got:$x"'], { stdio: 'inherit' });
child.on('exit', () => { takeTerminalBack(process.stdin); process.stdout.write('node-back\\r\\n'); });
`;

  it('goes to the command even when something resumes nslab\'s input meanwhile, and comes back after', async () => {
    const s = startOnPty(`node --input-type=module -e ${shellQuote(HOLDER)}`);
    session = s;
    let at = await s.waitFor('command-ready');
    s.send('typed\r');
    at = await s.waitFor('command-got:typed', at);
    await s.waitFor('node-back', at);
    s.send('k');
    await s.waitFor('node-got:"k"', at);
    expect(s.output).not.toContain('node-got:"typed');
  });
});

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
