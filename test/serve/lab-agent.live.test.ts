// A real lab's terminal agent (bin/lib/agent.pl, its pid 1 in a workshop), driven as the
// server drives it: on a pseudo-terminal, bash sessions started and fed through it, the
// terminal the line's while it runs and the agent's again after it.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { killAgentLabs, startAgentLab, type AgentLab } from '../helpers/agent-lab.js';
import { BashSession, ShellExitedError } from '../../src/place/bash-session.js';
import { labEnvironment, labPidOne, outsideLab, withLab } from '../../src/sandbox/lab-access.js';
import { run } from '../../src/sandbox/exec.js';
import { INPUT_MAX } from '../../src/sandbox/lab-process.js';
import { startInLab } from '../../src/sandbox/lab-program.js';
import { ROOT } from '../helpers/lab.js';

afterEach(() => killAgentLabs());

function session(lab: AgentLab): BashSession {
  return new BashSession({ stdinIsTerminal: true, start: lab.sessions.start, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TERM: 'xterm' }, out: () => {}, err: () => {} });
}

const until = async (what: string, ok: () => boolean, ms = 10000) => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('a lab\'s terminal agent', () => {
  it('runs lines in a bash of the lab that keeps its state, on the terminal or captured', async () => {
    const lab = await startAgentLab();
    const bash = session(lab);
    await expect(bash.runLine('x=5; echo on-the-terminal-$x')).resolves.toEqual({ exitCode: 0 });
    expect(lab.screen()).toContain('on-the-terminal-5\r\n');
    const r = await bash.runLine('echo $x $(hostname); ip -br link show lo; false', { capture: true });
    expect(r).toMatchObject({ exitCode: 1, stderr: '' });
    expect(r.stdout).toMatch(/^5 nslab\nlo +/);
    expect(lab.screen()).not.toContain('5 nslab'); // captured: the server shows it, not the terminal
    await expect(bash.runLine('rout -n')).resolves.toEqual({ exitCode: 127, notFound: ['rout'] });
    await expect(bash.runLine('exit 3')).rejects.toEqual(new ShellExitedError(3));
  });

  it('gives a running line the terminal (its keys, its Ctrl-C) and takes it back, raw, after', async () => {
    const lab = await startAgentLab();
    const bash = session(lab);
    // A line that reads the terminal gets what is typed, with the terminal's own echo.
    const read = bash.runLine('echo ready-to-read; read -r answer; echo "got:$answer"');
    await until('the line to run', () => lab.screen().includes('ready-to-read'));
    lab.pty.write('forty-two\r');
    await expect(read).resolves.toEqual({ exitCode: 0 });
    expect(lab.screen()).toContain('forty-two\r\ngot:forty-two');
    // Ctrl-C ends the line's program, not the session.
    const from = lab.screen().length;
    const sleeping = bash.runLine('echo sleeping; sleep 100; echo not-reached');
    await until('the line to run', () => lab.screen().slice(from).includes('sleeping'));
    lab.pty.write('\x03');
    await expect(sleeping).resolves.toEqual({ exitCode: 130 });
    expect(lab.screen()).not.toContain('not-reached');
    // A program that took the terminal's foreground and died with it is no matter: the
    // next line has the terminal, and keys typed at the prompt are the editor's.
    await expect(bash.runLine('bash -ic "kill -9 \\$\\$" 2>/dev/null; echo next')).resolves.toMatchObject({ exitCode: 0 });
    await expect(bash.runLine('stty -a | grep -o " -icanon\\| icanon" | head -1', { capture: true })).resolves.toMatchObject({ stdout: ' icanon\n' });
    const before = lab.screen().length;
    lab.pty.write('typed ahead');
    await until('the keys typed at a prompt', () => lab.typed.join('') === 'typed ahead');
    expect(lab.screen().slice(before)).toBe(''); // raw: the terminal echoed nothing
  });

  it('ends the lab with the status the server says bye with', async () => {
    const lab = await startAgentLab();
    lab.sessions.bye(5);
    await expect(lab.exit).resolves.toBe(5);
  });

  it('enters and reads nothing of a lab once it has ended, its pid 1\'s pid being anyone\'s then', async () => {
    const lab = await startAgentLab();
    const pid1 = labPidOne(lab.pty.pid)!;
    const { NSLAB_AGENT_TOKEN: _, ...launcherEnv } = lab.env;
    const access = outsideLab(pid1, labEnvironment(launcherEnv, ROOT, pid1));
    expect(access.same!()).toBe(true);
    await expect(withLab(access, () => run(['true']))).resolves.toMatchObject({ exitCode: 0 });
    lab.sessions.bye(0);
    await lab.exit;
    expect(access.same!()).toBe(false);
    await expect(withLab(access, () => run(['true']))).resolves.toMatchObject({ exitCode: 125, stderr: 'nslab: this lab has ended\n' });
  });

  it('computes the environment a lab\'s own processes have, as nslab run shows it', async () => {
    const lab = await startAgentLab();
    const pid1 = labPidOne(lab.pty.pid)!;
    expect(pid1).toBeDefined();
    const { NSLAB_AGENT_TOKEN: _, ...launcherEnv } = lab.env;
    const computed = labEnvironment(launcherEnv, ROOT, pid1);
    // A lab of the same user, launched with the same environment, its command run by the
    // lab's own Node: what lab-launch.pl and lab-init.pl gave it.
    const r = spawnSync(join(ROOT, 'bin', 'nslab'), ['run', '--', 'env'], { env: { ...launcherEnv, TMPDIR: '/tmp' }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const inside = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    for (const key of ['NSLAB_IN_LAB', 'NSLAB_ROOT', 'NSLAB_OUTER_UID', 'NSLAB_OUTER_NETNS', 'NSLAB_USERNS_MODE', 'NSLAB_OUTER_HOME', 'HOME', 'PATH', 'TMPDIR']) {
      expect(computed[key], key).toBe(inside[key]);
    }
  });
});

describe('a lab reached from outside, whose root has put programs of their own in its way', () => {
  it('starts nslab\'s own programs in the lab, a child of its pid 1: with input, and ended by the signal asked for', async () => {
    const lab = await startAgentLab();
    const pid1 = labPidOne(lab.pty.pid)!;
    const { NSLAB_AGENT_TOKEN: _, ...launcherEnv } = lab.env;
    const access = outsideLab(pid1, labEnvironment(launcherEnv, ROOT, pid1), lab.sessions.start);
    // run() with input (the walk's `nft -f -`): its stdin, whole, and nothing else.
    const fed = await withLab(access, () => run(['sh', '-c', 'cat; echo "ppid=$PPID"'], { input: 'table inet x {}\nsecond line\n' }));
    expect(fed).toMatchObject({ exitCode: 0, stdout: 'table inet x {}\nsecond line\nppid=1\n' });
    // More than the agent takes at once is given from outside: still whole.
    const big = 'y'.repeat(INPUT_MAX + 1);
    await expect(withLab(access, () => run(['wc', '-c'], { input: big }))).resolves.toMatchObject({ stdout: `${INPUT_MAX + 1}\n` });
    // A watcher (the walk's tcpdump): its output as it comes, its end by SIGINT.
    const program = withLab(access, () => startInLab(['sh', '-c', 'trap "echo got-int; exit 3" INT; echo "up ppid=$PPID" >&2; while :; do sleep 0.05; done']));
    let err = '';
    let out = '';
    program.onStderr((t) => { err += t; });
    program.onStdout((t) => { out += t; });
    await until('the program to start', () => err.includes('up'));
    expect(err).toBe('up ppid=1\n');
    expect(program.done).toBe(false);
    program.signal('SIGINT');
    await expect(program.ended).resolves.toEqual({});
    expect(out).toBe('got-int\n');
    expect(program.done).toBe(true);
  });

  it('runs the machine\'s nsenter to enter it, not one the lab mounted over it', async () => {
    const lab = await startAgentLab();
    const bash = session(lab);
    const planted = await bash.runLine('printf "#!/bin/sh\\ntouch /tmp/planted-ran\\nexec /bin/true\\n" > /tmp/nsenter && chmod +x /tmp/nsenter && mount --bind /tmp/nsenter /usr/bin/nsenter && /usr/bin/nsenter; ls /tmp/planted-ran && rm /tmp/planted-ran', { capture: true });
    expect(planted.stdout).toContain('/tmp/planted-ran'); // in the lab, nsenter is theirs now
    const pid1 = labPidOne(lab.pty.pid)!;
    const { NSLAB_AGENT_TOKEN: _, ...launcherEnv } = lab.env;
    const inside = outsideLab(pid1, labEnvironment(launcherEnv, ROOT, pid1));
    const r = await withLab(inside, () => run(['sh', '-c', 'hostname; readlink /proc/self/ns/user']));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('nslab');
    const after = await bash.runLine('ls /tmp/planted-ran 2>&1; readlink /proc/self/ns/user', { capture: true });
    expect(after.stdout).toContain('No such file');
    expect(r.stdout.split('\n')[1]).toBe(after.stdout.trim().split('\n').pop()); // as the lab's root, not above it
  });
});
