// The entry point opens a lab early only for command lines it reads exactly as the CLI's
// parser does; everything else is left to the parser (undefined here).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earlyLabOptions, openLabEarly, plainLabOptions, plainStartPreset, takeEarlyOpening } from '../../src/sandbox/early-open.js';

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

describe('plainStartPreset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-early-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lesson = (file: string, frontMatter: string) => writeFileSync(join(dir, file), `---\n${frontMatter}\n---\n# Body\n`);
  lesson('01-a.md', 'id: 01-a\ntitle: A\npreset: bare');
  lesson('02-ab.md', 'id: 02-ab\ntitle: AB\npreset: docker-host\nsetup:\n  - "preset: bare"');
  writeFileSync(join(dir, 'README.md'), 'not a lesson');

  it('reads the preset of the one lesson a number, an id or a name means', () => {
    expect(plainStartPreset(['start', '1'], dir)).toBe('bare');
    expect(plainStartPreset(['start', '02'], dir)).toBe('docker-host');
    expect(plainStartPreset(['start', '02-ab', '--step', '3'], dir)).toBe('docker-host');
    expect(plainStartPreset(['start', 'ab', '--step=2'], dir)).toBe('docker-host');
    expect(earlyLabOptions(['start', '2'], dir)).toEqual({ preset: 'docker-host' });
  });

  it('declines when another lesson could be meant should that one fail to load, or the line is not plain', () => {
    // "a" means 01-a (its name), but "ab" starts with "a": were 01-a broken, 02-ab would be meant.
    expect(plainStartPreset(['start', 'a'], dir)).toBeUndefined();
    expect(plainStartPreset(['start', '3'], dir)).toBeUndefined();
    expect(plainStartPreset(['start'], dir)).toBeUndefined();
    expect(plainStartPreset(['start', '1', '--step'], dir)).toBeUndefined();
    expect(plainStartPreset(['start', '1', '--help'], dir)).toBeUndefined();
    expect(plainStartPreset(['start', '--step', '2'], dir)).toBeUndefined();
    expect(plainStartPreset(['start', '1'], join(dir, 'missing'))).toBeUndefined();
  });

  it('declines when any lesson file does not state its id and preset plainly', () => {
    const other = mkdtempSync(join(tmpdir(), 'nslab-early-'));
    try {
      writeFileSync(join(other, '01-a.md'), '---\nid: 01-a\npreset: bare\n---\n');
      writeFileSync(join(other, '02-b.md'), '---\nid: 02-b\npreset: "docker-host"\n---\n');
      expect(plainStartPreset(['start', '1'], other)).toBeUndefined();
      writeFileSync(join(other, '02-b.md'), '---\nid: 02-b\npreset: bare\npreset: docker-host\n---\n');
      expect(plainStartPreset(['start', '1'], other)).toBeUndefined();
      writeFileSync(join(other, '02-b.md'), '---\nid: 02-b\npreset: docker-host\n---\n');
      expect(plainStartPreset(['start', '1'], other)).toBe('bare');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('the early opening', () => {
  it('is worth it with containers or for a lesson, not for a bare run', () => {
    expect(earlyLabOptions(['run', 'true'])).toBeUndefined();
    expect(earlyLabOptions(['sandbox', '--preset', 'bare'])).toBeUndefined();
    expect(earlyLabOptions(['run', '--containers', '4', 'true'])).toEqual({ preset: 'docker-host', containers: 4 });
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
