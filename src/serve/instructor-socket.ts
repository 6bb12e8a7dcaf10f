// The instructor's live link to the class: the class table, pushed within a fraction of a
// second of any change; shadowing one learner's terminal (bytes from the learner to the
// instructor, never back: nothing in this file can reach a learner's pty, and the
// instructor's messages are only the few below); and the class-wide controls.
import type { WebSocket } from 'ws';
import type { Classroom } from './classroom.js';
import { classRows, stepBars } from './class-view.js';
import { frameObject } from './page-messages.js';
import { LANGS, type Lang } from '../i18n/lang.js';
import { socketText, type SocketText } from '../i18n/socket-text.js';
import { serveCliText } from '../i18n/serve-cli-text.js';

export type InstructorMessage =
  | { t: 'shadow'; seat: number }
  | { t: 'unshadow' }
  | { t: 'broadcast'; text: string }
  | { t: 'pace'; lessonId: string }
  | { t: 'hold'; lessonId: string; step: number; message: string }
  | { t: 'release' }
  | { t: 'lang'; lang: Lang };

/** The message, or what it is instead in `t`'s words. */
export function parseInstructorMessage(text: string, t: SocketText = socketText('en')): InstructorMessage | string {
  const v = frameObject(text, t);
  if (typeof v === 'string') return v;
  const seat = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 10000;
  const str = (x: unknown, max: number) => typeof x === 'string' && x.length <= max;
  switch (v.t) {
    case 'shadow': return seat(v.seat) ? { t: 'shadow', seat: v.seat as number } : t.seatNotNumber;
    case 'unshadow': return { t: 'unshadow' };
    case 'broadcast': return str(v.text, 500) && (v.text as string).trim() ? { t: 'broadcast', text: (v.text as string).trim() } : t.broadcastSize;
    case 'pace': return str(v.lessonId, 200) ? { t: 'pace', lessonId: v.lessonId as string } : t.lessonNotName;
    case 'hold':
      return str(v.lessonId, 200) && seat(v.step) && (v.message === undefined || str(v.message, 300))
        ? { t: 'hold', lessonId: v.lessonId as string, step: v.step as number, message: (v.message as string | undefined) ?? '' }
        : t.holdNeeds;
    case 'release': return { t: 'release' };
    case 'lang': return typeof v.lang === 'string' && (LANGS as readonly string[]).includes(v.lang) ? { t: 'lang', lang: v.lang as Lang } : t.langOther(LANGS);
    default: return t.unknownType;
  }
}

/** The class as the instructor's page shows it, in the page's language. */
export function classSnapshot(room: Classroom, lang: Lang = 'en', now = Date.now()) {
  const lessons = new Map([...room.lessonsById.keys()].map((id) => [id, room.lessonIn(id, lang)!]));
  const rows = classRows(room.learners.map((l) => ({
    seat: l.record.seat + 1, name: l.record.name, online: l.online, lab: l.labState, lessonId: l.lessonId,
    step: l.step, checksPassed: l.checks.filter((c) => c.ok).length, stepSince: l.stepSince,
    failingLines: l.failingLines, hints: l.hints, lastError: l.lastError,
  })), lessons, now, undefined, socketText(lang));
  return {
    t: 'class' as const,
    code: room.code,
    seats: room.opts.seats,
    rows,
    bars: stepBars(rows, lessons),
    lessons: [...lessons.values()].map((l) => ({ id: l.meta.id, title: l.meta.title, steps: l.steps.map((s) => s.title) })),
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
      send(classSnapshot(room, lang));
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
  // The page says its language when it connects and when the instructor switches it.
  let lang: Lang = 'en';
  let t = socketText(lang);

  ws.on('message', (data, isBinary) => {
    const msg = isBinary ? t.binaryFrame : parseInstructorMessage(data.toString(), t);
    if (typeof msg === 'string') return send({ t: 'error', text: t.ignored(msg) });
    switch (msg.t) {
      case 'lang':
        lang = msg.lang;
        t = socketText(lang);
        return send(classSnapshot(room, lang));
      case 'shadow': {
        stopShadow?.();
        const learner = room.learners.find((l) => l.record.seat + 1 === msg.seat);
        if (!learner) return send({ t: 'error', text: t.noLearnerInSeat(msg.seat) });
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
        log(serveCliText().broadcast(room.learners.length));
        return send({ t: 'done', text: t.sentTo(room.learners.filter((l) => l.online).length) });
      case 'pace': {
        const moved = room.pace(msg.lessonId);
        if (moved === undefined) return send({ t: 'error', text: t.noLesson(msg.lessonId) });
        return send({ t: 'done', text: t.everyoneMoves(msg.lessonId, moved) });
      }
      case 'hold': {
        const why = room.setHold({ lessonId: msg.lessonId, step: msg.step, message: msg.message }, t);
        if (why) return send({ t: 'error', text: why });
        push();
        return send({ t: 'done', text: t.heldAt(msg.step, msg.lessonId) });
      }
      case 'release':
        room.setHold(undefined);
        push();
        return send({ t: 'done', text: t.released });
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
  send(classSnapshot(room, lang));
}
