// The learner's session, reported to the workshop server (`nslab serve`) for the page
// beside their terminal: the shell tells a ShellObserver what happens, and this turns it
// into LabEvents (src/serve/protocol.ts), each a line of JSON, sent from the thread of the
// learners' shells to the server's main thread. Reporting is fire-and-forget: the learner
// never waits for it.
import type { KernelState } from '../kernel/types.js';
import type { SessionEvent } from '../lesson/session.js';
import { LAB_EVENT_MAX, type LabEvent } from './protocol.js';
import { buildModel, markLinks } from '../view/topo-model.js';
import { UNICODE } from '../view/topo-text.js';
import type { ShellObserver } from '../repl/lesson-shell.js';

/** A ShellObserver that hands each LabEvent, as one line of JSON, to `send`. An event too big
 * to send (the topology of a very large lab) is left out; one that cannot be made
 * at all is too: the page misses it, the learner's shell never notices. */
export function sessionReporter(lessonId: string, send: (json: string) => void): ShellObserver {
  const sendSized = (json: string) => { if (Buffer.byteLength(json) <= LAB_EVENT_MAX) send(json); };
  const report = (make: () => LabEvent[]) => {
    try {
      for (const event of make()) sendSized(JSON.stringify(event));
    } catch {
      // (see above)
    }
  };
  // The picture is sent when it changes: most lines (`ip a`, `ping`) leave the lab as it was,
  // and each picture sent is drawn again on the server and pushed to the page.
  let lastPicture = '';
  return {
    session: (e) => report(() => labEventsOf(lessonId, e)),
    prompt: (idle, line) => report(() => [line === undefined ? { kind: 'prompt', idle } : { kind: 'prompt', idle, line: line.slice(0, 500) }]),
    // With the glyphs of the terminal's `.topo`, so that the page draws what the terminal would.
    lab: (state: KernelState, marks?: ReadonlyMap<string, string>) => {
      try {
        const model = buildModel(state, UNICODE);
        if (marks?.size) markLinks(model, marks);
        const json = JSON.stringify({ kind: 'topology', model } satisfies LabEvent);
        if (json === lastPicture) return;
        lastPicture = json;
        sendSized(json);
      } catch {
        // (see above)
      }
    },
    errorSeen: (line, explanation) => report(() => [{ kind: 'error-seen', line, explanation }]),
  };
}

/** What the page is told of one session event (intro, warnings, questions: nothing). */
export function labEventsOf(lessonId: string, e: SessionEvent): LabEvent[] {
  switch (e.kind) {
    case 'step':
      return [{ kind: 'step', lessonId, number: e.step.number, total: e.total }];
    case 'checks':
      return [{ kind: 'checks', lessonId, number: e.step.number, checks: e.reports.map(({ result: { ok, expected, found } }) => ({ ok, expected, found })) }];
    case 'step-passed':
      return [{ kind: 'step-passed', lessonId, number: e.step.number }];
    case 'lesson-done':
      return [{ kind: 'lesson-done', lessonId }];
    case 'hint':
      return [{ kind: 'hint', lessonId, number: e.step.number, hint: e.hint, of: e.of, at: e.number }];
    case 'held':
      return [{ kind: 'held', lessonId, step: e.step.number, message: e.message ?? '' }];
    default:
      return [];
  }
}
