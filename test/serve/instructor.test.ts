// The instructor's live view, with bash in each learner's pty and the test playing each
// learner's shell's reports (what the pages show of their session): the table follows
// within a second, shadowing is read-only by construction, and the class-wide controls
// reach every learner.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../src/serve/protocol.js';
import { classSnapshot } from '../../src/serve/instructor-socket.js';
import { BASH_LAUNCHER, PageClient, joinClass, startClass, waitFor, type TestClass } from './class-server.js';

let cls: TestClass | undefined;
afterEach(async () => { await cls?.close(); cls = undefined; });

class InstructorClient {
  readonly ws: WebSocket;
  readonly messages: Record<string, unknown>[] = [];
  shadowed = '';
  constructor(url: string, token: string, origin = url) {
    this.ws = new WebSocket(`${url.replace('http', 'ws')}/ws/i/${token}`, { origin });
    this.ws.on('message', (d, binary) => { if (binary) this.shadowed += d.toString(); else this.messages.push(JSON.parse(d.toString())); });
  }
  opened(): Promise<void> {
    return new Promise((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('unexpected-response', (_q, r) => fail(new Error(`refused: ${r.statusCode}`)));
      this.ws.once('error', fail);
    });
  }
  send(m: unknown): void { this.ws.send(typeof m === 'string' ? m : JSON.stringify(m)); }
  lastClass(): { rows: Record<string, unknown>[]; bars: { lessonId: string; onStep: number[] }[]; hold: unknown } | undefined {
    return this.messages.filter((m) => m.t === 'class').at(-1) as never;
  }
}

async function learnerWithLab(c: TestClass, name: string) {
  const { token } = await joinClass(c.url, c.room.code, name);
  const page = new PageClient(c.url, token!);
  await page.opened();
  await page.until(() => page.screen.includes('bash$ '), 'the prompt');
  const learner = c.room.byToken(token!)!;
  // What the learner's shell reports (from the thread of the shells): a line of JSON each.
  const report = (e: LabEvent | string) => learner.sessionEvent(typeof e === 'string' ? e : JSON.stringify(e));
  return { page, token: token!, learner, report };
}

