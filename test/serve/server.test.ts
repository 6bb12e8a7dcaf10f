// The class server's own behaviour, with bash in each learner's pty instead of a lab (the
// labs themselves: serve-labs.live.test.ts): joining, seats, tokens, the instructor's
// 403, Origin, reconnecting, the clocks that end a lab, bad frames and floods.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASH_LAUNCHER, PageClient, joinClass, startClass, waitFor, type TestClass } from './class-server.js';

let cls: TestClass | undefined;
afterEach(async () => { await cls?.close(); cls = undefined; });

async function learner(c: TestClass, name: string): Promise<{ page: PageClient; token: string }> {
  const { token } = await joinClass(c.url, c.room.code, name);
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  const page = new PageClient(c.url, token!);
  await page.opened();
  await page.until(() => page.screen.includes('bash$ '), 'the prompt');
  return { page, token: token! };
}

describe('joining', () => {
  it('takes a name at the join link and sends the learner to their own page', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const form = await fetch(`${cls.url}/join/${cls.room.code}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<input name="name" value="[^"]+"/);
    const { status, token } = await joinClass(cls.url, cls.room.code.toLowerCase(), 'Ada');
    expect(status).toBe(303);
    const page = await fetch(`${cls.url}/l/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(await page.text()).toContain('/assets/xterm.js');
  });

  it('serves every script and style the page uses itself', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    for (const html of [readFileSync(joinPath(import.meta.dirname, '..', '..', 'web', 'learner.html'), 'utf8'), readFileSync(joinPath(import.meta.dirname, '..', '..', 'web', 'instructor.html'), 'utf8')]) {
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.startsWith('/assets/'), ref).toBe(true);
        const r = await fetch(cls.url + ref);
        expect(r.status, ref).toBe(200);
        expect((await r.arrayBuffer()).byteLength, ref).toBeGreaterThan(100);
      }
    }
  });

  it('says the class is full when every seat is taken, and still lets the seated back in', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, seats: 1 });
    const first = await joinClass(cls.url, cls.room.code, 'One');
    const second = await joinClass(cls.url, cls.room.code, 'Two');
    expect(second.status).toBe(503);
    expect(second.text).toContain('This class is full');
    expect((await fetch(`${cls.url}/join/${cls.room.code}`)).status).toBe(503);
    expect((await fetch(`${cls.url}/l/${first.token}`)).status).toBe(200);
  });

  it('answers a wrong code, a wrong link and an empty name with a page that says what to do', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const wrong = await fetch(`${cls.url}/join/NOPE99`);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('No class here has that code');
    expect((await fetch(`${cls.url}/l/${'A'.repeat(32)}`)).status).toBe(404);
    expect((await joinClass(cls.url, cls.room.code, '   ')).status).toBe(400);
  });
});

describe('a learner whose browser asks for Chinese', () => {
  const ZH = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

  it('gets the join pages, the server\'s notices and the class-full page in Chinese; an English browser, English', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, seats: 1 });
    const form = await fetch(`${cls.url}/join/${cls.room.code}`, { headers: ZH });
    const html = await form.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('你在班级名单上的名字');
    const { token } = await joinClass(cls.url, cls.room.code, '小明', ZH);
    const page = new PageClient(cls.url, token!);
    await page.opened();
    await page.until(() => page.screen.includes('bash$ '), 'the prompt');
    // bash reports no prompt, so the server holds the hint back and says why, in Chinese.
    page.send({ t: 'hint' });
    await page.until(() => !!page.message('notice'), 'the notice');
    expect(page.message('notice')?.text).toBe('要等 shell 回到提示符才能给提示：请等命令结束（或按 Ctrl-C）。');
    cls.room.broadcast('休息十分钟');
    await page.until(() => !!page.message('notice', (m) => m.text.startsWith('讲师说：')), 'the broadcast');
    const full = await joinClass(cls.url, cls.room.code, '小红', ZH);
    expect(full.status).toBe(503);
    expect(full.text).toContain('<html lang="zh-CN">');
    expect(full.text).toContain('课堂已满');
    expect(full.text).toContain('本班的 1 个座位都已有人');
    const english = await joinClass(cls.url, cls.room.code, 'Two', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('This class is full');
    expect((await (await fetch(`${cls.url}/nowhere`, { headers: ZH })).text())).toContain('这个地址上什么也没有');
  });

  it('is told why the lab ended in Chinese, its duration in Chinese too', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { timeLimit: 1000 } });
    const { token } = await joinClass(cls.url, cls.room.code, '小明', ZH);
    const page = new PageClient(cls.url, token!);
    await page.opened();
    await page.until(() => page.messages.some((m) => m.t === 'lab' && m.state === 'ended'), 'the end', 10000);
    expect(page.message('lab', (m) => m.state === 'ended')?.reason).toBe('本班每个实验环境的时限（1 秒）已到。你的进度都还在：下一个实验环境会从你上次所在的地方开始。');
  });
});

