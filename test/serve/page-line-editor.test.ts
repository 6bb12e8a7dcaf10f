// The server's line editor for a lab's prompt, against a lab played by the test: keys go
// through untouched until the lab says it is at its prompt; then they are edited and echoed
// here, and each line goes to the lab as a frame.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameScanner, FROM_LAB, TO_LAB, type FromLabFrame, type ToLabFrame } from '../../src/serve/line-frames.js';
import { PageLineEditor } from '../../src/serve/page-line-editor.js';
import { historyFile } from '../../src/progress/history.js';

const TOKEN = 't0k';
const tick = () => new Promise((r) => setTimeout(r, 0));

function setUp(opts: { history?: string } = {}) {
  const shown: string[] = [];
  const toLab: string[] = [];
  const history = opts.history ? historyFile({ path: join(opts.history, 'progress.json') }) : undefined;
  const editor = new PageLineEditor({ token: TOKEN, cols: 80, show: (b) => shown.push(b.toString()), toLab: (s) => toLab.push(s), history });
  const scanner = new FrameScanner<ToLabFrame>(TO_LAB, TOKEN);
  const frames = () => toLab.flatMap((s) => scanner.push(Buffer.from(s))).map((p) => ('frame' in p ? p.frame : { raw: p.bytes.toString() }));
  const lab = (f: FromLabFrame) => editor.fromLab(Buffer.from(encodeFrame(FROM_LAB, TOKEN, f)));
  const screen = () => shown.join('');
  const clear = () => { shown.length = 0; toLab.length = 0; };
  return { editor, frames, lab, screen, clear, toLab };
}

let editors: PageLineEditor[] = [];
afterEach(async () => { await Promise.all(editors.map((e) => e.close())); editors = []; vi.restoreAllMocks(); });
const make = (opts?: { history?: string }) => { const t = setUp(opts); editors.push(t.editor); return t; };

describe('the server\'s line editor', () => {
  it('passes every key to the lab until its shell is at a prompt, and shows its output as it came', async () => {
    const t = make();
    t.editor.keys('ls\r\x03');
    expect(t.toLab).toEqual(['ls\r\x03']);
    t.editor.fromLab(Buffer.from('output\r\n'));
    expect(t.screen()).toBe('output\r\n');
    expect(t.editor.editing).toBe(false);
  });

  it('at the prompt: echoes the keys itself, and sends the line on Enter; then the keys are the command\'s', async () => {
    const t = make();
    t.lab({ kind: 'prompt', prompt: '[00 · 1/5] host # ' });
    expect(t.screen()).toContain('[00 · 1/5] host # ');
    expect(t.editor.editing).toBe(true);
    t.clear();
    t.editor.keys('ip');
    t.editor.keys(' a');
    await tick();
    expect(t.screen()).toContain('ip a');
    expect(t.toLab).toEqual([]); // nothing reached the lab while the line was typed
    t.editor.keys('\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'ip a' }]);
    expect(t.editor.editing).toBe(false);
    t.clear();
    t.editor.keys('q\x03');
    expect(t.toLab).toEqual(['q\x03']);
  });

  it('runs pasted lines one per prompt, in order', async () => {
    const t = make();
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('echo one\recho two\r\necho three');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo one' }]);
    t.clear();
    t.lab({ kind: 'prompt', prompt: '$ ' });
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo two' }]);
    t.clear();
    t.lab({ kind: 'prompt', prompt: '$ ' });
    await tick();
    expect(t.frames()).toEqual([]);
    expect(t.screen()).toContain('echo three');
    t.editor.keys('\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo three' }]);
  });

  it('Ctrl-C clears the line and prompts again; Ctrl-D ends the input only on an empty line; Ctrl-Z stops nothing', async () => {
    const kill = vi.spyOn(process, 'kill');
    const t = make();
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('half a line\x03');
    await tick();
    expect(t.screen()).toMatch(/half a line\^C\r\n[^]*\$ (\x1b\[\d+G)?$/);
    t.editor.keys('\x1a');
    await tick();
    expect(kill).not.toHaveBeenCalled();
    t.editor.keys('x\x04');
    await tick();
    expect(t.frames()).toEqual([]);
    t.editor.keys('\x7f\x04');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'eof' }]);
    expect(t.editor.editing).toBe(false);
  });

  it('Tab asks the lab for completions and completes the word with its answer', async () => {
    const t = make();
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('ip link set vet');
    t.editor.keys('\t');
    await tick();
    const ask = t.frames().find((f) => 'kind' in f && f.kind === 'complete') as { id: number; line: string };
    expect(ask).toMatchObject({ line: 'ip link set vet' });
    t.lab({ kind: 'completions', id: ask.id, list: ['veth1'], token: 'vet' });
    await tick();
    t.editor.keys('\r');
    await tick();
    expect(t.frames().at(-1)).toEqual({ kind: 'line', text: 'ip link set veth1' });
  });

  it('puts keys the lab read for no command on the new line', async () => {
    const t = make();
    t.lab({ kind: 'typeahead', text: 'ip ' }); // before the prompt: kept for it
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.lab({ kind: 'typeahead', text: 'r\r' });
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'ip r' }]);
  });

  it('keeps the history: Up brings back the last line, and the lines are saved for the next lab', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-editor-'));
    const t = make({ history: dir });
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('brctl show\r');
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('\x1b[A\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'brctl show' }, { kind: 'line', text: 'brctl show' }]);
    await t.editor.close();
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('brctl show\n');
    const next = make({ history: dir });
    await new Promise((r) => setTimeout(r, 20)); // the saved lines load
    next.lab({ kind: 'prompt', prompt: '$ ' });
    next.editor.keys('\x1b[A\r');
    await tick();
    expect(next.frames()).toEqual([{ kind: 'line', text: 'brctl show' }]);
  });

  it('types a line for the page (the hint button) only at the prompt', async () => {
    const t = make();
    expect(t.editor.type('.hint')).toBe(false);
    t.lab({ kind: 'prompt', prompt: '$ ' });
    t.editor.keys('half');
    expect(t.editor.type('.hint')).toBe(true);
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: '.hint' }]);
  });

  it('bounds what a lab\'s frames may give it (a learner may forge frames in their own lab)', async () => {
    const t = make();
    t.lab({ kind: 'prompt', prompt: 'p'.repeat(100_000) });
    expect(t.screen().length).toBeLessThan(2000);
    t.clear();
    t.lab({ kind: 'typeahead', text: 'y'.repeat(200_000) });
    await tick();
    expect(t.screen().length).toBeLessThan(70_000);
  });
});
