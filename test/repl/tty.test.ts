// The shell on a real terminal (a pty through `script`): Ctrl-C stops the running command
// and not the lab, Tab completes, interactive programs get the keyboard, Ctrl-D ends.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NSLAB, ROOT, labProcesses, labTagEnv, newLabTag } from '../helpers/lab.js';
import { LAUNCH_PATHS, launchOnPty, shellQuote, startOnPty, type LaunchPath, type PtySession } from '../helpers/pty.js';

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

  it('lines pasted together all run, in order, and the prompt comes back after the last', async () => {
    const s = start();
    const at = await s.waitFor('host # ');
    s.send('echo one-$((1))\recho two-$((2))\rsleep 0.5; echo three-$((3))\recho four-$((4))\r');
    const end = await s.waitFor('four-4', at);
    const out = s.output.slice(at);
    expect(out).not.toContain('could not be handled');
    expect(['one-1', 'two-2', 'three-3', 'four-4'].map((w) => out.indexOf(w))).toEqual([...['one-1', 'two-2', 'three-3', 'four-4'].map((w) => out.indexOf(w))].sort((a, b) => a - b));
    await s.waitFor('host # ', end);
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

// What a program run on the terminal must leave behind: nslab's prompt again, with the
// terminal nslab's (its next line runs in the lab), and no sign that the terminal was lost.
// A shell run inside, and its prompt (dash's own for root; bash's set, as the machine's
// bashrc may set another): typing on before a program has the terminal would give the
// keys to nslab.
const SH_PROMPT = /\n# /;
const BASH = "PS1='in-\\u-bash ' bash --norc";
const BASH_PROMPT = 'in-root-bash ';

async function backAtPrompt(s: PtySession, from: number, probe: string): Promise<number> {
  const at = await s.waitFor('nslab host # ', from);
  s.send(`echo "back-$(hostname)-${probe}"\r`);
  const end = await s.waitFor(`back-nslab-${probe}`, at);
  expect(s.output.slice(from, end)).not.toMatch(/Stopped|Cannot set tty process group|EIO|Uncaught/);
  return end;
}

async function sandboxOn(path: LaunchPath): Promise<ReturnType<typeof launchOnPty>> {
  tag = newLabTag();
  const launched = launchOnPty(path, `${NSLAB} sandbox --containers 1`, labTagEnv(tag));
  session = (await launched).session;
  return launched;
}

/** Waits (20 s at most) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
}

/** The lab's processes once they are gone (they end a moment after their terminal). */
async function labGone(): Promise<string[]> {
  await until(() => labProcesses(tag).length === 0);
  return labProcesses(tag);
}

describe.each(LAUNCH_PATHS)('interactive programs, nslab started as %s', (path) => {
  it('a shell run on the terminal (docker exec -it, bash) gives it back; exit N still ends nslab with N', async () => {
    const { session: s, status } = await sandboxOn(path);
    let at = await s.waitFor('nslab host # ');
    s.send('docker exec -it c1 sh\r');
    await s.waitFor(SH_PROMPT, at);
    s.send('echo "in-c1-$((6*7))"\r');
    at = await s.waitFor('in-c1-42', at);
    s.send('exit\r');
    at = await backAtPrompt(s, at, 'after-sh');
    s.send(`${BASH}\r`);
    await s.waitFor(BASH_PROMPT, at);
    s.send('echo "in-bash-$((6*8))"\r');
    at = await s.waitFor('in-bash-48', at);
    s.send('exit\r');
    at = await backAtPrompt(s, at, 'after-bash');
    s.send('exit 4\r');
    expect(await status()).toBe(4);
    // The broker outlives the launcher by as long as the lab winds down (bin/lab-launch.pl):
    // the status can come back a moment before the last process ends. It must end.
    expect(await labGone()).toEqual([]);
  });

  it('a program killed while it holds the terminal does not keep it', async () => {
    const { session: s, status } = await sandboxOn(path);
    let at = await s.waitFor('nslab host # ');
    s.send(`${BASH}\r`);
    await s.waitFor(BASH_PROMPT, at);
    s.send('echo "in-bash-$((6*8))"; kill -9 $$\r');
    at = await s.waitFor('in-bash-48', at);
    at = await backAtPrompt(s, at, 'after-kill');
    s.send('exit\r');
    expect(await status()).toBe(0);
  });

  it('Ctrl-Z neither stops nor freezes nslab: Ctrl-C still ends the command', async () => {
    const { session: s, status } = await sandboxOn(path);
    let at = await s.waitFor('nslab host # ');
    s.send('echo "sleeping-$((1+1))"; sleep 300; echo after-sleep\r');
    at = await s.waitFor('sleeping-2', at);
    // Keys typed within a millisecond of `sleep` being forked would reach the shell, not
    // sleep: bash runs its Ctrl-C trap only once the command it has started ends.
    await until(() => labProcesses(tag).some((p) => p.endsWith(' sleep 300')));
    s.send('\x1a');
    at = await s.waitFor('no job control', at);
    s.send('\x03');
    at = await backAtPrompt(s, at, 'after-ctrl-z');
    expect(s.output).not.toContain('after-sleep\r\n');
    s.send('exit\r');
    expect(await status()).toBe(0);
  });
});

describe.each([...LAUNCH_PATHS, 'plain sh' as const])('nslab started as %s ends with its terminal', (path) => {
  it('after an interactive program gave the terminal back', async () => {
    const { session: s } = await sandboxOn(path);
    let at = await s.waitFor('nslab host # ');
    s.send(`${BASH}\r`);
    await s.waitFor(BASH_PROMPT, at);
    s.send('echo "in-bash-$((6*8))"\r');
    at = await s.waitFor('in-bash-48', at);
    s.send('exit\r');
    await backAtPrompt(s, at, 'before-hangup');
    expect(labProcesses(tag)).not.toEqual([]);
    s.kill();
    expect(await labGone()).toEqual([]);
  });

  it('while an interactive program holds the terminal', async () => {
    const { session: s } = await sandboxOn(path);
    const at = await s.waitFor('nslab host # ');
    s.send('docker exec -it c1 sh\r');
    await s.waitFor(SH_PROMPT, at);
    s.send('echo "in-c1-$((6*7))"\r');
    await s.waitFor('in-c1-42', at);
    s.kill();
    expect(await labGone()).toEqual([]);
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

// A process in the lab holds nslab's terminal, and the kernel here still lets a process
// push keystrokes into its own terminal's input (TIOCSTI, dev.tty.legacy_tiocsti=1): the
// shell that started nslab would read them once nslab ends, and run them outside the lab.
describe('the terminal nslab was started from', () => {
  it('cannot be typed into from the lab (TIOCSTI is refused), so nothing runs outside it afterwards', async () => {
    const proof = join(mkdtempSync(join(tmpdir(), 'nslab-tiocsti-')), 'proof');
    const inject = `perl -e 'require q{sys/ioctl.ph}; for (split //, qq{touch ${proof}\\n}) { ioctl(STDIN, 0x5412, $_) or print qq{refused: $!\\n} }' | sort -u; echo injection-tried`;
    const { session, status } = await launchOnPty('job-control shell', `${NSLAB} run -- ${shellQuote(inject)}`);
    await session.waitFor('injection-tried');
    expect(await status()).toBe(0);
    expect(session.output).toContain('refused: Operation not permitted');
    expect(existsSync(proof)).toBe(false);
    session.kill();
  });
});
