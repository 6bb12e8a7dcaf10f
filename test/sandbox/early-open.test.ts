// The entry point opens a lab early only for command lines it reads exactly as the CLI's
// parser does; everything else is left to the parser (undefined here).
import { describe, expect, it } from 'vitest';
import { openLabEarly, plainLabOptions, takeEarlyOpening } from '../../src/sandbox/early-open.js';

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

describe('the early opening', () => {
  it('is started only with containers, and taken over once by the same options', async () => {
    const opened: unknown[] = [];
    const load = async () => async (o: unknown) => { opened.push(o); };
    await openLabEarly(['run', 'true'], load);
    expect(opened).toEqual([]);
    expect(takeEarlyOpening({ preset: 'docker-host' })).toBeUndefined();
    await openLabEarly(['run', '--containers', '4', 'true'], load);
    expect(opened).toEqual([{ preset: 'docker-host', containers: 4 }]);
    await expect(takeEarlyOpening({ preset: 'docker-host', containers: 4 })).resolves.toBeUndefined();
    expect(takeEarlyOpening({ preset: 'docker-host', containers: 4 })).toBeUndefined();
  });

  it('refuses to hand an opening to a command that asks for another lab', async () => {
    await openLabEarly(['sandbox', '--containers', '2'], async () => async () => {});
    expect(() => takeEarlyOpening({ preset: 'bare' })).toThrow(/opened early for "docker-host 2".*asks for "bare 0"/);
  });
});
