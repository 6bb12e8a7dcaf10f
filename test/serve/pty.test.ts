// Both terminal backends of `nslab serve`, held to the same behaviour: a real tty, its size
// and resizes, Ctrl-C, exit codes, kill, back-pressure under a flood, full-screen programs.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { chooseBackend, ptyBackend, ptyBackendName, spawnPty, type PtyExit, type PtyProcess } from '../../src/serve/pty.js';

const hasPython = spawnSync('python3', ['-c', 'import pty']).status === 0;
const nodePtyLoads = (() => {
  try { ptyBackend(); return true; } catch { return false; }
})();

interface Session {
  term: PtyProcess;
  readonly bytes: number;
  text(): string;
  waitFor(pattern: RegExp, from?: number): Promise<number>;
  exited: Promise<PtyExit>;
}

const running: PtyProcess[] = [];
afterEach(() => {
  for (const t of running.splice(0)) t.kill('SIGKILL');
  delete process.env.NSLAB_PTY;
});

function start(backend: string, file: string, args: string[], size = { cols: 80, rows: 24 }): Session {
  if (backend === 'python') process.env.NSLAB_PTY = 'python';
  else delete process.env.NSLAB_PTY;
  const term = spawnPty(file, args, { ...size, env: { PATH: process.env.PATH, HOME: '/tmp', PS1: 'PROMPT> ' } });
  running.push(term);
  const chunks: Buffer[] = [];
  let bytes = 0;
  const waiters = new Set<() => void>();
  term.onData((c) => { chunks.push(c); bytes += c.length; waiters.forEach((w) => w()); });
  let done = false;
  const exited = new Promise<PtyExit>((resolve) => term.onExit((e) => { done = true; waiters.forEach((w) => w()); resolve(e); }));
  const text = () => Buffer.concat(chunks).toString('utf8');
  return {
    term,
    get bytes() { return bytes; },
    text,
    exited,
    waitFor(pattern, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const i = text().slice(from).search(pattern);
          if (i >= 0) { waiters.delete(check); clearTimeout(timer); resolve(from + i); }
          else if (done) { waiters.delete(check); clearTimeout(timer); reject(new Error(`exited before ${pattern}; screen:\n${text()}`)); }
        };
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`no ${pattern} within 20 s; screen:\n${text()}`)); }, 20_000);
        waiters.add(check);
        check();
      });
    },
  };
}

const backends = [
  { backend: 'node-pty', skip: nodePtyLoads ? '' : '@lydell/node-pty does not load here' },
  { backend: 'python', skip: hasPython ? '' : 'python3 is not installed' },
];
for (const b of backends) if (b.skip) console.log(`skipping the ${b.backend} pty tests: ${b.skip}`);

