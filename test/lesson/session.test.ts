// The lesson session, driven directly (no terminal, no lab): the one step engine the
// terminal shell renders and `nslab solve` proves. Where the two used to differ (solve
// looked again at any failing step for half a second; the shell only at checks that
// asynchronous teardown explains), they now give the same verdict, because both are it.
import { describe, expect, it } from 'vitest';
import type { KernelState } from '../../src/kernel/types.js';
import { LessonSession, SETTLE, SETTLE_PING, settleFor, type Hold, type SessionEvent } from '../../src/lesson/session.js';
import { parseCheck } from '../../src/lesson/check-syntax.js';
import { NOT_PROBED_YET } from '../../src/lesson/check-eval.js';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Lesson } from '../../src/lesson/types.js';
import { LessonShell } from '../../src/repl/lesson-shell.js';
import { proveLesson } from '../../src/solve/prove-lesson.js';
import { emptyState, link, netns } from './fixtures.js';

const LESSON = `---
id: 98-session
title: Session test
summary: One step whose check passes only on a second look.
source:
  - 001_d1ef9f79a0602893.txt
preset: bare
---

# Session

## Make a bridge

Make it.

\`\`\`sh
true
\`\`\`

\`\`\`check
link br0 kind bridge
\`\`\`

### Hints
1. \`ip link add br0 type bridge\`.

## Look

Look.

\`\`\`sh
true
\`\`\`

\`\`\`question
Which bridge is there?
answer: literal br0
\`\`\`

### Hints
1. It is \`br0\`.
2. Really, \`br0\`.
`;

function lesson(): Lesson {
  const parsed = parseLesson(LESSON, '98-session.md');
  if (!parsed.lesson) throw new Error(JSON.stringify(parsed.errors));
  return parsed.lesson;
}

const withBridge = (): KernelState => ({ ...emptyState(), namespaces: [netns('host', 'host')], links: [link('host', 3, 'br0', 'bridge')] });

/** Snapshots: the bridge shows up only from the `after`-th read on. */
function lab(after: number) {
  let reads = 0;
  return async () => (++reads >= after ? withBridge() : emptyState());
}

const prober = { ping: async () => ({ ok: false, detail: 'no ping here' }) } as never;

describe('LessonSession', () => {
  it('passes a step when its checks hold, asks the question, completes on the right answer, with events in order', async () => {
    const events: SessionEvent[] = [];
    const s = new LessonSession({ lesson: lesson(), snapshot: async () => withBridge(), prober, emit: (e) => events.push(e) });
    await s.begin(true);
    s.noteLine('ip link add br0 type bridge');
    await s.afterLine(withBridge());
    expect(s.stepIndex).toBe(1);
    await s.afterLine(withBridge());
    expect(s.awaitingAnswer).toBe(true);
    await s.answer('br1');
    expect(s.awaitingAnswer).toBe(true);
    await s.answer('br0');
    expect(s.completed).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['intro', 'step', 'checks', 'step-passed', 'step', 'question', 'answer', 'answer', 'step-passed', 'lesson-done']);
  });

  it('after a line, reports every check as far as it was tried: a ping waits (unprobed) until the others hold', async () => {
    const parsed = parseLesson(LESSON.replace('link br0 kind bridge', 'link br0 kind bridge\nping 10.0.0.1'), '98-session.md');
    const pings: string[] = [];
    const pinging = { ping: async (_from: unknown, address: string) => { pings.push(address); return true; } };
    const events: SessionEvent[] = [];
    const s = new LessonSession({ lesson: parsed.lesson!, snapshot: async () => emptyState(), prober: pinging, emit: (e) => events.push(e) });
    await s.begin(false);
    await s.afterLine({ ...emptyState(), namespaces: [netns('host', 'host')] });
    const first = events.find((e) => e.kind === 'checks');
    expect(first?.kind === 'checks' && first.reports.map((r) => [r.result.ok, r.result.found])).toEqual([[false, expect.any(String)], [false, NOT_PROBED_YET]]);
    expect(pings).toEqual([]);
    events.length = 0;
    await s.afterLine(withBridge());
    expect(pings).toEqual(['10.0.0.1']);
    expect(events.map((e) => e.kind)).toEqual(['checks', 'step-passed', 'step']);
    expect(events[0].kind === 'checks' && events[0].reports.every((r) => r.result.ok)).toBe(true);
  });

  it('hints come one by one, the last one repeating', async () => {
    const s = new LessonSession({ lesson: lesson(), snapshot: async () => withBridge(), prober, emit: () => {} });
    await s.begin(false);
    await s.goTo(1);
    expect([s.nextHint()?.number, s.nextHint()?.number, s.nextHint()?.number]).toEqual([1, 2, 2]);
  });

  it('a step that holds only on a second look: the shell and solve agree (neither passes it)', async () => {
    // The shell, as a learner meets it: the read after the line does not show the bridge
    // yet, a second one would.
    const shellLab = lab(2);
    const shell = new LessonShell({
      lesson: lesson(), print: () => {}, markdown: (m) => m, snapshot: shellLab, prober,
      newSession: () => { throw new Error('no shell needed'); }, color: false,
    });
    await shell.begin(false);
    await shell.session!.afterLine(await shellLab());
    const shellPassed = shell.session!.passed.has(1);
    // solve, on a lab that answers alike: its read before the commands, the one after
    // them, and only then the bridge.
    const proof = await proveLesson(lesson(), { snapshot: lab(3), prober });
    expect(shellPassed).toBe(false);
    expect(proof.steps[0].ok).toBe(shellPassed);
    expect(proof.steps[0].failedAfter[0]?.found).toMatch(/looked at again later/);
  });

  it('looks again only where the kernel may still be finishing: teardown briefly, a ping once a second later, nothing else', () => {
    const c = (text: string) => { const r = parseCheck(text); if (!r.ok) throw new Error(r.error); return r.value; };
    expect(settleFor([c('not link veth1')])).toBe(SETTLE);
    expect(settleFor([c('ping 10.0.0.1 from net1'), c('not link veth1')])).toBe(SETTLE_PING);
    expect(settleFor([c('link br0 kind bridge')])).toBeUndefined();
    expect(settleFor([c('ping 10.0.0.1 from net1'), c('link br0 kind bridge')])).toBeUndefined();
  });
});

