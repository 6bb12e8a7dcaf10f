// The baseline of check latency: the reads one kernel snapshot runs, as plain processes
// in the same lab, with nothing of nslab around them. In each namespace the snapshot
// read: ip's batch (the snapshot's own IP_BATCH), `bridge -j fdb show` where there is a
// bridge or vxlan, and iptables-save; namespaces in parallel, as the snapshot reads them.
// A namespace other than the lab's own is entered by `nsenter --net=PATH CMD`, which
// execs CMD: still one process per read. What a snapshot costs beyond this (the reader's
// protocol, Node finding the namespaces, parsing, the checks) is nslab's own.
//
// One bash serves every round and times it with $EPOCHREALTIME, so that neither Node's
// spawn nor bash's start is counted: startBareReads(state, ipBatch).time() → ms.
import { spawn } from 'node:child_process';

const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The bash script: one line on stdin → one round of reads → its microseconds on stdout. */
export function bareReadsScript(state, ipBatch) {
  const hasFdb = new Set(state.links.filter((l) => l.kind === 'bridge' || l.kind === 'vxlan').map((l) => l.ns));
  const perNamespace = state.namespaces.map((ns) => {
    const enter = ns.kind === 'host' ? '' : `nsenter --net=${quote(ns.path)} `;
    const reads = [`${enter}ip -j -d -batch - <<<"$batch"`];
    if (hasFdb.has(ns.id)) reads.push(`${enter}bridge -j fdb show`);
    reads.push(`${enter}iptables-save`);
    return `{ ${reads.join('; ')}; } >/dev/null 2>&1 &`;
  });
  return [
    `batch=${quote(ipBatch.join('\n'))}`,
    'while read -r _; do',
    '  t0=${EPOCHREALTIME//[.,]/}',
    ...perNamespace.map((l) => `  ${l}`),
    '  wait',
    '  t1=${EPOCHREALTIME//[.,]/}',
    '  echo $((t1 - t0))',
    'done',
  ].join('\n');
}

export function startBareReads(state, ipBatch) {
  const child = spawn('bash', ['-c', bareReadsScript(state, ipBatch)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  const waiting = [];
  child.stdout.setEncoding('utf8').on('data', (d) => {
    buffered += d;
    let nl;
    while (waiting.length && (nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift().resolve(Number(line) / 1000);
    }
  });
  child.on('close', (code) => { for (const w of waiting.splice(0)) w.reject(new Error(`the bare reads' bash exited ${code}`)); });
  return {
    namespaces: state.namespaces.length,
    time: () => new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write('\n');
    }),
    close: () => child.stdin.end(),
  };
}