describe.each(backends)('pty backend $backend', ({ backend, skip }) => {
  const test = skip ? it.skip : it;

  test('is the backend asked for', () => {
    if (backend === 'python') process.env.NSLAB_PTY = 'python';
    expect(ptyBackendName()).toMatch(new RegExp(`^${backend}: `));
  });

  test('runs the program on a terminal of its own (tty prints /dev/pts/N)', async () => {
    const s = start(backend, 'tty', []);
    expect(await s.exited).toEqual({ exitCode: 0 });
    expect(s.text()).toMatch(/^\/dev\/pts\/\d+\r\n$/);
  });

  test('stty size reports the size spawned with, then the size after resize()', async () => {
    const s = start(backend, 'sh', [], { cols: 91, rows: 17 });
    await s.waitFor(/PROMPT> /);
    s.term.write('stty size\r');
    const first = await s.waitFor(/\b17 91\r\n/);
    s.term.resize(123, 45);
    s.term.write('stty size\r');
    await s.waitFor(/\b45 123\r\n/, first + 5);
    s.term.write('exit\r');
    expect(await s.exited).toEqual({ exitCode: 0 });
  });

  test('a resize sends SIGWINCH to the program', async () => {
    const s = start(backend, 'sh', ['-c', 'trap "echo WINCH \\$(stty size)" WINCH; echo READY; while :; do sleep 0.05; done']);
    await s.waitFor(/READY/);
    s.term.resize(100, 30);
    await s.waitFor(/WINCH 30 100/);
  });

  test('Ctrl-C interrupts sleep 100 and the prompt returns', async () => {
    const s = start(backend, 'sh', []);
    await s.waitFor(/PROMPT> /);
    // START comes from the job itself, so the job holds the terminal when ^C is typed.
    s.term.write('sh -c "echo START; exec sleep 100"\r');
    const started = await s.waitFor(/^START\r$/m);
    s.term.write('\x03');
    await s.waitFor(/PROMPT> /, started);
    s.term.write('echo ALIVE\r');
    await s.waitFor(/^ALIVE\r$/m);
  });

  test("reports the exit code of sh -c 'exit 3'", async () => {
    expect(await start(backend, 'sh', ['-c', 'exit 3']).exited).toEqual({ exitCode: 3 });
  });

  test('onExit comes when the program ends, though a background job still holds the terminal', async () => {
    const s = start(backend, 'sh', ['-c', 'sleep 5 & echo BACKGROUND; exit 4']);
    expect(await s.exited).toEqual({ exitCode: 4 });
    expect(s.text()).toContain('BACKGROUND');
  });

  test('kill() ends a running program and onExit reports the signal', async () => {
    const s = start(backend, 'sh', ['-c', 'echo STARTED; exec sleep 100']);
    await s.waitFor(/STARTED/);
    s.term.kill();
    expect(await s.exited).toEqual({ exitCode: 0, signal: 1 });
    s.term.kill(); // after the exit: ignored, not an error
    s.term.write('x');
  });

  test('pause() holds a flood back with memory bounded; resume() lets it flow again', async () => {
    const s = start(backend, 'yes', []);
    await s.waitFor(/y\r\ny\r\n/);
    s.term.pause();
    const atPause = s.bytes;
    const rssAtPause = process.memoryUsage().rss;
    // While paused, at most what was already read and the stream's buffer arrive.
    await new Promise((r) => setTimeout(r, 1500));
    const heldBack = s.bytes - atPause;
    expect(heldBack).toBeLessThan(4 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssAtPause).toBeLessThan(64 * 1024 * 1024);
    s.term.resume();
    const before = s.bytes;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => { if (s.bytes > before + 1024 * 1024) { clearInterval(poll); resolve(); } }, 20);
    });
    s.term.write('\x03');
    expect((await s.exited).signal).toBe(2);
  });

  test('Ctrl-C reaches a flooding program even while its output is paused', async () => {
    const s = start(backend, 'yes', []);
    await s.waitFor(/y\r\n/);
    s.term.pause();
    s.term.write('\x03');
    const exit = s.exited;
    s.term.resume();
    expect((await exit).signal).toBe(2);
  });

  test('a full-screen program switches screens, reads a line and exits', async () => {
    const s = start(backend, 'sh', ['-c', 'printf "\\033[?1049h"; stty -echo; read x; printf "\\033[?1049lGOT:%s\\n" "$x"']);
    await s.waitFor(/\x1b\[\?1049h/);
    s.term.write('hello there\r');
    expect(await s.exited).toEqual({ exitCode: 0 });
    expect(s.text()).toMatch(/\x1b\[\?1049lGOT:hello there\r\n$/);
  });

  test('resize() refuses a size that is no terminal size', () => {
    const s = start(backend, 'sleep', ['100']);
    expect(() => s.term.resize(0, 10)).toThrow(/1 to 65535/);
    expect(() => s.term.resize(80.5, 10)).toThrow(RangeError);
  });
});

describe('choosing the pty backend', () => {
  const fake = (name: 'node-pty' | 'python') => (why: string) => ({ name, why, spawn: () => { throw new Error('unused'); } });
  const broken = (msg: string) => () => { throw new Error(msg); };

  it('takes node-pty when it loads, python when asked or when node-pty cannot load', () => {
    expect(chooseBackend(undefined, { nodePty: fake('node-pty'), python: fake('python') }).name).toBe('node-pty');
    expect(chooseBackend('python', { nodePty: fake('node-pty'), python: fake('python') }).name).toBe('python');
    const fallback = chooseBackend('', { nodePty: broken('no binary for linux-riscv64'), python: fake('python') });
    expect(fallback.name).toBe('python');
    expect(fallback.why).toContain('no binary for linux-riscv64');
  });

  it('names both causes and what to install when neither backend works', () => {
    const run = () => chooseBackend(undefined, { nodePty: broken('no binary for linux-riscv64'), python: broken('python3 is not installed') });
    expect(run).toThrow(UserError);
    expect(run).toThrow(/no binary for linux-riscv64[\s\S]*python3 is not installed[\s\S]*npm install[\s\S]*apt-get install python3/);
  });

  it('refuses an unknown NSLAB_PTY value with the ones it takes', () => {
    expect(() => chooseBackend('tmux', { nodePty: fake('node-pty'), python: fake('python') })).toThrow(/NSLAB_PTY=tmux .*node-pty or python/);
  });
});
