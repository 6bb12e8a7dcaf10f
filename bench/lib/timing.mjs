// Timing child processes from the outside: wall-clock milliseconds from spawn to exit (or
// to the first output that matches), medians, and interleaved rounds so that a burst of
// load on this shared machine hits every variant of a comparison alike.
import { spawn } from 'node:child_process';

/**
 * Runs argv, writes `input` to its stdin and closes it, and resolves with the milliseconds
 * until it exits — or, with `until`, until its stdout first matches (the clock stops there;
 * the promise still waits for the exit so nothing outlives the measurement).
 * Rejects when the command fails, with its stderr, so a broken variant is never timed.
 */
export function timeCommand(argv, { input = '', env, until, cwd, okCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let stopped;
    const child = spawn(argv[0], argv.slice(1), { env: env ?? process.env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (until && stopped === undefined && until.test(out)) stopped = process.hrtime.bigint();
    });
    child.stderr.on('data', (d) => { err += d; });
    child.stdin.on('error', () => {}); // the child may exit before reading everything
    child.stdin.end(input);
    child.on('error', (e) => reject(new Error(`${argv[0]} could not start: ${e.message}`)));
    child.on('close', (code, signal) => {
      const end = process.hrtime.bigint();
      if (!okCodes.includes(code)) {
        const tail = (err.trim() || out.trim()).split('\n').slice(-5).join('\n');
        return reject(new Error(`\`${argv.join(' ')}\` exited ${code ?? signal}: ${tail}`));
      }
      if (until && stopped === undefined) return reject(new Error(`\`${argv.join(' ')}\` never printed ${until}`));
      resolve({ ms: Number((stopped ?? end) - t0) / 1e6, stdout: out, stderr: err });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The nearest-rank percentile (p from 0 to 100): always one of the values measured; of 50
 * learners' figures, the p99 is the slowest (ceil(0.99 × 50) = 50). */
export function percentile(xs, p) {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1];
}

/**
 * Runs every variant once per round, `rounds` times, rotating the order each round.
 * variants: { name: () => Promise<number> } (each returns milliseconds, or throws to be
 * marked unavailable). Returns { name: { median, runs, error } }.
 */
export async function interleaved(rounds, variants, onRun = () => {}) {
  const names = Object.keys(variants);
  const result = Object.fromEntries(names.map((n) => [n, { runs: [], error: undefined }]));
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) {
      const slot = result[name];
      if (slot.error) continue;
      try {
        slot.runs.push(await variants[name]());
        onRun(name, slot.runs.at(-1));
      } catch (e) {
        slot.error = e instanceof Error ? e.message : String(e);
        onRun(name, undefined, slot.error);
      }
    }
  }
  for (const slot of Object.values(result)) slot.median = slot.runs.length ? median(slot.runs) : undefined;
  return result;
}

export function loadAverage() {
  return import('node:os').then((os) => os.loadavg().map((x) => x.toFixed(2)).join(' '));
}
