// Bad input. Lesson files broken in every way we could think of, and mutated at seeded
// random points: `nslab lint` and `nslab start` answer with file:line errors, never a stack
// trace. Learner lines that flood the terminal with megabytes or binary, never end, or read
// stdin: the shell stays responsive, Ctrl-C works, and what nslab keeps stays bounded.
// (Explainers fed random and truncated output: test/explain/fuzz.test.ts.)
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labProcesses, labTagEnv, newLabTag, NSLAB, ROOT } from '../helpers/lab.js';
import { startOnPty } from '../helpers/pty.js';
import { labLeftovers, sleep, startLab } from '../helpers/sandbox.js';
import { FAULT_LESSONS, seeded } from './faults.js';
import { tally } from './tally.js';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const FRONT = '---\nid: 50-x\ntitle: T\nsummary: S\nsource: [001_d1ef9f79a0602893.txt]\npreset: bare\n---\n';
const STEP = '## A step\n\n```sh\nip a\n```\n\n```check\nlink eth0 is up\n```\n\n### Hints\n1. h\n';

/** Hand-made broken lessons: every one must get at least one file:line error. */
function brokenLessons(rand: () => number): Record<string, string | Buffer> {
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdef'[i]).join(',')}]`)].join('\n');
  return {
    'a01-truncated-front-matter.md': '---\nid: 50-x\ntitle: "unterminated\n',
    'a02-front-matter-not-closed.md': '---\nid: 50-x\ntitle: T\n## A step\n',
    'a03-no-front-matter.md': STEP,
    'a04-unknown-keys.md': FRONT.replace('preset: bare', 'preset: bare\ncolour: blue\ndifficulty: [1, 2') + STEP,
    'a05-unknown-key-valid-yaml.md': FRONT.replace('preset: bare', 'preset: bare\ncolour: blue') + STEP,
    'a06-unterminated-fence.md': FRONT + '## A step\n\n```sh\nip a\n\n```check\nlink eth0 is up\n',
    'a07-huge.md': 'x'.repeat(2 * 1024 * 1024),
    'a08-binary.md': bytes(4096),
    'a09-binary-after-front-matter.md': Buffer.concat([Buffer.from(FRONT), bytes(2048)]),
    'a10-not-utf8.md': Buffer.concat([Buffer.from(FRONT + '## A step\n'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a])]),
    'a11-invalid-checks.md': FRONT + STEP.replace('link eth0 is up', ['link', 'link veth1 in', 'route default via 999.1.1.1', 'container', 'frobnicate x', 'addr 10.0.0.1/99 on eth0', 'ping', 'nat', 'sysctl', 'not', 'no no link x'].join('\n')),
    'a12-empty.md': '',
    'a13-only-dashes.md': '---\n',
    'a14-yaml-list.md': '---\n- a\n- b\n---\n' + STEP,
    'a15-alias-bomb.md': `---\n${laughs}\nid: 50-x\ntitle: *f\n---\n` + STEP,
    'a16-deep-nesting.md': `---\nid: 50-x\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\n` + STEP,
    'a17-yaml-tags.md': '---\nid: !!js/function "function(){}"\ntitle: !!binary aGVsbG8=\nsummary: !foo bar\n---\n' + STEP,
    'a18-proto.md': FRONT.replace('preset: bare', 'preset: toString\n__proto__: {polluted: 1}') + STEP,
    'a19-duplicate-keys.md': FRONT.replace('preset: bare', 'preset: bare\nid: 51-y') + STEP,
    'a20-no-steps.md': FRONT + 'Just prose.\n',
    'a21-empty-question.md': FRONT + '## A step\n\n```sh\nip a\n```\n\n```question\n```\n\n### Hints\n1. h\n',
    'a22-long-line.md': FRONT + '## S\n' + 'y'.repeat(900_000) + '\n',
    'a23-nul-in-text.md': FRONT + '## A\u0000step\n',
    'a24-crlf-broken.md': (FRONT + STEP).replace(/\n/g, '\r\n').replace('preset: bare', 'preset: nope'),
  };
}

