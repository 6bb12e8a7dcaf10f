// `node dist/lab-setup/build-main.js PRESET`, run inside a fresh lab: builds its preset and
// ends. For a lab whose shell runs outside it (a workshop's, src/serve/served-shell.ts),
// which has its agent start this (sandbox/lab-process.ts runInside): the preset's programs
// are then the lab's own, as those of `nslab start` are, in the lab's cgroup and under its
// limits, and what stays running (the outside world's DNS server) stays with the lab.
import { describeError } from '../errors.js';
import { PRESETS, type Preset } from '../sandbox/presets.js';
import { openLab } from './open.js';

const preset = process.argv[2] as Preset;
if (!PRESETS.includes(preset)) {
  process.stderr.write(`nslab: build-main takes a preset (${PRESETS.join(', ')}), not ${JSON.stringify(process.argv[2] ?? '')}\n`);
  process.exit(2);
}
try {
  await openLab({ preset });
  process.exit(0);
} catch (e) {
  process.stderr.write(`nslab: ${describeError(e)}\n`);
  process.exit(1);
}
