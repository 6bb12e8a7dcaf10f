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
