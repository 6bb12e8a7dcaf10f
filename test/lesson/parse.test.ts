import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLintError, parseLesson, type Lesson } from '../../src/lesson/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'lessons');

function parseFixture(rel: string) {
  const file = join(FIX, rel);
  return parseLesson(readFileSync(file, 'utf8'), rel);
}

function mustParse(text: string, file = 'x.md'): Lesson {
  const r = parseLesson(text, file);
  if (!r.lesson) throw new Error(r.errors.map(formatLintError).join('\n'));
  return r.lesson;
}

const lesson = (steps: string, fm = '') => `---
id: 05-test
title: T
summary: S
source: [a.txt]
preset: bare
${fm}---

Intro.
${steps}`;

describe('parseLesson on a complete lesson', () => {
  const r = parseFixture('valid/01-wiring.md');
  const l = r.lesson!;

  it('has no errors', () => expect(r.errors).toEqual([]));

  it('reads the front matter, with line numbers for setup lines', () => {
    expect(l.meta).toEqual({
      id: '01-wiring',
      title: 'Wiring a container by hand',
      summary: 'Plug a namespace into docker0 with a veth pair.',
      source: ['001_d1ef9f79a0602893.txt'],
      preset: 'docker-host',
      setup: [{ text: 'ip netns add net1', line: 9 }],
      next: '02-next',
    });
  });

  it('keeps the intro, and a ## inside a fence is not a step', () => {
    expect(l.intro).toBe('# Wiring\n\nIntro text with a fenced output:\n\n```text\n## not a step: this is inside a fence\n```');
    expect(l.steps.map((s) => [s.number, s.title, s.slug, s.line])).toEqual([
      [1, 'Find the bridge', 'find-the-bridge', 21],
      [2, 'Make the pair', 'make-the-pair', 46],
    ]);
  });

  it('splits a step into body, commands, checks, question, hints and recap', () => {
    const s = l.steps[0];
    expect(s.body).toBe('Run `brctl show`.\n\n```sh\nbrctl show\n```');
    expect(s.prose).toBe('Run `brctl show`.');
    expect(s.commands).toEqual(['brctl show']);
    expect(s.commandLines).toEqual([{ text: 'brctl show', line: 26 }]);
    expect(s.checks.map((c) => [c.text, c.line, c.check.kind])).toEqual([['ran brctl show', 30, 'ran']]);
    expect(s.question).toEqual({ prompt: 'Which interface is plugged into docker0?', answer: { kind: 'port-of', subject: 'docker0', ns: 'host', text: 'port-of docker0' }, line: 33 });
    expect(s.hints).toEqual(['Bridges are listed by `brctl show`.', 'The last column of the docker0 line.']);
    expect(s.recap).toBe('docker0 is a bridge; its ports are the host ends of veth pairs.');
  });

  it('joins continued command lines, skips comments, keeps ### sections other than Hints in the body', () => {
    const s = l.steps[1];
    expect(s.commands).toEqual(['ip link add A type veth \\\n  peer name B', 'ip link set B netns net1']);
    expect(s.commandLines.map((c) => c.line)).toEqual([52, 54]);
    expect(s.body).toContain('### Why a pair?\n\nBecause.');
    expect(s.body).not.toContain('veth A peer B');
    expect(s.checks.map((c) => [c.text, c.line])).toEqual([['veth A peer B in net1', 64], ['not link B in host', 65]]);
    expect(s.hints).toEqual(['Use `ip link add`.', 'Then move one end:\n```sh\nip link set B netns net1\n```']);
    expect(s.recap).toBeUndefined();
    expect(s.question).toBeUndefined();
  });
});

