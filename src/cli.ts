#!/usr/bin/env node
// nslab's entry point. Inside a lab, a `run` or `sandbox` with containers starts opening
// its lab before the rest of the CLI loads (see sandbox/early-open.ts).
import { openLabEarly } from './sandbox/early-open.js';
import { inLab } from './sandbox/lab.js';

if (inLab()) {
  await openLabEarly(process.argv.slice(2), async () => {
    const [{ buildLab }] = await Promise.all([import('./sandbox/open.js'), import('./runtime/bulk.js')]);
    return buildLab;
  }).catch(() => { /* the command opens its lab itself, and reports what fails */ });
}
const { main, reportAndExit } = await import('./cli-program.js');
main().catch(reportAndExit);
