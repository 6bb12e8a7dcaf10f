#!/usr/bin/env node
// nslab's entry point. Inside a lab, a command line whose lab is plain to read (`run` or
// `sandbox` with containers, `start LESSON`) starts opening that lab before the rest of
// the CLI loads (see lab-setup/early-open.ts).
import { earlyLabOptions, openLabEarly } from './lab-setup/early-open.js';
import { inLab } from './sandbox/lab.js';

const early = inLab() ? await earlyLabOptions(process.argv.slice(2)).catch(() => undefined) : undefined;
if (early) {
  await openLabEarly(early, async () => {
    const [{ buildLab }] = await Promise.all([import('./lab-setup/open.js'), early.containers ? import('./runtime/bulk.js') : undefined]);
    return buildLab;
  }).catch(() => { /* the command opens its lab itself, and reports what fails */ });
}
const { main, reportAndExit } = await import('./cli-program.js');
main().catch(reportAndExit);
