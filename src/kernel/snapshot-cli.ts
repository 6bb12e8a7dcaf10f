// A debugging entry point, not an nslab command: inside a lab,
//   node dist/kernel/snapshot-cli.js [--containers FILE.json]
// prints takeSnapshot() as JSON. Tests and the benchmark use it; so can a curious author.
import { readFileSync } from 'node:fs';
import { describeError } from '../errors.js';
import { takeSnapshot } from './snapshot.js';
import type { ContainerInfo } from './types.js';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--containers');
  const file = i >= 0 ? process.argv[i + 1] : undefined;
  const containers: ContainerInfo[] = file ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const state = await takeSnapshot({ listContainers: () => containers });
  process.stdout.write(JSON.stringify(state, null, 1) + '\n');
}

main().catch((e) => {
  process.stderr.write(`snapshot-cli: ${describeError(e)}\n`);
  process.exit(1);
});
