// The closing line CI reads counts every way a test file can fail: a test that fails, a
// hook that throws (its tests are then skipped, which must not pass for "0 failed"), and
// a file that does not load. Runs vitest on small files written for the purpose.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/lab.js';

const dir = mkdtempSync(join(tmpdir(), 'nslab-reporter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default {};\n');
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--root', dir, '--reporter', join(ROOT, 'test', 'summary-reporter.ts')], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return r.stdout + r.stderr;
}

describe('test/summary-reporter.ts', () => {
  it('counts a beforeAll that throws as a failure, though its tests are skipped', () => {
    const out = run({
      'a.test.ts': "import { it } from 'vitest';\nit('passes', () => {});\nit.skip('skips', () => {});\n",
      'b.test.ts': "import { beforeAll, describe, it } from 'vitest';\ndescribe('x', () => { beforeAll(() => { throw new Error('boom'); }); it('never runs', () => {}); });\n",
      'c.test.ts': "import { it } from 'vitest';\nimport './no-such-module.js';\nit('x', () => {});\n",
    });
    expect(out).toMatch(/b\.test\.ts: failed outside its tests/);
    expect(out.trim().split('\n').at(-1)).toBe('1 passed, 2 failed, 2 skipped');
  });
});
