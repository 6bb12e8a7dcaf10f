// The entry point opens a lab early only for command lines it reads exactly as the CLI's
// parser does; everything else is left to the parser (undefined here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lab.js';
import { earlyLabOptions, openLabEarly, plainLabOptions, startPreset, takeEarlyOpening } from '../../src/lab-setup/early-open.js';

describe('plainLabOptions', () => {
  it('reads run and sandbox with --preset and --containers, in both spellings', () => {
    expect(plainLabOptions(['run', '--containers', '50', '--', 'docker exec c1 ping -c1 172.17.0.51'])).toEqual({ preset: 'docker-host', containers: 50 });
    expect(plainLabOptions(['run', '--preset=bare', 'ip', 'a'])).toEqual({ preset: 'bare' });
    expect(plainLabOptions(['sandbox', '--containers=3', '--preset', 'docker-host'])).toEqual({ preset: 'docker-host', containers: 3 });
    expect(plainLabOptions(['sandbox'])).toEqual({ preset: 'docker-host' });
    // Options after the command's words are still options (commander's default), until `--`.
    expect(plainLabOptions(['run', 'true', '--containers', '2'])).toEqual({ preset: 'docker-host', containers: 2 });
    expect(plainLabOptions(['run', '--', 'echo', '--containers', '2'])).toEqual({ preset: 'docker-host' });
  });

  it('leaves anything else to the parser', () => {
    for (const argv of [
      [], ['start', '1'], ['topo', '--containers', '2'], ['run'], ['run', '--'], ['sandbox', 'extra'],
      ['run', '--help', 'x'], ['run', '-h'], ['run', '--containers'], ['run', '--containers', 'x', 'true'],
      ['run', '--containers', '-1', 'true'], ['run', '--containers', '251', 'true'], ['run', '--containers', '2.5', 'true'],
      ['run', '--preset', 'docker', 'true'], ['run', '--pre', 'bare', 'true'], ['sandbox', '--containers', ''],
    ]) {
      expect(plainLabOptions(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('the values both readers take', () => {
  // The early reader and the CLI share their value parsers (sandbox/option-values.ts): a
  // value the early reader takes, the CLI takes the same way, and one it leaves, the CLI refuses.
  const NSLAB = join(ROOT, 'bin', 'nslab');
  it.each(['3', '1e1', '0x2', ' 2', '251'])('--containers %j', (v) => {
    const early = plainLabOptions(['run', '--containers', v, '--', 'true']);
    const cli = spawnSync(NSLAB, ['run', '--containers', v, '--', 'echo', 'ran'], { encoding: 'utf8', env: { ...process.env, NSLAB_LESSONS: '' } });
    if (early) expect(cli.stdout).toBe('ran\n');
    else expect(cli.stderr).toMatch(/a whole number from 0 to 250/);
  });
});

describe('startPreset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-early-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lesson = (file: string, frontMatter: string, body = '# Body\n') => writeFileSync(join(dir, file), `---\n${frontMatter}\n---\n${body}`);
  lesson('01-a.md', 'id: 01-a\ntitle: A\nsummary: S\nsource: a.md\npreset: bare');
  lesson('02-ab.md', 'id: 02-ab\ntitle: AB\nsummary: S\nsource: a.md\npreset: docker-host\nsetup:\n  - "preset: bare"');
  writeFileSync(join(dir, 'README.md'), 'not a lesson');

  it('reads the preset of the one lesson a number, an id or a name means', async () => {
    expect(await startPreset(['start', '1'], dir)).toBe('bare');
    expect(await startPreset(['start', '02'], dir)).toBe('docker-host');
    expect(await startPreset(['start', '02-ab', '--step', '3'], dir)).toBe('docker-host');
    expect(await startPreset(['start', 'ab', '--step=2'], dir)).toBe('docker-host');
    expect(await earlyLabOptions(['start', '2'], dir)).toEqual({ preset: 'docker-host' });
  });

  it('declines when another lesson could be meant should that one fail to load, or the line is not plain', async () => {
    // "a" means 01-a (its name), but "ab" starts with "a": were 01-a broken, 02-ab would be meant.
    expect(await startPreset(['start', 'a'], dir)).toBeUndefined();
    expect(await startPreset(['start', '3'], dir)).toBeUndefined();
    expect(await startPreset(['start'], dir)).toBeUndefined();
    expect(await startPreset(['start', '1', '--step'], dir)).toBeUndefined();
    expect(await startPreset(['start', '1', '--help'], dir)).toBeUndefined();
    expect(await startPreset(['start', '--step', '2'], dir)).toBeUndefined();
    expect(await startPreset(['start', '1'], join(dir, 'missing'))).toBeUndefined();
  });

  it('reads the front matter as the lesson parser does, whatever the YAML looks like', async () => {
    const other = mkdtempSync(join(tmpdir(), 'nslab-early-'));
    const write = (file: string, text: string) => writeFileSync(join(other, file), text);
    try {
      // A closing `...`, a space before the colon, and a column-0 `preset:` in the body.
      write('01-a.md', '---\nid: 01-a\ntitle: A\nsummary: S\nsource: a.md\npreset : bare\n...\n```\npreset: docker-host\n```\n---\n');
      // A flow mapping whose quoted title spans a line that looks like a key.
      write('02-b.md', '---\n{id: 02-b, title: "veth\npreset: docker-host", summary: S, source: a.md, preset: bare}\n---\n# B\n');
      expect(await startPreset(['start', '1'], other)).toBe('bare');
      expect(await startPreset(['start', '2'], other)).toBe('bare');
      // A lesson whose front matter does not read is one the command cannot mean either.
      write('03-c.md', '---\nid: 03-c\npreset: nope\n---\n');
      expect(await startPreset(['start', '3'], other)).toBeUndefined();
      // Not a regular file: passed over, never read (a FIFO would block a read for ever).
      spawnSync('mkfifo', [join(other, '04-notes.md')]);
      expect(await startPreset(['start', '1'], other)).toBe('bare');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('the early opening', () => {
  it('is worth it with containers or for a lesson, not for a bare run', async () => {
    expect(await earlyLabOptions(['run', 'true'])).toBeUndefined();
    expect(await earlyLabOptions(['sandbox', '--preset', 'bare'])).toBeUndefined();
    expect(await earlyLabOptions(['run', '--containers', '4', 'true'])).toEqual({ preset: 'docker-host', containers: 4 });
  });

  it('is taken over once by the same options', async () => {
    const opened: unknown[] = [];
    await openLabEarly({ preset: 'docker-host', containers: 4 }, async () => async (o) => { opened.push(o); });
    expect(opened).toEqual([{ preset: 'docker-host', containers: 4 }]);
    await expect(takeEarlyOpening({ preset: 'docker-host', containers: 4 })).resolves.toBeUndefined();
    expect(takeEarlyOpening({ preset: 'docker-host', containers: 4 })).toBeUndefined();
  });

  it('refuses to hand an opening to a command that asks for another lab', async () => {
    await openLabEarly({ preset: 'docker-host', containers: 2 }, async () => async () => {});
    expect(() => takeEarlyOpening({ preset: 'bare' })).toThrow(/opened early for "docker-host 2".*asks for "bare 0"/);
  });
});
