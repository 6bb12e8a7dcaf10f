// In a class the server runs above its labs (src/sandbox/work-priority.ts): as root it
// raises itself to SERVER_NICE; without root it cannot, and says so by returning false.
// (That a served lab and everything in it runs at LAB_NICE is checked on real labs through
// the server: test/serve/serve-labs.live.test.ts.)
import { describe, expect, it } from 'vitest';
import { runProcess, ROOT } from '../helpers/lab.js';
import { join } from 'node:path';
import { getPriority } from 'node:os';
import { SERVER_NICE } from '../../src/sandbox/work-priority.js';

describe('raiseServerPriority', () => {
  it(`takes niceness ${SERVER_NICE} as root, and leaves the process as it was otherwise`, async () => {
    const module = join(ROOT, 'dist', 'sandbox', 'work-priority.js');
    const script = `import(${JSON.stringify(module)}).then((m) => console.log(m.raiseServerPriority(), require('node:os').getPriority()))`;
    const r = await runProcess([process.execPath, '-e', script]);
    expect(r.exitCode).toBe(0);
    const root = process.getuid?.() === 0;
    expect(r.stdout.trim()).toBe(root ? `true ${SERVER_NICE}` : `false ${getPriority()}`);
  });
});