/** Three steps, each passed by the bridge being there. */
const THREE = LESSON.replace(/## Look[\s\S]*$/, ['Two', 'Three'].map((t) => `## ${t}\n\n${t}.\n\n\`\`\`sh\ntrue\n\`\`\`\n\n\`\`\`check\nlink br0 kind bridge\n\`\`\`\n\n### Hints\n1. \`true\`.\n`).join('\n'));

describe('LessonSession, held by the instructor', () => {
  function held(text = THREE) {
    const parsed = parseLesson(text, '98-session.md');
    if (!parsed.lesson) throw new Error(JSON.stringify(parsed.errors));
    const events: SessionEvent[] = [];
    const done: number[] = [];
    const box = { hold: { lessonId: '98-session', step: 2, message: 'wait for the demo' } as Hold | undefined, reads: 0 };
    const s = new LessonSession({
      lesson: parsed.lesson, snapshot: async () => withBridge(), prober, emit: (e) => events.push(e),
      progress: { visit: async () => ({ warnings: [] }), markDone: async (_id, step) => { done.push(step.number); return { warnings: [] }; } },
      hold: async () => { box.reads++; return box.hold; },
    });
    return { s, events, done, box, kinds: () => events.map((e) => e.kind) };
  }

  it('at step 2: step 1 passes and moves on; step 2 passes (saved as done) but stays, saying so once; released, the next line moves on', async () => {
    const { s, events, done, box, kinds } = held();
    await s.begin(false);
    await s.afterLine(withBridge());
    expect(s.stepIndex).toBe(1);
    expect(kinds()).toEqual(['step', 'checks', 'step-passed', 'step']);
    events.length = 0;
    await s.afterLine(withBridge());
    expect(s.stepIndex).toBe(1);
    expect(s.held).toBe(true);
    expect(done).toEqual([1, 2]);
    expect(events.slice(1)).toEqual([{ kind: 'step-passed', step: s.step }, { kind: 'held', step: s.step, message: 'wait for the demo' }]);
    // More lines while held: no checks run, nothing said again, the step stays.
    events.length = 0;
    await s.afterLine(withBridge());
    await s.afterLine(undefined);
    expect(s.checksPending()).toBe(false);
    expect(events).toEqual([]);
    expect(s.stepIndex).toBe(1);
    box.hold = undefined;
    const reads = box.reads;
    await s.afterLine(undefined);
    expect(box.reads).toBe(reads + 1);
    expect(s.held).toBe(false);
    expect(s.stepIndex).toBe(2);
    expect(kinds()).toEqual(['step']);
    expect(done).toEqual([1, 2]);
  });

  it('.next cannot pass it (said each time it is tried); .back can go back; a hold moved further on lets the learner go that far', async () => {
    const { s, events, box, kinds } = held();
    await s.begin(false);
    await s.goTo(1); // onto the held step itself: allowed
    expect(s.stepIndex).toBe(1);
    events.length = 0;
    await s.goTo(2);
    await s.goTo(5);
    expect(s.stepIndex).toBe(1);
    expect(kinds()).toEqual(['held', 'held']);
    expect(s.held).toBe(false); // skipped to, not passed: its checks still run
    expect(s.checksPending()).toBe(true);
    await s.afterLine(withBridge());
    expect(s.held).toBe(true);
    await s.goTo(2);
    expect(s.stepIndex).toBe(1);
    await s.goTo(0);
    expect(s.stepIndex).toBe(0);
    expect(s.held).toBe(false);
    events.length = 0;
    box.hold = { lessonId: '98-session', step: 3 };
    await s.goTo(2);
    expect(s.stepIndex).toBe(2);
    await s.afterLine(withBridge()); // the last step passed, held there: the lesson is not done
    expect(kinds()).toEqual(['step', 'checks', 'step-passed', 'held']);
    expect(s.completed).toBe(false);
    box.hold = undefined;
    await s.afterLine(undefined);
    expect(kinds().at(-1)).toBe('lesson-unfinished'); // step 2 was skipped over
  });

  it('a question answered at the held step: stays; released, the lesson completes at the next line', async () => {
    const { s, box, kinds } = held(LESSON);
    await s.begin(false);
    await s.afterLine(withBridge());
    await s.afterLine(withBridge());
    await s.answer('br0');
    expect(kinds().slice(-3)).toEqual(['answer', 'step-passed', 'held']);
    expect(s.completed).toBe(false);
    box.hold = undefined;
    await s.afterLine(undefined);
    expect(s.completed).toBe(true);
    expect(kinds().at(-1)).toBe('lesson-done');
  });

  it('a hold for another lesson, or one that cannot be read, holds nobody', async () => {
    const { s, box, kinds } = held();
    box.hold = { lessonId: '01-other', step: 1 };
    await s.begin(false);
    await s.afterLine(withBridge());
    await s.goTo(2);
    expect(s.stepIndex).toBe(2);
    const broken = new LessonSession({ lesson: s.lesson, snapshot: async () => withBridge(), prober, emit: () => {}, hold: async () => { throw new Error('no broker'); } });
    await broken.begin(false);
    await broken.afterLine(withBridge());
    await broken.afterLine(withBridge());
    expect(broken.stepIndex).toBe(2);
    expect(kinds()).not.toContain('held');
  });

  it('the shell says so, and its .next stays; held at a passed step, Enter alone moves on once released', async () => {
    let out = '';
    let hold: Hold | undefined = { lessonId: '98-session', step: 1, message: 'Eyes on the projector!' };
    const shell = new LessonShell({
      lesson: lesson(), print: (t) => { out += t; }, markdown: (m) => m, snapshot: async () => withBridge(), prober,
      newSession: () => { throw new Error('no shell needed'); }, color: false,
      hold: async () => hold,
    });
    await shell.begin(false);
    await shell.handleLine('.next');
    expect(shell.stepIndex).toBe(0);
    expect(out).toContain("The instructor holds the class here: Eyes on the projector! You'll go on when they release it; meanwhile explore.");
    await shell.handleLine('.check'); // its checks hold: passed, and held there
    expect(shell.session!.held).toBe(true);
    await shell.handleLine('');
    expect(shell.stepIndex).toBe(0);
    hold = undefined;
    await shell.handleLine('');
    expect(shell.stepIndex).toBe(1);
  });
});

describe('LessonSession, saving progress', () => {
  it('saves a step as current before showing it, and a pass with the step it moves on to in one write (no moment where a kill resumes on the passed step)', async () => {
    const parsed = parseLesson(THREE, '98-session.md');
    if (!parsed.lesson) throw new Error(JSON.stringify(parsed.errors));
    const log: string[] = [];
    const box = { hold: undefined as Hold | undefined };
    const s = new LessonSession({
      lesson: parsed.lesson, snapshot: async () => withBridge(), prober,
      emit: (e) => { if (e.kind === 'step' || e.kind === 'step-passed' || e.kind === 'held') log.push(`${e.kind} ${e.step.number}`); },
      progress: {
        visit: async (_id, step) => { log.push(`visit ${step.number}`); return { warnings: [] }; },
        markDone: async (_id, step, _total, next) => { log.push(`done ${step.number}${next ? ` current ${next.number}` : ''}`); return { warnings: [] }; },
      },
      hold: async () => box.hold,
    });
    await s.begin(false);
    await s.afterLine(withBridge());
    expect(log).toEqual(['visit 1', 'step 1', 'step-passed 1', 'done 1 current 2', 'step 2']);
    // Held after step 2: it is saved as done, and stays the current one.
    log.length = 0;
    box.hold = { lessonId: '98-session', step: 2 };
    await s.afterLine(withBridge());
    expect(log).toEqual(['step-passed 2', 'done 2', 'held 2']);
    // Released: on to the last step (saved, then shown); passed, there is nowhere further to go.
    log.length = 0;
    box.hold = undefined;
    await s.afterLine(withBridge());
    await s.afterLine(withBridge());
    expect(log).toEqual(['visit 3', 'step 3', 'step-passed 3', 'done 3']);
  });
});
