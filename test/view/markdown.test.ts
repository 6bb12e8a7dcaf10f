// Lesson text on a terminal of any width: a code block's line is never split (copying it
// gives the command as typed), and prose fills the width instead of keeping the lesson
// file's own line breaks (which gave a long line and a short one, mid-sentence).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lesson/load.js';
import type { Lesson } from '../../src/lesson/types.js';
import { loadTerminalMarkdown, renderMarkdown } from '../../src/view/markdown.js';
import { prepareForWrapping } from '../../src/view/reflow.js';
import { visibleLength, wrapText } from '../../src/view/wrap.js';
import { ROOT } from '../helpers/lab.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const ANSI = /\x1b\[[0-9;]*m/g;
const WIDTHS = [60, 80, 120];
/** The longest unbreakable piece prose may push to the next line: a short code span
 * (reflow.ts keeps up to 24 columns whole), a URL, plus the space before it. */
const SLACK = 27;

let lessons: Lesson[] = [];
beforeAll(async () => {
  await loadTerminalMarkdown();
  lessons = (await loadLessons(join(ROOT, 'lessons'))).lessons;
});

function codeLines(md: string): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const line of md.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) { inFence = !inFence; continue; }
    if (inFence && line.trim()) out.push(line.trim());
  }
  return out;
}

/** Lines of prose, grouped in runs that wrapping made from one paragraph or list item. */
function proseRuns(rendered: string, code: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const flush = () => { if (run.length) runs.push(run); run = []; };
  for (const raw of rendered.replace(ANSI, '').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim() || code.includes(line.trim()) || /^\s*(```|~~~|\||#)/.test(line)) { flush(); continue; }
    if (/^\s*([*\-»•]|\d+\.)\s/.test(line)) flush(); // a new list item
    run.push(line);
  }
  flush();
  return runs;
}

function check(label: string, md: string, width: number, color: boolean): string[] {
  const rendered = renderMarkdown(md, { color, width });
  const lines = rendered.replace(ANSI, '').split('\n').map((l) => l.trim());
  const fill = Math.min(width, 120) - 1;
  const problems: string[] = [];
  const code = codeLines(md);
  for (const c of code) if (!lines.includes(c)) problems.push(`${label}: code line split or changed: ${c}`);
  for (const run of proseRuns(rendered, code)) {
    run.slice(0, -1).forEach((l, i) => {
      const next = run[i + 1];
      // Short, although the next line's first word would have fitted after it.
      const roomForNext = visibleLength(l) + 1 + visibleLength(next.trim().split(' ')[0]) <= fill;
      if (visibleLength(l) > fill) problems.push(`${label}: prose line wider than ${fill}: ${l}`);
      else if (visibleLength(l) < fill - SLACK && roomForNext) problems.push(`${label}: short line inside a paragraph (${visibleLength(l)} of ${fill}): "${l}" then "${next}"`);
    });
  }
  if (rendered.includes('\uE000') || rendered.includes('\uE001')) problems.push(`${label}: a wrap mark was left in`);
  return problems;
}

function step(lessonPrefix: string, n: number): string {
  const l = lessons.find((x) => x.meta.id.startsWith(lessonPrefix))!;
  return l.steps[n - 1].body;
}

describe('lesson markdown at 60, 80 and 120 columns', () => {
  it.each([
    ['lesson 4 step 1', '04', 1],
    ['lesson 5 step 7', '05', 7],
    ['lesson 5 step 10', '05', 10],
  ] as const)('%s: code lines whole, prose filled (colour and plain)', (label, lesson, n) => {
    const md = step(lesson, n);
    const problems = WIDTHS.flatMap((w) => [...check(`${label} @${w}`, md, w, true), ...check(`${label} @${w} plain`, md, w, false)]);
    expect(problems).toEqual([]);
  });

  it('lesson 5 step 7: the tcpdump line stays one line even at 60 columns', () => {
    const out = renderMarkdown(step('05', 7), { color: true, width: 60 }).replace(ANSI, '');
    expect(out).toMatch(/^ *nsenter --net=\/run\/nslab\/ns\/outside timeout 3 tcpdump -c 1 -lni eth0 icmp & sleep 0\.5; docker exec c1 ping -c 1 -W 1 203\.0\.113\.10; wait$/m);
  });

  it('every intro and step of every lesson: code lines whole, prose filled', () => {
    const problems = lessons.flatMap((l) => [
      ['intro', l.intro] as const,
      ...l.steps.map((s) => [`step ${s.number}`, s.body] as const),
    ].flatMap(([where, md]) => WIDTHS.flatMap((w) => check(`${l.meta.id} ${where} @${w}`, md, w, true))));
    expect(problems).toEqual([]);
  });

  it('through a pipe (no width) the markdown is printed exactly as written', () => {
    const md = step('05', 7);
    expect(renderMarkdown(md, { color: false })).toBe(md.trim() + '\n');
  });
});

describe('reflow and wrap', () => {
  it('joins a paragraph\'s and a list item\'s soft breaks, not headings, lists, fences or hard breaks', () => {
    const md = ['A paragraph', 'that goes on.', '', '1. an item', '   continued', '2. next', '', '# Head', 'text', '```sh', 'a b', 'c', '```', 'after', 'hard  ', 'break'].join('\n');
    expect(prepareForWrapping(md).replace(/\uE000/g, '<nowrap>')).toBe([
      'A paragraph that goes on.', '', '1. an item continued', '2. next', '', '# Head', 'text', '```sh', 'a b<nowrap>', 'c<nowrap>', '```', 'after hard  ', 'break',
    ].join('\n'));
  });

  it('joins Chinese lines without a space between two Chinese characters', () => {
    expect(prepareForWrapping('容器的网络\n是一个命名空间').replace(/\uE001/g, ' ')).toBe('容器的网络是一个命名空间');
  });

  it('wide characters count two columns: a Chinese line wraps at half as many characters', () => {
    expect(visibleLength('容器 ab')).toBe(7);
    const text = Array.from({ length: 30 }, () => '网络').join(' '); // 30 words of 4 columns
    const lines = wrapText(text, 40).split('\n');
    expect(lines.every((l) => visibleLength(l) <= 40)).toBe(true);
    expect(lines.length).toBe(Math.ceil(30 / 8));
  });

  it('a short inline code span is not broken across lines; a long one may be', () => {
    const short = prepareForWrapping(`${'word '.repeat(9)}and then \`ip -br a\` here`);
    for (const l of wrapText(short, 52).split('\n')) expect(l.includes('`ip -br') === l.includes('a`')).toBe(true);
    const long = prepareForWrapping(`see \`${'x '.repeat(30)}\` there`);
    expect(wrapText(long, 40).split('\n').length).toBeGreaterThan(1);
  });
});

