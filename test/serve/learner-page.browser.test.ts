// The learner's page in a real browser (Debian's chromium, headless), on real labs: join
// by the class code, type in the terminal and read what it shows, pass a step and see the
// checks turn green and the picture gain the new link, reload and find the same lab, and
// a second learner beside the first, each in a lab of their own. Screenshots go to
// NSLAB_SCREENSHOT_DIR when set (the README's picture is made so), else to the run's
// scratch folder.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { joinAs, pageWordsProblems, typeLine, waitForScreen, waitText } from './browser-pages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchChromium } from '../helpers/browser.js';
import { startClass, type TestClass } from './class-server.js';

const skip = browserSkipReason();
if (skip) console.log(`skipping the learner page in a browser: ${skip}`);
const shots = process.env.NSLAB_SCREENSHOT_DIR ?? tmpdir();

let cls: TestClass;
let browser: Browser;

describe.skipIf(skip)('the learner\'s page in chromium', () => {
  let ada: Page;

  beforeAll(async () => {
    const launch = await launchChromium();
    expect(launch.reason).toBeUndefined(); // chromium is here: not starting is a defect
    browser = launch.browser!;
    cls = await startClass({ seats: 4, limits: { grace: 600_000 } });
    ada = await joinAs(browser, cls, 'Ada');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await cls?.close();
  }, 60_000);

  it('shows the step beside a terminal that runs the learning shell, with its notes', async () => {
    await waitText(ada, '#step-title', 'Look at the lab');
    await typeLine(ada, 'ip -br link');
    await waitForScreen(ada, /» eth0: veth/, 'the annotated output');
    expect(await ada.locator('#conn').innerText()).toBe('connected');
    await ada.waitForSelector('#topology svg text');
    expect(await ada.locator('#topology svg').innerHTML()).toContain('eth0');
  });

  it('passes steps: the checks turn green and the picture gains the new link', async () => {
    await typeLine(ada, '192.168.0.11');
    await waitText(ada, '#step-title', 'Create a namespace and a veth pair', 30_000);
    expect(await ada.locator('#checks li.check').count()).toBe(3);
    expect(await ada.locator('#topology svg').innerHTML()).not.toContain('veth1_p');
    await typeLine(ada, 'ip netns add net1');
    await ada.waitForFunction(() => document.querySelectorAll('#checks li.check.ok').length === 1, undefined, { timeout: 30_000 });
    expect(await ada.locator('#checks li.check.fail').count()).toBe(2);
    await typeLine(ada, 'ip link add veth1 type veth peer name veth1_p');
    await ada.waitForFunction(() => document.querySelector('#topology svg')?.innerHTML.includes('veth1_p'), undefined, { timeout: 30_000 });
    await ada.screenshot({ path: join(shots, 'learner-page.png') });
    await typeLine(ada, 'ip link set veth1 netns net1');
    await waitText(ada, '#step-title', /address/i, 30_000);
    await waitText(ada, '.lesson.current .progress', '2/5', 10_000);
  });

  it('a hint comes from the button, as .hint would give it', async () => {
    await ada.click('#hint');
    await ada.waitForSelector('#hint-text:not([hidden])', { timeout: 20_000 });
    expect(await ada.locator('#hint-count').innerText()).toMatch(/^hint 1 of \d+$/);
    await waitForScreen(ada, /Hint 1\//i, 'the hint in the terminal too');
  });

  it('a reload finds the same lab, with the terminal\'s recent output', async () => {
    await typeLine(ada, 'touch /tmp/ada-was-here; echo marked-$((6*7))');
    await waitForScreen(ada, /marked-42/, 'the marker');
    await ada.reload();
    await waitForScreen(ada, /marked-42/, 'the recent output after the reload');
    await typeLine(ada, 'ls /tmp; ip -br link | grep -c veth1_p');
    await waitForScreen(ada, /ada-was-here[\s\S]*\n1\s*\n/, 'the same lab');
  });

  it('copies the selection with Ctrl+Shift+C, and a paste of several lines runs them all', async () => {
    await ada.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cls.url });
    await typeLine(ada, 'clear; echo copy-me-$((7*6))');
    await waitForScreen(ada, /^copy-me-42/m, 'the line to copy');
    // Select the output row with the mouse, as a person does: a double-click picks the word.
    const row = ada.locator('.xterm-rows > div', { hasText: /^copy-me-42/ }).first();
    const box = (await row.boundingBox())!;
    await ada.mouse.dblclick(box.x + 20, box.y + box.height / 2);
    await ada.keyboard.press('Control+Shift+C');
    expect(await ada.evaluate(() => navigator.clipboard.readText())).toBe('copy-me-42');
    // A paste as the browser delivers it (its menu, Ctrl+V): a paste event on the terminal.
    await ada.locator('#terminal').click();
    await ada.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo pasted-$((1+1))\necho pasted-$((2+2))\n');
      document.querySelector('.xterm-helper-textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitForScreen(ada, /^pasted-2\s*\n[\s\S]*^pasted-4/m, 'both pasted lines run');
  }, 120_000);

  it('.walk draws the packet\'s path on the page\'s picture too: each link it passed with its hop numbers', async () => {
    await typeLine(ada, '.walk ping -c1 -W1 192.168.0.1');
    await waitForScreen(ada, /there and back/, 'the walk');
    // Out of the host's eth0 (1), into the router's (2), the reply back (3, 4).
    await ada.waitForFunction(() => {
      const svg = document.querySelector('#topology svg')?.textContent ?? '';
      return svg.includes('◀ 1,4') && svg.includes('◀ 2,3');
    }, undefined, { timeout: 30_000 });
    await ada.screenshot({ path: join(shots, 'learner-page-walk.png') });
  }, 60_000);

  it('speaks the browser\'s language, Chinese here, and switches to English on the page, keeping the lab\'s place', async () => {
    const lin = await joinAs(browser, cls, 'Lin', 'zh-CN');
    await waitText(lin, 'h3[data-w="checks"]', '检查');
    await waitText(lin, '#step-title', '看看实验环境', 30_000);
    await waitText(lin, '#step-number', '第 1/5 步');
    await waitText(lin, '#conn', '已连接');
    await waitForScreen(lin, /── 第 1\/5 步：看看实验环境/, 'the shell in Chinese');
    expect(await lin.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await pageWordsProblems(lin)).toEqual([]);
    expect(await lin.locator('#terminal').getAttribute('aria-label')).toBe('你的实验环境的终端');
    await lin.screenshot({ path: join(shots, 'learner-page-zh.png') });
    await lin.selectOption('#lang', 'en');
    await waitText(lin, 'h3[data-w="checks"]', /^checks$/i); // shown in capitals by the page's style
    // The lab starts afresh to speak English, at the same lesson and step.
    await waitText(lin, '#step-title', 'Look at the lab', 60_000);
    await waitForScreen(lin, /── Step 1\/5: Look at the lab/, 'the shell in English');
    await lin.context().close();
  }, 120_000);

  it('a second learner beside the first has a lab of their own', async () => {
    const bo = await joinAs(browser, cls, 'Bo');
    await typeLine(bo, 'ls /tmp | grep -c ada-was-here; ip -br link | grep -c veth1_p; echo done-$((2+3))');
    await waitForScreen(bo, /\n0\s*\n0\s*\ndone-5/, 'nothing of Ada\'s');
    await waitText(bo, '#who', 'Bo');
    await waitText(ada, '#who', 'Ada');
    await bo.screenshot({ path: join(shots, 'learner-page-second.png') });
  });
});