describe('the instructor\'s live view', () => {
  it('answers 403 to a socket without the instructor token, or from another site', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Ada');
    await expect(new InstructorClient(cls.url, token!).opened()).rejects.toThrow('403');
    await expect(new InstructorClient(cls.url, 'x').opened()).rejects.toThrow('403');
    await expect(new InstructorClient(cls.url, cls.room.roster.instructorToken, 'http://evil.example').opened()).rejects.toThrow('403');
  });

  it('the table follows each learner\'s step and checks within a second, with the room per step', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const lesson = cls.room.opts.lessons[0];
    const a = await learnerWithLab(cls, 'Ada');
    const b = await learnerWithLab(cls, 'Bo');
    const inst = new InstructorClient(cls.url, cls.room.roster.instructorToken);
    await inst.opened();
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 2, total: lesson.steps.length });
    b.report({ kind: 'step', lessonId: lesson.meta.id, number: 1, total: lesson.steps.length });
    const n = lesson.steps[1].checks.length;
    a.report({ kind: 'checks', lessonId: lesson.meta.id, number: 2, checks: lesson.steps[1].checks.map((_, i) => ({ ok: i === 0, expected: 'e', found: 'f' })) });
    await waitFor(() => {
      const rows = inst.lastClass()?.rows ?? [];
      return rows.some((r) => r.name === 'Ada' && r.step === 2 && r.checksPassed === 1 && r.checks === n) && rows.some((r) => r.name === 'Bo' && r.step === 1);
    }, 'the table to show both', 5000);
    const bars = inst.lastClass()!.bars.find((x) => x.lessonId === lesson.meta.id)!;
    expect(bars.onStep.slice(0, 2)).toEqual([1, 1]);
    a.report({ kind: 'error-seen', line: 'RTNETLINK answers: File exists', explanation: 'that address is already there' });
    await waitFor(() => (inst.lastClass()?.rows ?? []).some((r) => (r.lastError as { line: string } | null)?.line === 'RTNETLINK answers: File exists'), 'the last error');
  });

  it('keeps each event in the class\'s log and gives the results as CSV and JSON, to the instructor only', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const lesson = cls.room.opts.lessons[0];
    const a = await learnerWithLab(cls, 'Ada, "the first"');
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 1, total: lesson.steps.length });
    a.report({ kind: 'step-passed', lessonId: lesson.meta.id, number: 1 });
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 2, total: lesson.steps.length });
    a.report({ kind: 'hint', lessonId: lesson.meta.id, number: 2, hint: 'x', of: 3, at: 1 });
    await a.page.until(() => a.page.messages.some((m) => m.t === 'hint'), 'the hint on the page');
    const events = cls.room.roster.events(a.learner.record.id).map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['joined', 'lab-started', 'step-started', 'step-passed', 'hint']));
    const token = cls.room.roster.instructorToken;
    expect((await fetch(`${cls.url}/api/i/${a.token}/results.csv`)).status).toBe(403);
    const csv = await fetch(`${cls.url}/api/i/${token}/results.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expect(await csv.text()).toContain('"Ada, ""the first"""');
    const json = await (await fetch(`${cls.url}/api/i/${token}/results.json`)).json();
    expect(JSON.stringify(json)).toContain(lesson.meta.id);
    const stateDir = cls.stateDir;
    await cls.close(true);
    cls = undefined;
    expect(readFileSync(joinPath(stateDir, 'results.csv'), 'utf8')).toContain('Ada');
    expect(JSON.parse(readFileSync(joinPath(stateDir, 'results.json'), 'utf8'))).toBeTruthy();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('a restarted server shows the same table, from the class\'s log', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const lesson = cls.room.opts.lessons[0];
    const a = await learnerWithLab(cls, 'Ada');
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 2, total: lesson.steps.length });
    a.report({ kind: 'hint', lessonId: lesson.meta.id, number: 2, hint: 'x', of: 3, at: 1 });
    a.report({ kind: 'error-seen', line: 'Cannot find device "veth9"', explanation: 'no such link' });
    await waitFor(() => a.learner.lastError !== undefined && a.learner.hints === 1, 'the events');
    const row = (c: TestClass) => classSnapshot(c.room).rows.find((r) => r.name === 'Ada')!;
    const before = row(cls);
    const stateDir = cls.stateDir;
    await cls.close(true);
    cls = await startClass({ launcher: BASH_LAUNCHER, stateDir });
    const after = row(cls);
    expect({ ...after, online: before.online, lab: before.lab, onStep: 0 }).toEqual({ ...before, onStep: 0 });
    expect(after).toMatchObject({ step: 2, hints: 1, lastError: { line: 'Cannot find device "veth9"' }, online: false });
  });

  it('marks a learner stuck after many lines with a check still failing', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const lesson = cls.room.opts.lessons[0];
    const a = await learnerWithLab(cls, 'Ada');
    const inst = new InstructorClient(cls.url, cls.room.roster.instructorToken);
    await inst.opened();
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 2, total: lesson.steps.length });
    // Working through the checks one by one (a different one failing each time) is not stuck.
    const n = lesson.steps[1].checks.length;
    for (let i = 0; i < 8; i++) a.report({ kind: 'checks', lessonId: lesson.meta.id, number: 2, checks: lesson.steps[1].checks.map((_, k) => ({ ok: k !== i % n, expected: 'e', found: 'f' })) });
    await waitFor(() => a.learner.recentChecks.length === 8, 'the alternating lines');
    expect(a.learner.failingLines).toBeLessThan(8);
    expect((inst.lastClass()?.rows ?? []).find((r) => r.name === 'Ada')?.stuck ?? null).toBeNull();
    for (let i = 0; i < 8; i++) {
      a.report({ kind: 'prompt', idle: false, line: `ip link add try${i}` });
      a.report({ kind: 'checks', lessonId: lesson.meta.id, number: 2, checks: lesson.steps[1].checks.map(() => ({ ok: false, expected: 'e', found: 'f' })) });
    }
    await waitFor(() => (inst.lastClass()?.rows ?? []).some((r) => r.name === 'Ada' && typeof r.stuck === 'string' && /^\d+ lines, the same check still failing$/.test(r.stuck as string)), 'stuck');
    // Watching them shows their last lines, each with what the checks said after it.
    inst.send({ t: 'shadow', seat: 1 });
    await waitFor(() => inst.messages.some((m) => m.t === 'shadow'), 'the shadow panel');
    const recent = (inst.messages.filter((m) => m.t === 'shadow').at(-1)!.recent as { line: string; failing: string[] }[]);
    expect(recent.map((r) => r.line)).toEqual(['try0', 'try1', 'try2', 'try3', 'try4', 'try5', 'try6', 'try7'].map((t) => `ip link add ${t}`));
    expect(recent[0].failing).toEqual(lesson.steps[1].checks.map((c) => c.text));
  });

  it('shadows a learner\'s terminal read-only: what they type shows, nothing the instructor sends reaches them', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const a = await learnerWithLab(cls, 'Ada');
    a.page.type('echo before-$((1+2))\r');
    await a.page.until(() => a.page.screen.includes('before-3'), 'the echo');
    const inst = new InstructorClient(cls.url, cls.room.roster.instructorToken);
    await inst.opened();
    inst.send({ t: 'shadow', seat: 1 });
    await waitFor(() => inst.shadowed.includes('before-3'), 'the recent output');
    a.page.type('echo live-$((2+2))\r');
    await waitFor(() => inst.shadowed.includes('live-4'), 'what the learner types now');
    // Every way a page could try to type: the learner's protocol, raw bytes, junk.
    const before = a.page.screen.length;
    for (const m of [{ t: 'in', data: 'echo INJECTED-$((9*9))\r' }, 'echo INJECTED-$((9*9))\r']) inst.send(m);
    inst.ws.send(Buffer.from('echo INJECTED-$((9*9))\r'), { binary: true });
    await waitFor(() => inst.messages.filter((m) => m.t === 'error').length >= 3, 'three refusals');
    a.page.type('echo after-$((3+3))\r');
    await a.page.until(() => a.page.screen.includes('after-6'), 'the learner\'s own line');
    expect(a.page.screen.slice(before)).not.toContain('INJECTED-81');
    expect(inst.shadowed).not.toContain('INJECTED-81');
  });

  it('broadcasts to every learner\'s page, moves the class to a lesson, and holds it at a step', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const a = await learnerWithLab(cls, 'Ada');
    const b = await learnerWithLab(cls, 'Bo');
    const inst = new InstructorClient(cls.url, cls.room.roster.instructorToken);
    await inst.opened();
    inst.send({ t: 'broadcast', text: 'Five minutes left <b>now</b>' });
    for (const p of [a.page, b.page]) await p.until(() => p.messages.some((m) => m.t === 'notice' && m.text === 'From the instructor: Five minutes left <b>now</b>'), 'the broadcast');
    const target = cls.room.opts.lessons[2].meta.id;
    inst.send({ t: 'pace', lessonId: target });
    await waitFor(() => a.learner.lessonId === target && b.learner.lessonId === target && a.learner.labState === 'running' && b.learner.labState === 'running', 'both on the new lesson');
    inst.send({ t: 'hold', lessonId: target, step: 3, message: 'wait here' });
    const holdFile = (l: typeof a.learner) => joinPath(cls!.room.roster.learnerDir(l.record.id), 'nslab', 'class-hold');
    await waitFor(() => existsSync(holdFile(a.learner)) && existsSync(holdFile(b.learner)), 'the hold files');
    expect(JSON.parse(readFileSync(holdFile(a.learner), 'utf8'))).toMatchObject({ lessonId: target, step: 3 });
    await waitFor(() => (inst.lastClass()?.hold as { step?: number } | null)?.step === 3, 'the hold on the table');
    inst.send({ t: 'release' });
    await waitFor(() => !existsSync(holdFile(a.learner)) && !existsSync(holdFile(b.learner)), 'the hold released');
    inst.send({ t: 'hold', lessonId: 'no-such', step: 1 });
    await waitFor(() => inst.messages.some((m) => m.t === 'error' && /no lesson "no-such"/.test(m.text as string)), 'a refusal');
  });

  it('speaks the page\'s language once the page says it: the lessons\' and steps\' titles, its refusals and its replies', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const lesson = cls.room.opts.lessons[0];
    const zhLesson = cls.room.lessonIn(lesson.meta.id, 'zh-CN')!;
    expect(zhLesson.meta.title).not.toBe(lesson.meta.title); // a real translation, or the test proves nothing
    const a = await learnerWithLab(cls, 'Ada');
    a.report({ kind: 'step', lessonId: lesson.meta.id, number: 2, total: lesson.steps.length });
    const inst = new InstructorClient(cls.url, cls.room.roster.instructorToken);
    await inst.opened();
    await waitFor(() => (inst.lastClass()?.rows ?? []).some((r) => r.name === 'Ada' && r.step === 2), 'the table in English');
    expect(inst.lastClass()!.rows[0]).toMatchObject({ lessonTitle: lesson.meta.title, stepTitle: lesson.steps[1].title });
    inst.send({ t: 'lang', lang: 'zh-CN' });
    await waitFor(() => inst.lastClass()?.rows[0]?.lessonTitle === zhLesson.meta.title, 'the table in Chinese');
    expect(inst.lastClass()!.rows[0].stepTitle).toBe(zhLesson.steps[1].title);
    expect((inst.lastClass() as unknown as { lessons: { title: string }[] }).lessons[0].title).toBe(zhLesson.meta.title);
    inst.send('{"t":');
    await waitFor(() => inst.messages.some((m) => m.t === 'error' && m.text === '页面发来了一条不是 JSON 的消息，已忽略'), 'a refusal in Chinese');
    inst.send({ t: 'hold', lessonId: 'no-such', step: 1 });
    await waitFor(() => inst.messages.some((m) => m.t === 'error' && m.text === '没有 "no-such" 这一课'), 'a hold refused in Chinese');
    inst.send({ t: 'broadcast', text: 'hi' });
    await waitFor(() => inst.messages.some((m) => m.t === 'done' && m.text === '已发给 1 位在线学员。'), 'the reply in Chinese');
    inst.send({ t: 'lang', lang: 'fr' });
    await waitFor(() => inst.messages.some((m) => m.t === 'error' && m.text === '页面发来了en、zh-CN 以外的语言，已忽略'), 'a language refused');
  });
});
