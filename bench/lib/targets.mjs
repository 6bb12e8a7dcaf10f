// The bench's targets and verdicts: a pure function from the figures one run measured to
// the rows of its closing table, so that what counts as a miss can be tested without
// running anything (test/bench/targets.test.ts).

const ms = (x) => (x === undefined ? 'n/a' : `${Math.abs(x) < 10 ? x.toFixed(2) : x.toFixed(0)} ms`);
const known = (...xs) => xs.every((x) => typeof x === 'number' && Number.isFinite(x));

/** A row whose figure is a difference or an amount checked against an absolute limit. */
function absolute(figure, value, limit, unit = ms) {
  return { figure, value: known(value) ? unit(value) : 'n/a', target: `≤ ${unit(limit)}`, ok: known(value) ? value <= limit : undefined };
}

/**
 * Returns { figure, value, target, ok } rows (ok: true, false, or undefined when the
 * figure could not be measured) for every section present in `figures`:
 *   scale   { nslab, ipBatch, mininet }       ms at N=50
 *   startup { nslab, node }                   ms to the first prompt; `node -e 0`
 *   lines   { bash, sandbox, lesson }         ms a line
 *   checks  { check, reads }                  ms: snapshot + checks; the bare reads
 *   memory  { peakMb }                        MB
 */
export function verdicts(figures) {
  const rows = [];
  const { scale, startup, lines, checks, memory } = figures;
  if (scale) {
    const { nslab, ipBatch, mininet } = scale;
    rows.push(ratio('N=50: nslab / ip-batch', nslab, ipBatch, 1.5, 2));
    rows.push(ratio('N=50: nslab / Mininet', nslab, mininet, 0.3, 2));
  }
  if (startup) {
    rows.push(absolute('start-up to first prompt', startup.nslab, 500));
    rows.push(ratio('start-up / node -e 0', startup.nslab, startup.node, 8));
  }
  if (lines) {
    const { bash, sandbox, lesson } = lines;
    const over = (x) => (known(x, bash) ? x - bash : undefined);
    rows.push(absolute('sandbox: overhead a line over bash -c', over(sandbox), 15));
    rows.push(absolute('lesson shell: overhead a line over bash -c', over(lesson), 15));
  }
  if (checks) {
    rows.push(absolute('check latency (snapshot + a step\'s checks)', checks.check, 30));
  }
  if (memory) {
    rows.push(absolute('peak RSS, shell with 10 containers', memory.peakMb, 120, (x) => `${x.toFixed(1)} MB`));
  }
  return rows;
}

function ratio(figure, a, b, limit, digits = 1) {
  if (!known(a, b) || b <= 0) return { figure, value: 'n/a', target: `≤ ${limit}×`, ok: undefined };
  return { figure, value: `${(a / b).toFixed(digits)}× (${ms(a)} / ${ms(b)})`, target: `≤ ${limit}×`, ok: a / b <= limit };
}
