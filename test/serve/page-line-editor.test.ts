// The server's line editor for a learner's prompt, against a shell played by the test: keys
// go through to the lab's terminal untouched until the shell says it is at its prompt; then
// they are edited and echoed here, and each line goes to the shell.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageLineEditor } from '../../src/serve/page-line-editor.js';
import { historyFile } from '../../src/progress/history.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

type ShellEvent = { kind: 'line'; text: string } | { kind: 'eof' };

function setUp(opts: { history?: string } = {}) {
  const shown: string[] = [];
  const toLab: string[] = [];
  const events: ShellEvent[] = [];
  const asked: { line: string; answer: (r: [string[], string]) => void }[] = [];
  const history = opts.history ? historyFile({ path: join(opts.history, 'progress.json') }) : undefined;
  const shell = {
    line: (text: string) => events.push({ kind: 'line', text }),
    eof: () => events.push({ kind: 'eof' }),
    complete: (line: string, answer: (r: [string[], string]) => void) => asked.push({ line, answer }),
  };
  const editor = new PageLineEditor({ cols: 80, show: (b) => shown.push(b.toString()), toLab: (s) => toLab.push(s), history, shell });
  const frames = () => events.slice();
  const screen = () => shown.join('');
  const clear = () => { shown.length = 0; toLab.length = 0; events.length = 0; };
  return { editor, frames, screen, clear, toLab, asked };
}

let editors: PageLineEditor[] = [];
afterEach(async () => { await Promise.all(editors.map((e) => e.close())); editors = []; vi.restoreAllMocks(); });
const make = (opts?: { history?: string }) => { const t = setUp(opts); editors.push(t.editor); return t; };

describe('the server\'s line editor', () => {
  it('passes every key to the lab until its shell is at a prompt', async () => {
    const t = make();
    t.editor.keys('ls\r\x03');
    expect(t.toLab).toEqual(['ls\r\x03']);
    expect(t.screen()).toBe(''); // the terminal echoes them, not the editor
    expect(t.editor.editing).toBe(false);
  });

  it('at the prompt: echoes the keys itself, and sends the line on Enter; then the keys are the command\'s', async () => {
    const t = make();
    t.editor.prompt('[00 · 1/5] host # ');
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
    // Keys typed before the line has the lab's terminal wait for it, then go there whole.
    t.editor.keys('q');
    expect(t.toLab).toEqual([]);
    t.editor.running();
    expect(t.toLab).toEqual(['q']);
    t.editor.keys('\x03');
    expect(t.toLab).toEqual(['q', '\x03']);
    // Only the line entered last is waited for: another line's start changes nothing.
    t.editor.running();
    expect(t.toLab).toEqual(['q', '\x03']);
  });

  it('gives the rest of a paste to the line\'s program once it runs; what it leaves comes back for the next prompt', async () => {
    const t = make();
    t.editor.prompt('$ ');
    t.editor.keys('read x\rhello\recho got:$x\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'read x' }]);
    expect(t.toLab).toEqual([]);
    t.editor.running();
    expect(t.toLab).toEqual(['hello\recho got:$x\r']);
    // `read` took "hello"; the lab's agent sends back what was left in the terminal.
    t.clear();
    t.editor.typeahead('echo got:$x\r');
    t.editor.prompt('$ ');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo got:$x' }]);
  });

  it('runs pasted lines one per prompt, in order, when no line reaches the terminal (.hint, an answer)', async () => {
    const t = make();
    t.editor.prompt('$ ');
    t.editor.keys('echo one\recho two\r\necho three');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo one' }]);
    t.clear();
    t.editor.prompt('$ ');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo two' }]);
    t.clear();
    t.editor.prompt('$ ');
    await tick();
    expect(t.frames()).toEqual([]);
    expect(t.screen()).toContain('echo three');
    t.editor.keys('\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'echo three' }]);
    expect(t.toLab).toEqual([]); // never sent to the lab: no line had its terminal
  });

  it('Ctrl-C clears the line and prompts again; Ctrl-D ends the input only on an empty line; Ctrl-Z stops nothing', async () => {
    const kill = vi.spyOn(process, 'kill');
    const t = make();
    t.editor.prompt('$ ');
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

  it('Tab asks the shell for completions and completes the word with its answer', async () => {
    const t = make();
    t.editor.prompt('$ ');
    t.editor.keys('ip link set vet');
    t.editor.keys('\t');
    await tick();
    expect(t.asked.map((a) => a.line)).toEqual(['ip link set vet']);
    t.asked[0].answer([['veth1'], 'vet']);
    await tick();
    t.editor.keys('\r');
    await tick();
    expect(t.frames().at(-1)).toEqual({ kind: 'line', text: 'ip link set veth1' });
  });

  it('puts keys the lab\'s terminal read for no command on the new line', async () => {
    const t = make();
    t.editor.typeahead('ip '); // before the prompt: kept for it
    t.editor.prompt('$ ');
    t.editor.typeahead('r\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'ip r' }]);
  });

  it('keeps the history: Up brings back the last line, and the lines are saved for the next lab', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-editor-'));
    const t = make({ history: dir });
    t.editor.prompt('$ ');
    t.editor.keys('brctl show\r');
    t.editor.prompt('$ ');
    t.editor.keys('\x1b[A\r');
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: 'brctl show' }, { kind: 'line', text: 'brctl show' }]);
    await t.editor.close();
    expect(readFileSync(join(dir, 'history'), 'utf8')).toBe('brctl show\n');
    const next = make({ history: dir });
    await new Promise((r) => setTimeout(r, 20)); // the saved lines load
    next.editor.prompt('$ ');
    next.editor.keys('\x1b[A\r');
    await tick();
    expect(next.frames()).toEqual([{ kind: 'line', text: 'brctl show' }]);
  });

  it('types a line for the page (the hint button) only at the prompt', async () => {
    const t = make();
    expect(t.editor.type('.hint')).toBe(false);
    t.editor.prompt('$ ');
    t.editor.keys('half');
    expect(t.editor.type('.hint')).toBe(true);
    await tick();
    expect(t.frames()).toEqual([{ kind: 'line', text: '.hint' }]);
  });

  it('bounds what it shows of a prompt, of keys typed ahead and of completions', async () => {
    const t = make();
    t.editor.prompt('p'.repeat(100_000));
    expect(t.screen().length).toBeLessThan(2000);
    t.clear();
    t.editor.typeahead('y'.repeat(200_000));
    await tick();
    expect(t.screen().length).toBeLessThan(70_000);
    t.clear();
    const many: [string[], string] = [Array.from({ length: 5000 }, (_, i) => `x${i}`), 'x'];
    t.editor.keys('\x15x\t');
    await tick();
    t.asked.at(-1)!.answer(many);
    t.editor.keys('\t'); // a second Tab lists them
    await tick();
    t.asked.at(-1)!.answer(many);
    await tick();
    expect(t.screen()).toContain('x499');
    expect(t.screen()).not.toContain('x500 ');
  });
});
