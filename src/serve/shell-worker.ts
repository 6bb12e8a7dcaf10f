// The thread of a class's learners' shells (src/serve/shell-host.ts says why it is one):
// one ServedShell per learner, each for its lab, spoken to in messages.
import { parentPort } from 'node:worker_threads';
import { SHELLS_NICE, setThreadNice } from '../sandbox/work-priority.js';
import { sessionReporter } from './page-events.js';
import { outsideLab } from '../sandbox/lab-access.js';
import { AgentSessions } from './lab-agent.js';
import { ServedShell } from './served-shell.js';
import type { FromWorker, ToWorker } from './shell-host.js';

// Below the main thread, which echoes every learner's keys: a burst of shells' work (fifty
// learners pressing Enter together) waits for the echoes, not the other way round.
setThreadNice(SHELLS_NICE);

const port = parentPort;
if (!port) throw new Error('shell-worker.js runs as a worker thread of `nslab serve`');

const post = (m: FromWorker) => port.postMessage(m);
/** Bytes for a message: a copy of their own, not the (pooled, larger) buffer they are a view of. */
const own = (b: Buffer) => new Uint8Array(b);

// One learner's shell failing must not end the thread, and every other learner's shell
// with it: what escapes a shell is said on the server's stderr, and the rest go on.
process.on('uncaughtException', (e) => { process.stderr.write(`nslab serve: a learner's shell failed: ${e.stack ?? e}\n`); });
process.on('unhandledRejection', (e) => { process.stderr.write(`nslab serve: a learner's shell failed: ${(e as Error)?.stack ?? e}\n`); });
const shells = new Map<number, { shell: ServedShell; sessions: AgentSessions; cols: number }>();

port.on('message', (m: ToWorker) => {
  try {
    onMessage(m);
  } catch (e) {
    process.stderr.write(`nslab serve: a learner's shell failed: ${(e as Error).stack ?? e}\n`);
  }
});

function onMessage(m: ToWorker): void {
  const open = shells.get(m.id);
  switch (m.t) {
    case 'open': {
      const { id, spec } = m;
      const sessions = new AgentSessions((kind, sid, data = '') => post({ t: 'send', id, kind, sid, data }));
      const entry = { sessions, cols: spec.cols, shell: undefined as unknown as ServedShell };
      entry.shell = new ServedShell({
        lesson: spec.lesson,
        step: spec.step,
        lang: spec.lang,
        dir: spec.dir,
        lab: outsideLab(spec.pid1, spec.env, sessions.start),
        sessions,
        prompt: (text) => post({ t: 'prompt', id, text }),
        show: (bytes) => post({ t: 'show', id, bytes: own(bytes) }),
        cols: () => entry.cols,
        observer: sessionReporter(spec.lesson.meta.id, (json) => post({ t: 'event', id, json })),
        reset: (step) => post({ t: 'reset', id, step }),
        ended: () => post({ t: 'ended', id }),
      });
      shells.set(id, entry);
      void entry.shell.start();
      return;
    }
    case 'line': open?.shell.line(m.text); return;
    case 'eof': open?.shell.eof(); return;
    case 'complete':
      if (!open) return post({ t: 'completions', id: m.id, req: m.req, list: [], token: '' });
      open.shell.complete(m.line, ([list, token]) => post({ t: 'completions', id: m.id, req: m.req, list, token }));
      return;
    case 'resize':
      if (open) open.cols = m.cols;
      return;
    case 'agent':
      open?.sessions.frame({ kind: m.kind, id: m.sid, data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength) });
      return;
    case 'close':
      if (open) {
        open.sessions.gone();
        open.shell.close();
        shells.delete(m.id);
      }
      return;
  }
}