describe('parseLesson errors, each at its line', () => {
  it('reports every broken step rule of a file', () => {
    expect(parseFixture('broken/11-steps.md').errors.map(formatLintError)).toEqual([
      'broken/11-steps.md:11: step "No commands" has no commands: add a ```sh block with the reference solution',
      'broken/11-steps.md:20: step "Twice" has no hints: add a "### Hints" list, from gentle to the answer',
      'broken/11-steps.md:23: remove the "$ " prompt: a ```sh block holds the commands exactly as typed',
      'broken/11-steps.md:27: check: unknown check "lnk": a check starts with one of netns, link, veth, addr, route, bridge, sysctl, nat, ping, container, network, ran (optionally after "no" or "not")',
      'broken/11-steps.md:28: check: "link" check is missing a namespace after "in"',
      'broken/11-steps.md:32: step title "Twice" repeats the step at line 20: titles name steps in progress, so they must differ',
      'broken/11-steps.md:32: step "Twice" has no checks: add a ```check block (or a ```question for an observation step)',
      'broken/11-steps.md:40: answer: unknown answer "colour-of": an answer is one of port-of, peer-of, peer-ifindex-of, peer-ns-of, ifindex-of, ip-of, cidr-of, mac-of, master-of, mtu-of, gateway-of, route-dev-of, pid-of, bridge-of, literal',
      'broken/11-steps.md:46: step "Unclosed" has no checks: add a ```check block (or a ```question for an observation step)',
      'broken/11-steps.md:46: step "Unclosed" has no hints: add a "### Hints" list, from gentle to the answer',
      'broken/11-steps.md:48: this ```sh block is never closed: add a line ``` after it',
    ]);
  });

  it('reports front-matter problems at the key, unknown keys included', () => {
    expect(parseFixture('broken/10-front-matter.md').errors.map(formatLintError)).toEqual([
      'broken/10-front-matter.md:1: front matter is missing "summary"',
      'broken/10-front-matter.md:4: unknown front-matter key "sumary" (known keys: id, title, summary, source, preset, setup, next)',
      'broken/10-front-matter.md:5: front matter "source": source must name at least one document',
      'broken/10-front-matter.md:6: front matter "preset": preset must be one of bare, docker-host, two-hosts',
      'broken/10-front-matter.md:7: front matter "next": next must be a lesson id, like 02-veth',
    ]);
  });

  it('front matter that never ends, or is missing', () => {
    expect(parseFixture('broken/12-truncated.md').errors.map(formatLintError)).toEqual(['broken/12-truncated.md:1: the front matter is not closed: add a line --- after it']);
    expect(parseLesson('# Just markdown\n', 'a.md').errors.map(formatLintError)).toEqual(['a.md:1: a lesson starts with YAML front matter between two --- lines (see lessons/README.md)']);
  });

  it('invalid YAML is reported at its line', () => {
    const r = parseLesson('---\nid: 05-test\ntitle: a: b\n---\n', 'y.md');
    expect(r.errors.map(formatLintError)).toEqual(['y.md:3: front matter is not valid YAML: Nested mappings are not allowed in compact mappings']);
  });

  it('a ran check with state checks is refused: ran is for observation steps', () => {
    const r = parseLesson(lesson('## S\n\n```sh\nbrctl show\n```\n\n```check\nran brctl show\nlink docker0\n```\n\n### Hints\n1. h\n'), '05-test.md');
    expect(r.errors.map(formatLintError)).toEqual([
      '05-test.md:17: `ran` reads the transcript, so it is only for observation steps: this step also checks kernel state; drop the ran check or move it to its own step',
    ]);
  });

  it('the id must match the file name', () => {
    const r = parseLesson(lesson('## S\n\n```sh\nx\n```\n\n```check\nnetns x\n```\n\n### Hints\n1. h\n'), 'lessons/06-other.md');
    expect(r.errors.map(formatLintError)).toEqual(['lessons/06-other.md:2: id "05-test" does not match the file name 06-other.md: rename one of them']);
  });

  it('question blocks need a question and an answer; hints must be a list; checks outside steps are refused', () => {
    const text = lesson('```check\nnetns x\n```\n\n## S\n\n```sh\nx\n```\n\n```question\nanswer: ip-of eth0\n```\n\n```question\nWhat?\n```\n\n### Hints\nnot a list\n1. h\n\n```hints\n1. h\n```\n');
    expect(parseLesson(text, 'q.md').errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '10: a ```check block must be inside a step (a "## " section)',
      '14: step "S" has no checks: add a ```check block (or a ```question for an observation step)',
      '20: the question block has no question: write it on the first line',
      '24: a second question in this step (the first is at line 20): one per step',
      '24: the question block has no "answer:" line (e.g. "answer: port-of docker0")',
      '29: text under "### Hints" must be a list: start each hint with "1." or "-"',
      '32: hints are a "### Hints" list, not a ```hints block (see lessons/README.md)',
    ]);
  });

  it('a question alone (with commands and hints) makes a valid observation step', () => {
    const l = mustParse(lesson('## Look\n\n```sh\nip a\n```\n\n```question\nquestion: What is the ifindex of eth0?\nanswer: ifindex-of eth0\n```\n\n### Hints\n1. h\n'));
    expect(l.steps[0].checks).toEqual([]);
    expect(l.steps[0].question?.prompt).toBe('What is the ifindex of eth0?');
  });

  it('tilde fences and longer backtick fences close only on their own kind', () => {
    const l = mustParse(lesson('## S\n\n~~~sh\nip a\n```\n~~~\n\n```check\nnetns x\n```\n\n### Hints\n1. h\n'));
    expect(l.steps[0].commands).toEqual(['ip a', '```']);
    expect(parseLesson(lesson('## S\n\n````check\nnetns x\n```\n````\n\n### Hints\n1. h\n'), '05-test.md').errors.map((e) => e.message)).toEqual([
      'step "S" has no commands: add a ```sh block with the reference solution',
      'check: unknown check "```": a check starts with one of netns, link, veth, addr, route, bridge, sysctl, nat, ping, container, network, ran (optionally after "no" or "not")',
    ]);
  });

  it('a check block after the hints still belongs to the step, not to the last hint', () => {
    const l = mustParse(lesson('## S\n\n```sh\nip a\n```\n\n### Hints\n1. h\n\n```check\nnetns x\n```\n'));
    expect(l.steps[0].hints).toEqual(['h']);
    expect(l.steps[0].checks.map((c) => c.text)).toEqual(['netns x']);
  });

  it('CRLF line endings and a BOM are accepted', () => {
    const l = mustParse('\uFEFF' + lesson('## S\n\n```sh\nip a\n```\n\n```check\nnetns x\n```\n\n### Hints\n1. h\n').replace(/\n/g, '\r\n'));
    expect(l.steps[0].commands).toEqual(['ip a']);
  });
});

describe('parseLesson never throws', () => {
  const text = readFileSync(join(FIX, 'valid', '01-wiring.md'), 'utf8');
  it('on every truncation of a valid lesson', () => {
    for (let n = 0; n <= text.length; n += 3) {
      const r = parseLesson(text.slice(0, n), 'cut.md');
      expect(r.lesson !== undefined || r.errors.length > 0).toBe(true);
    }
  });
  it('on random printable garbage', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '-`~#>:\n \t abc123[]{}"\'!|';
    for (let i = 0; i < 300; i++) {
      let s = i % 2 ? '---\n' : '';
      for (let j = 0; j < 400; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parseLesson(s, 'rnd.md');
      expect(Array.isArray(r.errors)).toBe(true);
    }
  });
});