describe('joining, as a stranger would try it', () => {
  it('refuses a join form posted from another site\'s page, and strips control and format characters from names', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const foreign = await fetch(`${cls.url}/join/${cls.room.code}`, { method: 'POST', body: new URLSearchParams({ name: 'x' }), redirect: 'manual', headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${cls.url}/join/${cls.room.code}`, { method: 'POST', body: new URLSearchParams({ name: 'Eve\u202egnp.exe\u0007' }), redirect: 'manual', headers: { origin: cls.url } });
    expect(own.status).toBe(303);
    expect(cls.room.learners.map((l) => l.record.name)).toEqual(['Evegnp.exe']);
  });

  it('a learner\'s link answers HEAD as the page checks it before reconnecting', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Ada');
    expect((await fetch(`${cls.url}/l/${token}`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${cls.url}/l/${'C'.repeat(32)}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('lessons asked for one after another, quickly, leave one lab: the last one asked', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { page, token } = await learner(cls, 'Ada');
    const lessons = cls.room.opts.lessons.map((l) => l.meta.id);
    for (const id of [lessons[1], lessons[2], lessons[3], lessons[1], lessons[2]]) page.send({ t: 'lesson', id });
    const me = cls.room.byToken(token)!;
    await waitFor(() => me.lessonId === lessons[2] && me.labState === 'running', 'the last lesson\'s lab');
    await new Promise((r) => setTimeout(r, 500)); // any extra lab would have started by now
    const bashes = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').split(' ').filter(Boolean)
      .filter((p) => { try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('/bin/bash\0--norc'); } catch { return false; } });
    expect(bashes).toEqual([String(me.labPid)]);
  });
});

describe('tokens', () => {
  it('the instructor page and its API answer 403 without the instructor token', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Eve');
    for (const t of ['', 'x', token!, cls.room.roster.instructorToken.slice(1)]) {
      expect((await fetch(`${cls.url}/i/${t}`)).status, t).toBe(t === '' ? 404 : 403);
      expect((await fetch(`${cls.url}/api/i/${t}/class`)).status, t).toBe(t === '' ? 404 : 403);
    }
    const ok = await fetch(`${cls.url}/api/i/${cls.room.roster.instructorToken}/class`);
    expect(ok.status).toBe(200);
    expect((await ok.json()).rows.map((l: { name: string }) => l.name)).toEqual(['Eve']);
  });

  it('keeps only hashes of learners\' tokens on disk, and never logs a token', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Ada');
    const saved = ['class.db', 'class.db-wal'].map((f) => readFileSync(joinPath(cls!.stateDir, f), 'latin1')).join('');
    expect(saved).toContain('Ada');
    expect(saved).not.toContain(token);
    expect(cls.logs.join('\n')).not.toContain(token);
    expect(cls.logs.join('\n')).not.toContain(cls.room.roster.instructorToken);
  });

  it('a socket attaches only with a learner\'s token, and only from the server\'s own pages', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Ada');
    await expect(new PageClient(cls.url, 'B'.repeat(32)).opened()).rejects.toThrow('403');
    await expect(new PageClient(cls.url, token!, 'http://evil.example').opened()).rejects.toThrow('403');
    await expect(new PageClient(cls.url, cls.room.roster.instructorToken).opened()).rejects.toThrow('403');
  });

  it('two learners each reach their own terminal only', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const a = await learner(cls, 'A');
    const b = await learner(cls, 'B');
    a.page.type('echo secret-of-$((6*7))-a\r');
    b.page.type('echo other-$((5*5))-b\r');
    await a.page.until(() => a.page.screen.includes('secret-of-42-a'), 'a\'s echo');
    await b.page.until(() => b.page.screen.includes('other-25-b'), 'b\'s echo');
    expect(b.page.screen).not.toContain('secret-of');
    expect(a.page.screen).not.toContain('other-25');
  });
});

describe('coming back', () => {
  it('a page opened again gets the same terminal with its recent output, and the old page is told', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { grace: 60_000 } });
    const { page, token } = await learner(cls, 'Ada');
    page.type('echo before-$((1+1))\r');
    await page.until(() => page.screen.includes('before-2'), 'the echo');
    page.close();
    await page.until(() => page.closed !== undefined, 'the close');
    const again = new PageClient(cls.url, token);
    await again.opened();
    await again.until(() => again.screen.includes('before-2'), 'the recent output, again');
    again.type('echo $$\r');
    const third = new PageClient(cls.url, token);
    await third.opened();
    await again.until(() => again.closed?.code === 4000, 'the older page closed');
    expect(again.message('notice')?.text).toContain('another tab');
  });

  it('after the grace period the lab ends, and the next visit starts a new one, saying why', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { grace: 300 } });
    const { page, token } = await learner(cls, 'Ada');
    page.type('echo $$ > /dev/null; echo first-lab\r');
    page.close();
    const learnerNow = cls.room.byToken(token)!;
    await waitFor(() => learnerNow.labState === 'ended', 'the lab to end', 10000);
    const again = new PageClient(cls.url, token);
    await again.opened();
    await again.until(() => again.screen.includes('bash$ '), 'a new lab');
    expect(again.message('notice')?.text).toMatch(/^Your last lab ended \(you were away longer than the class's grace period \(300ms\)\); this is a new one/);
    expect(again.screen).not.toContain('first-lab');
  });

  it('the time limit and the idle timeout end a lab with their reason', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { timeLimit: 1000 } });
    const { page } = await learner(cls, 'Ada');
    await page.until(() => page.messages.some((m) => m.t === 'lab' && m.state === 'ended'), 'the end', 10000);
    expect(page.message('lab', (m) => m.state === 'ended')?.reason).toMatch(/time limit for a lab \(1s\)/);
    await cls.close();
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { idleTimeout: 1000 } });
    const idle = await learner(cls, 'Bo');
    await idle.page.until(() => idle.page.messages.some((m) => m.t === 'lab' && m.state === 'ended'), 'the end', 20000);
    expect(idle.page.message('lab', (m) => m.state === 'ended')?.reason).toMatch(/nothing was typed for 1s/);
  });

  it('a restarted server knows the class again: same code, same learners, same links', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { token } = await joinClass(cls.url, cls.room.code, 'Ada');
    const { code, stateDir } = { code: cls.room.code, stateDir: cls.stateDir };
    await cls.close(true);
    cls = await startClass({ launcher: BASH_LAUNCHER, stateDir });
    expect(cls.room.code).toBe(code);
    expect(cls.room.byToken(token!)?.record.name).toBe('Ada');
  });

  it('refuses a class file it did not write, saying what to do, instead of starting an empty class over it', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const stateDir = cls.stateDir;
    await cls.close(true);
    writeFileSync(joinPath(stateDir, 'class.db'), '{"some": "thing else"}');
    await expect(startClass({ launcher: BASH_LAUNCHER, stateDir })).rejects.toThrow(/class\.db is not a class database nslab can read \(not an SQLite database\)\. Move it away/);
    rmSync(joinPath(stateDir, 'class.db'));
    writeFileSync(joinPath(stateDir, 'class.json'), '{"format": "nslab-cl');
    await expect(startClass({ launcher: BASH_LAUNCHER, stateDir })).rejects.toThrow(/class\.json is not a class file nslab can read \(not JSON\)/);
  });
});

describe('bad input', () => {
  it('answers malformed, unknown and oversized frames with an error, and stays up', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const { page, token } = await learner(cls, 'Ada');
    for (const frame of ['{', 'null', '[]', '{"t":"in","data":5}', '{"t":"resize","cols":0,"rows":9}', '{"t":"resize","cols":1e9,"rows":9}', '{"t":"nope"}', '{"t":"lesson","id":"99-none"}']) page.send(frame);
    page.ws.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true });
    await page.until(() => page.messages.filter((m) => m.t === 'error').length >= 9, 'an error for each');
    page.type('echo still-$((2+2))\r');
    await page.until(() => page.screen.includes('still-4'), 'the terminal still works');
    page.ws.send('x'.repeat(70 * 1024)); // over the frame limit: this socket is closed
    await page.until(() => page.closed !== undefined, 'the oversized frame closes the socket');
    expect(page.closed?.code).toBe(1009);
    const again = new PageClient(cls.url, token);
    await again.opened();
    again.type('echo back-$((3+3))\r');
    await again.until(() => again.screen.includes('back-6'), 'a new socket works');
  });

  it('survives a reconnect storm and a resize storm: one lab, still answering', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER, limits: { grace: 60_000 } });
    const { page, token } = await learner(cls, 'Ada');
    const pid = cls.room.byToken(token)!.labPid;
    page.close();
    for (let round = 0; round < 10; round++) {
      const burst = Array.from({ length: 30 }, () => new PageClient(cls!.url, token));
      await Promise.all(burst.map((p) => p.opened().catch(() => undefined)));
      for (const p of burst) p.ws.terminate();
    }
    const last = new PageClient(cls.url, token);
    await last.opened();
    for (let i = 0; i < 2000; i++) last.send({ t: 'resize', cols: 20 + (i % 200), rows: 5 + (i % 60) });
    last.send({ t: 'resize', cols: 77, rows: 21 });
    last.type('stty size\r');
    await last.until(() => last.screen.includes('21 77'), 'the last size, applied');
    expect(cls.room.byToken(token)!.labPid).toBe(pid);
    expect(cls.room.learners.length).toBe(1);
  });

  it('a learner flooding their terminal is slowed alone: another learner\'s echo still comes', async () => {
    cls = await startClass({ launcher: BASH_LAUNCHER });
    const flood = await learner(cls, 'Flood');
    const calm = await learner(cls, 'Calm');
    flood.page.type('yes flooding-the-terminal\r');
    await flood.page.until(() => flood.page.screen.length > 1_000_000, 'a flood');
    for (let i = 0; i < 5; i++) {
      calm.page.type(`echo calm-${i}-$((${i}*11))\r`);
      await calm.page.until(() => calm.page.screen.includes(`calm-${i}-${i * 11}`), `echo ${i}`, 10000);
    }
    flood.page.type('\x03');
    await flood.page.until(() => /\^C[\s\S]*bash\$ $/.test(flood.page.screen.slice(-3000)), 'Ctrl-C stops the flood', 20000);
  });
});
