// The instructor's live link to the class: the class table, pushed within a fraction of a
// second of any change; shadowing one learner's terminal (bytes from the learner to the
// instructor, never back: nothing in this file can reach a learner's pty, and the
// instructor's messages are only the few below); and the class-wide controls.
import type { WebSocket } from 'ws';
import type { Classroom } from './classroom.js';
import { classRows, stepBars } from './class-view.js';
import { frameObject } from './page-messages.js';

export type InstructorMessage =
  | { t: 'shadow'; seat: number }
  | { t: 'unshadow' }
  | { t: 'broadcast'; text: string }
  | { t: 'pace'; lessonId: string }
  | { t: 'hold'; lessonId: string; step: number; message: string }
  | { t: 'release' };

export function parseInstructorMessage(text: string): InstructorMessage | string {
  const v = frameObject(text);
  if (typeof v === 'string') return v;
  const seat = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 10000;
  const str = (x: unknown, max: number) => typeof x === 'string' && x.length <= max;
  switch (v.t) {
    case 'shadow': return seat(v.seat) ? { t: 'shadow', seat: v.seat as number } : 'a seat that is not a number';
    case 'unshadow': return { t: 'unshadow' };
    case 'broadcast': return str(v.text, 500) && (v.text as string).trim() ? { t: 'broadcast', text: (v.text as string).trim() } : 'a message of 1 to 500 characters';
    case 'pace': return str(v.lessonId, 200) ? { t: 'pace', lessonId: v.lessonId as string } : 'a lesson that is not a name';
    case 'hold':
      return str(v.lessonId, 200) && seat(v.step) && (v.message === undefined || str(v.message, 300))
        ? { t: 'hold', lessonId: v.lessonId as string, step: v.step as number, message: (v.message as string | undefined) ?? '' }
        : 'a hold needs a lesson and a step number';
    case 'release': return { t: 'release' };
    default: return 'an unknown message type';
  }
}

/** The class as the instructor's page shows it. */
export function classSnapshot(room: Classroom, now = Date.now()) {
  const lessons = room.lessonsById;
  const rows = classRows(room.learners.map((l) => ({
    seat: l.record.seat + 1, name: l.record.name, online: l.online, lab: l.labState, lessonId: l.lessonId,
    step: l.step, checksPassed: l.checks.filter((c) => c.ok).length, stepSince: l.stepSince,
    failingLines: l.failingLines, hints: l.hints, lastError: l.lastError,
  })), lessons, now);
  return {
    t: 'class' as const,
    code: room.code,
    seats: room.opts.seats,
    rows,
    bars: stepBars(rows, lessons),
    lessons: room.opts.lessons.map((l) => ({ id: l.meta.id, title: l.meta.title, steps: l.steps.map((s) => s.title) })),
    hold: room.hold ?? null,
  };
}

export function onInstructorSocket(ws: WebSocket, room: Classroom, log: (line: string) => void): void {
  const send = (msg: unknown) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg)); };
  let timer: NodeJS.Timeout | undefined;
  let watched: number | undefined;
  const shadowInfo = (seat: number) => {
    const learner = room.learners.find((l) => l.record.seat + 1 === seat);
    return learner && { t: 'shadow', seat, name: learner.record.name, svg: learner.svg ?? null, recent: learner.recentChecks };
  };
  const push = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      send(classSnapshot(room));
      // The watched learner's picture and last lines follow them too.
      const info = watched === undefined ? undefined : shadowInfo(watched);
      if (info) send(info);
    }, 150);
  };
  const unwatch = room.watch(push);
  // Times on a step move on their own: a fresh table every few seconds regardless.
  const tick = setInterval(push, 5000);
  let stopShadow: (() => void) | undefined;
  let inFlight = 0;

  ws.on('message', (data, isBinary) => {
    const msg = isBinary ? 'a binary frame' : parseInstructorMessage(data.toString());
    if (typeof msg === 'string') return send({ t: 'error', text: `the page sent ${msg}; ignored` });
    switch (msg.t) {
      case 'shadow': {
        stopShadow?.();
        const learner = room.learners.find((l) => l.record.seat + 1 === msg.seat);
        if (!learner) return send({ t: 'error', text: `no learner in seat ${msg.seat}` });
        watched = msg.seat;
        send(shadowInfo(msg.seat));
        stopShadow = learner.shadow((chunk) => {
          // A slow instructor's connection drops shadow output rather than slowing the learner.
          if (inFlight > 1024 * 1024) return;
          inFlight += chunk.length;
          ws.send(chunk, { binary: true }, () => { inFlight -= chunk.length; });
        });
        return;
      }
      case 'unshadow':
        stopShadow?.();
        stopShadow = undefined;
        watched = undefined;
        return;
      case 'broadcast':
        room.broadcast(msg.text);
        log(`broadcast to ${room.learners.length} learners`);
        return send({ t: 'done', text: `Sent to ${room.learners.filter((l) => l.online).length} learners online.` });
      case 'pace': {
        const moved = room.pace(msg.lessonId);
        if (moved === undefined) return send({ t: 'error', text: `there is no lesson "${msg.lessonId}"` });
        return send({ t: 'done', text: `Everyone moves to ${msg.lessonId} (${moved} labs restart).` });
      }
      case 'hold': {
        const why = room.setHold({ lessonId: msg.lessonId, step: msg.step, message: msg.message });
        if (why) return send({ t: 'error', text: why });
        push();
        return send({ t: 'done', text: `The class is held at step ${msg.step} of ${msg.lessonId}.` });
      }
      case 'release':
        room.setHold(undefined);
        push();
        return send({ t: 'done', text: 'The class is released.' });
    }
  });
  const end = () => {
    unwatch();
    clearInterval(tick);
    clearTimeout(timer);
    stopShadow?.();
  };
  ws.on('close', end);
  ws.on('error', () => ws.terminate());
  send(classSnapshot(room));
}
