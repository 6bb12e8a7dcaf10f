// A long-lived reader for takeSnapshot(): one `unshare --mount bash` that stays up and is
// sent one request per snapshot, instead of a new `unshare … bash` per snapshot. (The CLI's
// labs have one; a workshop's labs do not: see snapshot.ts.)
//
// Why: the lesson shell takes a snapshot after every learner line, and starting the script
// afresh (Node forking itself, unshare, bash, a tmpfs mount, the symlinks) was about half
// of a snapshot's 15–20 ms on a 2-core machine (bench/). The reader mounts its private
// tmpfs on /run/netns once; each request opens the namespaces' files, links any new fd
// number there once (a link names an fd, so it stays right when the fd is reused for
// another namespace; links to fds not open now dangle, and `ip netns list-id` skips
// them), reads, prints, and closes the fds again.
//
// Paths are opened through /proc/<our pid>/root: the reader's mount namespace is a copy
// taken when it started, and a namespace the learner bind-mounts later (`ip netns add`)
// exists only in ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { innerScript, MARK } from './read-script.js';
import { currentLab, type LabAccess } from '../sandbox/lab-access.js';

export interface ReadResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DONE = `${MARK} done `;

/** The snapshot script, run as `unshare --mount --propagation private bash -c SCRIPT`.
 * Given paths as arguments it reads them once and exits (the fallback when no reader
 * runs); without, it is the reader, serving requests from stdin. For the Kth path that
 * could be opened it prints `@@nslab ns K FD` and that namespace's sections. */
export function snapshotScript(lab: LabAccess = currentLab()): string {
  return `
root=/proc/${lab.viewPid}/root
mount -t tmpfs nslab-snapshot /run/netns 2>/dev/null || { mount -t tmpfs nslab-snapshot /run && mkdir /run/netns; } ||
  { echo "cannot mount a private tmpfs on /run/netns" >&2; exit 90; }
inner=${shellQuote(innerScript())}
snap() {
  local fds=() fd k p
  for p in "$@"; do
    if [ -e "$root$p" ] && exec {fd}<"$root$p"; then fds+=("$fd"); else fds+=(-); fi
  done 2>/dev/null
  # Every link first: each namespace's \`ip netns list-id\` names the others by them.
  for fd in "\${fds[@]}"; do
    [ "$fd" = - ] || [ -L /run/netns/$fd ] || ln -s /proc/$$/fd/$fd /run/netns/$fd || return 91
  done
  for k in "\${!fds[@]}"; do
    fd=\${fds[k]}
    [ "$fd" = - ] && continue
    { echo "${MARK} ns $k $fd"; nsenter --net=/proc/$$/fd/$fd sh -c "$inner"; } > /run/netns/out.$k 2>/dev/null &
  done
  wait
  for k in "\${!fds[@]}"; do
    fd=\${fds[k]}
    [ "$fd" = - ] && continue
    while IFS= read -r line || [ -n "$line" ]; do printf '%s\\n' "$line"; done < /run/netns/out.$k
    exec {fd}<&-
  done
  return 0
}
if [ $# -gt 0 ]; then snap "$@"; exit $?; fi
while IFS= read -r -d '' n; do
  paths=()
  for ((i = 0; i < n; i++)); do IFS= read -r -d '' p; paths+=("$p"); done
  snap "\${paths[@]}"
  printf '${DONE}%s\\n' $?
done
`;
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Longer than any snapshot takes, even on a loaded machine (tens of milliseconds). */
export const READ_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (r: ReadResult) => void;
  reject: (e: Error) => void;
}

class Reader {
  private readonly child: ChildProcess;
  private out = '';
  private err = '';
  private pending: Pending | undefined;
  exited = false;

  constructor(lab: LabAccess) {
    const [cmd, ...args] = lab.enter(['unshare', '--mount', '--propagation', 'private', 'bash', '-c', snapshotScript(lab)]);
    this.child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: lab.env });
    // Neither the reader nor its pipes keep Node alive; it ends at our exit (end of input).
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void })?.unref?.();
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => this.onData(d));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => { this.err += d; });
    this.child.stdin!.on('error', () => {});
    const end = (why: string) => {
      this.exited = true;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(why));
    };
    this.child.on('error', (e) => end(`the snapshot reader could not start: ${e.message}`));
    this.child.on('exit', (code, sig) => end(`the snapshot reader exited (${sig ?? code})${this.err.trim() ? `: ${this.err.trim()}` : ''}`));
  }

  private onData(d: string): void {
    this.out += d;
    const at = this.out.lastIndexOf(DONE);
    if (at < 0 || !this.out.endsWith('\n') || (at > 0 && this.out[at - 1] !== '\n')) return;
    const exitCode = Number(this.out.slice(at + DONE.length).trim());
    const result = { exitCode, stdout: this.out.slice(0, at), stderr: this.err };
    this.out = '';
    this.err = '';
    const p = this.pending;
    this.pending = undefined;
    (this.child.stdout as unknown as { unref(): void }).unref();
    p?.resolve(result);
  }

  close(): void {
    this.child.stdin!.end();
  }

  read(paths: string[]): Promise<ReadResult> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error('the snapshot reader has exited'));
      // A read that never answers (a namespace's `ip` wedged) must not freeze the shell,
      // whose lines wait for it: the reader is ended, which rejects this request.
      const timer = setTimeout(() => this.child.kill('SIGKILL'), READ_TIMEOUT_MS);
      timer.unref();
      this.pending = {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      // Referenced only while a request is out, so that a lone `await takeSnapshot()` waits.
      (this.child.stdout as unknown as { ref(): void }).ref();
      this.child.stdin!.write([String(paths.length), ...paths].map((s) => s + '\0').join(''));
    });
  }
}

/** A lab's reader, its queue of requests, and how many readers died in a row: past a
 * few, no new one is tried (the caller falls back to the one-shot script, which reports
 * what is wrong). */
interface ReaderSlot {
  reader?: Reader;
  queue: Promise<unknown>;
  deaths: number;
}

/** Reads the namespaces at `paths` (the host as /proc/self/ns/net) through the current
 * lab's reader, one request at a time; starts the reader, or a new one if it has died (once). */
export function readNamespaces(paths: string[]): Promise<ReadResult> {
  const lab = currentLab();
  let slot = lab.owned.get('snapshot-reader') as ReaderSlot | undefined;
  if (!slot) lab.owned.set('snapshot-reader', slot = { queue: Promise.resolve(), deaths: 0 });
  const s = slot;
  const attempt = async (): Promise<ReadResult> => {
    if (s.deaths >= 3) throw new Error('the snapshot reader keeps failing');
    if (!s.reader || s.reader.exited) s.reader = new Reader(lab);
    try {
      const r = await s.reader.read(paths);
      s.deaths = 0;
      return r;
    } catch (e) {
      s.deaths++;
      throw e;
    }
  };
  const next = s.queue.then(() => attempt().catch(() => attempt()));
  s.queue = next.catch(() => {});
  return next;
}

/** Ends the current lab's reader, if it has one (a lab whose shell is done with it). */
export function closeReader(lab: LabAccess = currentLab()): void {
  const slot = lab.owned.get('snapshot-reader') as ReaderSlot | undefined;
  slot?.reader?.close();
  lab.owned.delete('snapshot-reader');
}
