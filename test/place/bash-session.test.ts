// The long-lived shell, without a lab: it only runs bash. State across lines, captured
// output with its end marker, and a shell that exits.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BashSession, ShellExitedError } from '../../src/place/bash-session.js';
import { BoundedText } from '../../src/place/bounded-text.js';
import { MarkerStream } from '../../src/place/marker-stream.js';

let sessions: BashSession[] = [];
afterEach(() => { sessions.forEach((s) => s.close()); sessions = []; });

function session() {
  const shown: Buffer[] = [];
  const s = new BashSession({ stdinIsTerminal: false, out: (b) => shown.push(b), err: (b) => shown.push(b) });
  sessions.push(s);
  return { s, shown: () => Buffer.concat(shown).toString() };
}

describe('BashSession', () => {
  it('keeps variables, cd and functions between lines', async () => {
    const { s } = session();
    await s.runLine('x=7; f() { echo "f:$1"; }; cd /tmp');
    const r = await s.runLine('echo "$x $PWD"; f y', { capture: true });
    expect(r).toEqual({ exitCode: 0, stdout: '7 /tmp\nf:y\n', stderr: '' });
  });

  it('a command not found is said as an interactive bash says it, named in the result, status 127', async () => {
    const { s } = session();
    const r = await s.runLine('rout -n', { capture: true });
    expect(r).toEqual({ exitCode: 127, notFound: ['rout'], stdout: '', stderr: 'bash: rout: command not found\n' });
    const two = await s.runLine('nope1 | cat; nope2; echo $?', { capture: true });
    expect(two.notFound).toEqual(['nope1', 'nope2']);
    expect(two.stdout).toBe('127\n');
    // Terminal mode too; and the next line is clean.
    expect((await s.runLine('rout')).notFound).toEqual(['rout']);
    expect(await s.runLine('true', { capture: true })).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('returns exit statuses and keeps stderr apart', async () => {
    const { s, shown } = session();
    const r = await s.runLine('echo out; echo err >&2; exit_code() { return 3; }; exit_code', { capture: true });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(shown()).toContain('out\n'); // captured output is still shown as it comes
  });

  it('captures output that has no final newline, and many lines in a row', async () => {
    const { s } = session();
    for (let i = 0; i < 20; i++) {
      const r = await s.runLine(`printf 'n=${i}'`, { capture: true });
      expect(r.stdout).toBe(`n=${i}`);
    }
  });

  it('rejects with ShellExitedError when the line exits the shell', async () => {
    const { s } = session();
    await expect(s.runLine('exit 4')).rejects.toBeInstanceOf(ShellExitedError);
    expect(s.hasExited).toBe(true);
    await expect(s.runLine('echo no')).rejects.toBeInstanceOf(ShellExitedError);
  });

  it('a line that reads stdin gets end of input at once', async () => {
    const { s } = session();
    const r = await s.runLine('cat; echo done', { capture: true });
    expect(r.stdout).toBe('done\n');
  });
});

describe('BashSession streaming', () => {
  it('shows a buffered program\'s captured lines while it still runs (line-buffered pipes)', async () => {
    const flag = join(mkdtempSync(join(tmpdir(), 'nslab-stream-')), 'seen');
    let sawA = false;
    const s = new BashSession({
      stdinIsTerminal: false,
      // The sink answers the first line by creating the file the command waits for: only
      // a line that arrives while the command runs can let it finish by the file.
      out: (b) => { if (!sawA && b.toString().includes('a')) { sawA = true; writeFileSync(flag, ''); } },
      err: () => {},
    });
    sessions.push(s);
    const r = await s.runLine(`(echo a; for i in $(seq 100); do [ -e ${flag} ] && break; sleep 0.05; done; [ -e ${flag} ] && echo by-file || echo by-timeout) | grep .`, { capture: true });
    expect(r.stdout).toBe('a\nby-file\n');
  });
});

describe('MarkerStream', () => {
  it('finds a marker split across chunks and forwards everything else', () => {
    const out: string[] = [];
    const m = new MarkerStream((b) => out.push(b.toString()));
    let done = false;
    m.expect('\x1eabc\x1f', () => { done = true; });
    m.push(Buffer.from('hello \x1ea'));
    expect(done).toBe(false);
    m.push(Buffer.from('bc\x1fafter'));
    expect(done).toBe(true);
    expect(out.join('')).toBe('hello after');
  });

  it('gives back held bytes that turn out not to be the marker', () => {
    const out: string[] = [];
    const m = new MarkerStream((b) => out.push(b.toString()));
    m.expect('\x1eabc\x1f', () => {});
    m.push(Buffer.from('x\x1ea'));
    m.push(Buffer.from('z'));
    expect(out.join('')).toBe('x\x1eaz');
  });
});

describe('BoundedText', () => {
  it('keeps head and tail of a huge output and says how much it dropped', () => {
    const t = new BoundedText(10, 10);
    for (let i = 0; i < 1000; i++) t.push(Buffer.from('0123456789'));
    const text = t.text();
    expect(text.startsWith('0123456789')).toBe(true);
    expect(text.endsWith('0123456789')).toBe(true);
    expect(t.droppedBytes).toBeGreaterThan(9000);
    expect(text.length).toBeLessThan(200);
  });
});
