// The instructor's page in chromium beside two learners' pages, on real labs: a learner
// passes a step and the instructor's row advances; a broadcast reaches both learners'
// pages; the instructor watches a learner's terminal and sees what they type; holding the
// class at a step keeps a learner there until it is released.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { joinAs, pageWordsProblems, typeLine, waitForScreen, waitText } from './browser-pages.js';
import { startClass, type TestClass } from './class-server.js';

const skip = browserSkipReason();
if (skip) console.log(`skipping the instructor's page in a browser: ${skip}`);
const shots = process.env.NSLAB_SCREENSHOT_DIR ?? tmpdir();

let cls: TestClass;
let browser: Browser;
let ada: Page;
let bo: Page;
let teacher: Page;

const row = (name: string) => `#rows tr[data-name="${name}"]`;

describe.skipIf(skip)('the instructor\'s page in chromium', () => {
  beforeAll(async () => {
    const launch = await launchChromium();
    expect(launch.reason).toBeUndefined();
    browser = launch.browser!;
    cls = await startClass({ seats: 4 });
    ada = await joinAs(browser, cls, 'Ada');
    bo = await joinAs(browser, cls, 'Bo');
    teacher = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await teacher.goto(`${cls.url}/i/${cls.room.roster.instructorToken}`);
    await waitText(teacher, '#code', cls.room.code);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cls?.close();
  }, 60_000);

  it('a learner passes a step and the instructor\'s row advances', async () => {
    await waitText(teacher, `${row('Ada')} td:nth-child(4)`, /^1\/5 /);
    await typeLine(ada, 'ip a');
    await waitForScreen(ada, /answer> /, 'the question');
    await typeLine(ada, '192.168.0.11');
    await waitText(teacher, `${row('Ada')} td:nth-child(4)`, /^2\/5 Create a namespace/);
    await waitText(teacher, `${row('Bo')} td:nth-child(4)`, /^1\/5 /);
    await waitText(teacher, '.bar[title="step 2: 1 learner"] .bar-label', '2: 1');
  });

  it('a broadcast shows on both learners\' pages', async () => {
    await teacher.fill('#broadcast-text', 'Look at the picture of your lab');
    await teacher.click('#broadcast-form button');
    for (const p of [ada, bo]) await waitText(p, '#notices', /From the instructor: Look at the picture of your lab/);
  });

  it('watching a learner shows what they type, and the page has no way to type back', async () => {
    await teacher.click(row('Bo'));
    await waitText(teacher, '#shadow-name', /^Bo/);
    await typeLine(bo, 'echo bo-types-$((20+1))');
    await teacher.waitForFunction(() => /bo-types-21/.test((document.querySelector('#shadow-term .xterm-rows') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 30_000 });
    // Typing into the watched terminal, as an instructor might by habit, reaches nobody.
    await teacher.click('#shadow-term');
    await teacher.keyboard.type('echo from-teacher-$((5*5))');
    await teacher.keyboard.press('Enter');
    await typeLine(bo, 'echo bo-again-$((2*2))');
    await waitForScreen(bo, /bo-again-4/, 'Bo\'s own next line');
    expect(await bo.locator('.xterm-rows').innerText()).not.toMatch(/from-teacher/);
    await teacher.screenshot({ path: join(shots, 'instructor-page.png'), fullPage: true });
  });

  it('shows a learner\'s chosen name as text, never as HTML', async () => {
    const name = '<img src=x onerror=alert(1)>';
    let dialogs = 0;
    teacher.on('dialog', (d) => { dialogs++; void d.dismiss(); });
    const r = await fetch(`${cls.url}/join/${cls.room.code}`, { method: 'POST', body: new URLSearchParams({ name }), redirect: 'manual' });
    expect(r.status).toBe(303);
    await teacher.waitForFunction((n) => [...document.querySelectorAll('#rows td:nth-child(2)')].some((td) => td.textContent === n), name, { timeout: 30_000 });
    expect(await teacher.locator('#rows img').count()).toBe(0);
    const hostile = await browser.newPage();
    await hostile.goto(`${cls.url}${r.headers.get('location')}`);
    await waitText(hostile, '#who', name);
    expect(await hostile.locator('header img').count()).toBe(0);
    await hostile.close();
    expect(dialogs).toBe(0);
  });

  it('holding the class at a step keeps a learner there until it is released', async () => {
    await teacher.selectOption('#hold-lesson', '00-first-steps');
    await teacher.selectOption('#hold-step', '2');
    await teacher.click('#hold-form button[type=submit], #hold-form button:not([type])');
    await waitText(teacher, '#hold-state', 'held at step 2 of 00-first-steps');
    await typeLine(ada, 'ip netns add net1; ip link add veth1 type veth peer name veth1_p; ip link set veth1 netns net1');
    await waitForScreen(ada, /instructor holds the class/i, 'the hold, told in the terminal');
    await waitText(ada, '#banner-text', /^The instructor holds the class at this step/);
    await ada.waitForTimeout(1500); // the shell would have moved on by now, were it not held
    expect(await ada.locator('#step-title').innerText()).toBe('Create a namespace and a veth pair');
    await teacher.click('#release');
    await waitText(teacher, '#hold-state', 'not held');
    await waitText(ada, '#notices', /released the class: press Enter/);
    await typeLine(ada, 'ip -br link');
    await waitText(ada, '#step-title', /address/i);
  });

  it('speaks the browser\'s language, Chinese here, and switches on the page (kept for the next visit)', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const zh = await context.newPage();
    await zh.goto(`${cls.url}/i/${cls.room.roster.instructorToken}`);
    await waitText(zh, '#code', cls.room.code);
    await waitText(zh, 'th[data-key="name"]', '学员');
    await waitText(zh, '#summary', /^已占 \d+\/4 个座位/);
    await waitText(zh, '#hold-state', /^(未停住|停在 )/);
    expect(await pageWordsProblems(zh)).toEqual([]);
    // The server gives the lessons' titles in the page's language too.
    const first = cls.room.opts.lessons[0];
    const zhTitle = cls.room.lessonIn(first.meta.id, 'zh-CN')!.meta.title;
    expect(zhTitle).not.toBe(first.meta.title);
    await waitText(zh, `#pace-lesson option[value="${first.meta.id}"]`, zhTitle);
    await zh.screenshot({ path: join(shots, 'instructor-page-zh.png'), fullPage: true });
    await zh.selectOption('#lang', 'en');
    await waitText(zh, 'th[data-key="name"]', 'learner');
    await waitText(zh, `#pace-lesson option[value="${first.meta.id}"]`, first.meta.title);
    await zh.reload();
    await waitText(zh, '#code', cls.room.code);
    await waitText(zh, 'th[data-key="name"]', 'learner');
    await context.close();
  });
});