/** Real lessons cut short and with bytes replaced at seeded random points. They may come
 * out valid; what matters is that each gets either `ok` or file:line errors. */
function mutatedLessons(rand: () => number): Record<string, string> {
  const sources = readdirSync(join(ROOT, 'lessons')).filter((n) => /^\d\d-.*\.md$/.test(n));
  const out: Record<string, string> = {};
  for (let i = 0; i < 24; i++) {
    const text = readFileSync(join(ROOT, 'lessons', sources[i % sources.length]), 'utf8');
    if (i % 2 === 0) {
      out[`m${String(i).padStart(2, '0')}-cut.md`] = text.slice(0, Math.floor(rand() * text.length));
    } else {
      const chars = [...text];
      for (let k = 0; k < 8; k++) chars[Math.floor(rand() * chars.length)] = ['`', '-', '\n', '#', ':', '"', '[', ' '][Math.floor(rand() * 8)];
      out[`m${String(i).padStart(2, '0')}-mutated.md`] = chars.join('');
    }
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'nslab-bad-lessons-'));
chmodSync(dir, 0o755); // the lab's ids read lessons as anyone would
    chmodSync(dir, 0o755); // the lab's ids read lessons as anyone would
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('broken and fuzzed lessons', () => {
  const rand = seeded(2026);
  const broken = brokenLessons(rand);
  const mutated = mutatedLessons(rand);
  for (const [name, body] of Object.entries({ ...broken, ...mutated })) writeFileSync(join(dir, name), body);
  mkdirSync(join(dir, 'a25-directory.md'));
  symlinkSync('/dev/zero', join(dir, 'a26-dev-zero.md'));
  symlinkSync('a27-loop.md', join(dir, 'a27-loop.md'));
  spawnSync('mkfifo', [join(dir, 'a28-fifo.md')]);
  const files = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  const mustFail = files.filter((n) => n.startsWith('a'));

  /** For each file: its error lines (file:line: message), or 'ok'. */
  function perFile(output: string): Map<string, string[]> {
    const seen = new Map<string, string[]>();
    for (const line of output.split('\n')) {
      const err = line.match(/^(\/\S+?\.md):(\d+): \S/);
      const ok = line.match(/^ok {3}(\/\S+?\.md): /);
      const file = err?.[1] ?? ok?.[1];
      if (!file) continue;
      const name = file.slice(dir.length + 1);
      seen.set(name, [...(seen.get(name) ?? []), err ? line : 'ok']);
    }
    return seen;
  }

  it(`nslab lint: ${files.length} files, each either ok or with file:line errors, never a stack trace`, () => {
    const r = spawnSync(NSLAB, ['lint', ...files.map((n) => join(dir, n))], { encoding: 'utf8', timeout: 60_000 });
    tally({ lines: files.length });
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(STACK_LINE);
    expect(out).not.toContain('unexpected error');
    expect(r.status).toBe(1);
    const seen = perFile(out);
    expect(files.filter((f) => !seen.has(f))).toEqual([]);
    expect(mustFail.filter((f) => seen.get(f)!.includes('ok'))).toEqual([]);
    for (const [, lines] of seen) expect(lines.includes('ok') && lines.length > 1).toBe(false);
  });

  it('nslab start with those lessons names every broken file with file:line, never a stack trace', () => {
    const r = spawnSync(NSLAB, ['start', '99'], { encoding: 'utf8', input: '', timeout: 60_000, env: { ...process.env, NSLAB_LESSONS: dir } });
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(STACK_LINE);
    expect(out).not.toContain('unexpected error');
    expect(r.status).toBe(1);
    const seen = perFile(out);
    expect(mustFail.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('nslab start on a directory of nothing but broken lessons says which and where', () => {
    const only = mkdtempSync(join(tmpdir(), 'nslab-bad-only-'));
    chmodSync(only, 0o755); // the lab's ids read lessons as anyone would
    chmodSync(only, 0o755); // the lab's ids read lessons as anyone would
    try {
      for (const name of ['a01-truncated-front-matter.md', 'a08-binary.md', 'a11-invalid-checks.md']) writeFileSync(join(only, name), broken[name]);
      const r = spawnSync(NSLAB, ['start', '1'], { encoding: 'utf8', input: '', timeout: 60_000, env: { ...process.env, NSLAB_LESSONS: only } });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^nslab: no lessons could be loaded/);
      for (const name of ['a01-truncated-front-matter.md', 'a08-binary.md', 'a11-invalid-checks.md']) expect(r.stderr).toMatch(new RegExp(`^${join(only, name)}:\\d+: `, 'm'));
      expect(r.stderr).not.toMatch(STACK_LINE);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });
});

/** Peak resident memory of the lab's node (the process running dist/cli.js start). */
function nodePeakKb(tag: string): number | undefined {
  const node = labProcesses(tag).find((p) => / node .*dist\/cli\.js start/.test(` ${p.split(' ').slice(1).join(' ')}`) || /^\d+ node .*cli\.js start/.test(p));
  if (!node) return undefined;
  const status = readFileSync(`/proc/${node.split(' ')[0]}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1]);
}

describe('learner lines that flood, never end, or read stdin', () => {
  it('megabytes and binary, captured for explanation: the shell answers, and nslab keeps a bounded amount', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-flood-'));
    try {
      const lab = startLab({ args: ['start', '90'], env: { XDG_STATE_HOME: state, NSLAB_LESSONS: FAULT_LESSONS } });
      // ` ?` asks for the full explanation, so the output goes through node and is kept.
      const lines = ['head -c 5000000 /dev/urandom ?', 'yes | head -c 20000000 ?', 'ip a; yes "10.0.0.1 dev eth0" | head -c 20000000', 'cat', 'echo ANSWERS-$((6*7))'];
      for (const l of lines) lab.send(l);
      await lab.waitFor('ANSWERS-42', { timeoutMs: 90_000 });
      const peak = nodePeakKb(lab.tag);
      lab.child.stdin.end();
      await lab.exited;
      tally({ lines: lines.length, leftovers: (await labLeftovers(lab.tag, lab.pid)).length });
      expect(lab.output).not.toMatch(STACK_LINE);
      // 45 MB went through node; a copy of it all would be hundreds of MB of strings.
      expect(peak).toBeDefined();
      expect(peak!).toBeLessThan(250 * 1024);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('on a terminal: a flood of binary, then `sleep infinity` and Ctrl-C, then the shell answers', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-pty-'));
    const tag = newLabTag();
    const s = startOnPty(`${NSLAB} start 90`, { NSLAB_LESSONS: FAULT_LESSONS, XDG_STATE_HOME: state, ...labTagEnv(tag) });
    try {
      await s.waitFor('host # ');
      s.send('head -c 1000000 /dev/urandom; echo; echo FLOOD-""OVER\r');
      let at = await s.waitFor('FLOOD-OVER');
      at = await s.waitFor('host # ', at);
      s.send('sleep infinity\r');
      await s.waitFor('sleep infinity', at);
      await sleep(300);
      s.send('\x03');
      at = await s.waitFor('host # ', s.output.indexOf('sleep infinity', at));
      s.send('cat\r');
      await s.waitFor('cat', at);
      await sleep(200);
      s.send('typed-into-cat\r');
      await s.waitFor('typed-into-cat', at);
      s.send('\x04');
      at = await s.waitFor('host # ', s.output.lastIndexOf('typed-into-cat'));
      s.send('echo ALIVE-$((40+2))\r');
      at = await s.waitFor('ALIVE-42', at);
      await s.waitFor('host # ', at);
      s.send('\x04');
      await s.exited;
      tally({ lines: 4, leftovers: (await labLeftovers(tag)).length });
      expect(labProcesses(tag)).toEqual([]);
    } finally {
      s.kill();
      rmSync(state, { recursive: true, force: true });
    }
  });
});
