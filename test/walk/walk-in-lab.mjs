// Inside a lab (`nslab run -- node test/walk/walk-in-lab.mjs LINE`): walks LINE and prints
// the walk as JSON, and, while the walk watches, whether its trace table is in the ruleset
// (so that a test comparing the rules before and after knows the table was really there).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.env.NSLAB_ROOT ?? join(import.meta.dirname, '..', '..');
const { walkCommand } = await import(join(root, 'dist', 'walk', 'capture.js'));
const { takeLabSnapshot } = await import(join(root, 'dist', 'lab-setup', 'lab-snapshot.js'));
let during = '';
const r = await walkCommand(process.argv[2], {
  runLine: async (line) => {
    during = execFileSync('nft', ['list', 'ruleset'], { encoding: 'utf8' });
    execFileSync('bash', ['-c', line], { stdio: ['ignore', 'ignore', 'inherit'] });
  },
  snapshot: takeLabSnapshot,
});
process.stdout.write(JSON.stringify({ ok: r.walk?.ok, problem: r.problem, tableDuring: during.includes('table inet nslab_walk') }) + '\n');