const FIXTURES = join(ROOT, 'test/fixtures/markdown');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const plain = (s: string) => s.replace(ANSI, '');

/** The styles a line leaves on at its end: a terminal would carry them onto the next line
 * (and over its indent). */
function openAtEnd(line: string): string[] {
  const closer: Record<string, string> = { 1: '22', 2: '22', 3: '23', 4: '24', 9: '29', 31: '39', 32: '39', 33: '39', 34: '39', 35: '39', 36: '39', 90: '39' };
  let open: string[] = [];
  for (const [, code] of line.matchAll(/\x1b\[([0-9;]*)m/g)) {
    if (code === '0' || code === '') open = [];
    else if (closer[code]) open.push(code);
    else open = open.filter((o) => closer[o] !== code);
  }
  return open;
}

describe('each markdown construct, in colour', () => {
  // Rendered in the tests, after beforeAll has loaded marked.
  let out = '';
  beforeAll(() => { out = renderMarkdown(fixture('constructs.md'), { color: true, width: 81 }); });
  const line = (start: string) => {
    const found = out.split('\n').find((l) => plain(l).startsWith(start));
    if (!found) throw new Error(`no line starting ${JSON.stringify(start)} in:\n${plain(out)}`);
    return found;
  };

  it('headings keep their # and are bold, the first level magenta and underlined, the others green', () => {
    expect(line('# Heading one')).toBe('\x1b[35m\x1b[4m\x1b[1m# Heading one\x1b[22m\x1b[24m\x1b[39m');
    expect(line('## Heading two')).toMatch(/^\x1b\[32m\x1b\[1m## Heading two with \x1b\[33mcode\x1b\[32m/);
    expect(line('### Sub-heading')).toBe('\x1b[32m\x1b[1m### Sub-heading\x1b[22m\x1b[39m');
  });

  it('inline code is yellow without its backticks, bold bold, italic italic, a link shows where it goes', () => {
    const p = line('A paragraph');
    expect(p).toContain('\x1b[1mbold\x1b[22m');
    expect(p).toContain('\x1b[3mitalic\x1b[23m');
    expect(p).toContain('\x1b[33minline code\x1b[39m');
    expect(plain(out).replace(/\s+/g, ' ')).toContain('a link (https://example.com/x) and https://auto.example.org,');
    expect(plain(out)).not.toMatch(/`/);
  });

  it('lists have bullets or numbers, two columns in; a nested list sits under its item\'s text; code in an item is code', () => {
    expect(line('  * first item')).toBe('  * first item with \x1b[33mip a\x1b[39m');
    expect(plain(out)).toContain('  * second item continued on a second line that is long enough to wrap when the\n    terminal is narrow\n    * nested item one\n    * nested item two\n      1. deep ordered\n  * third item');
    expect(plain(out)).toContain('  1. one\n  2. two\n     * nested bullet\n  3. three');
  });

  it('an ordered list keeps the number it starts at', () => {
    expect(plain(renderMarkdown('0. zero\n1. one', { color: true, width: 80 }))).toBe('  0. zero\n  1. one\n\n');
  });

  it('a block quote is grey italic, indented two columns, on every line it wraps to', () => {
    const quoted = renderMarkdown(fixture('constructs.md'), { color: true, width: 41 }).split('\n').filter((l) => plain(l).includes('quote') || plain(l).startsWith('  inside'));
    expect(quoted.length).toBeGreaterThan(1);
    for (const l of quoted) expect(l).toMatch(/^ {2}\x1b\[90m\x1b\[3m\S.*\x1b\[23m\x1b\[39m$/);
  });

  it('code blocks (fenced or indented) are two columns in and never wrapped, with no colour', () => {
    for (const width of [30, 60, 200]) {
      const all = renderMarkdown(fixture('constructs.md'), { color: true, width }).split('\n');
      expect(all).toContain('  ip link add veth1 type veth peer name veth1_p   # a long command line that must not be wrapped at all ever');
      expect(all).toContain('    indented output');
      expect(all).toContain('  indented code block');
    }
  });

  it('a table is aligned by display columns, its head bold', () => {
    const t = renderMarkdown('| A | 名称 |\n|---|---:|\n| 网络 | x |', { color: true, width: 80 }).split('\n');
    expect(t[0]).toBe('  \x1b[1mA\x1b[22m     \x1b[1m名称\x1b[22m');
    expect(plain(t[2])).toBe('  网络     x');
  });

  it('hard breaks stay; entities and escapes read as the characters they stand for; html is grey', () => {
    expect(plain(out)).toContain('\nHard\nbreak and\nanother.\n');
    expect(plain(out)).toContain('Escapes: *not italic* and & entity <tag>.');
    expect(out).toContain('\x1b[90m<div>block html</div>\x1b[39m');
  });

  it('ends with one blank line, as marked-terminal did (the shells\' spacing expects it)', () => {
    expect(renderMarkdown('one paragraph', { color: true, width: 80 })).toBe('one paragraph\n\n');
  });
});

describe('filling English and Chinese prose to the width', () => {
  const samples = { constructs: fixture('constructs.md'), zh: fixture('zh.md') };
  const code = codeLines(samples.constructs).concat(codeLines(samples.zh));
  it.each([30, 40, 60, 80, 120])('at %i columns no prose line is wider, and no colour is left on at a line\'s end', (width) => {
    for (const [name, md] of Object.entries(samples)) {
      for (const color of [true, false]) {
        const out = renderMarkdown(md, { color, width });
        for (const l of out.split('\n')) {
          if (code.includes(plain(l).trim())) continue;
          expect(visibleLength(l), `${name} ${color ? 'colour' : 'plain'} @${width}: ${l}`).toBeLessThanOrEqual(Math.min(width, 120) - 1);
          expect(plain(l), 'a colour code cut in two').not.toContain('\x1b');
          if (color) expect(openAtEnd(l), `${name} @${width}: ${JSON.stringify(l)}`).toEqual([]);
        }
      }
    }
  });

  it('Chinese prose fills its lines (it has no spaces to break at)', () => {
    const out = plain(renderMarkdown(samples.zh, { color: true, width: 41 })).split('\n');
    const para = out.slice(0, out.indexOf(''));
    expect(para.length).toBeGreaterThan(3);
    for (const l of para.slice(0, -1)) expect(visibleLength(l)).toBeGreaterThanOrEqual(40 - 8);
  });
});

describe('without colour (NO_COLOR), the output is what it was', () => {
  it.each([40, 80])('the constructs at %i columns, byte for byte as before nslab drew markdown itself', (width) => {
    expect(renderMarkdown(fixture('constructs.md'), { color: false, width })).toBe(fixture(`constructs.plain-${width}.txt`));
  });
});
