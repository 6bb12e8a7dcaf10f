// Reading and driving nslab's pages in chromium as a person would: the terminal's rows as
// shown, text appearing in an element, typing a line, joining a class.
import type { Browser, Page } from 'playwright-core';
import type { TestClass } from './class-server.js';

/** What the terminal shows now: its rows, as a person reads them. */
export const screen = (page: Page) => page.locator('.xterm-rows').innerText();

export async function waitForScreen(page: Page, re: RegExp, what: string): Promise<void> {
  await page.waitForFunction(
    ([src, flags]) => new RegExp(src, flags).test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''),
    [re.source, re.flags] as const, { timeout: 60_000 },
  ).catch(async (e) => { throw new Error(`${what}: ${(e as Error).message.split('\n')[0]}; the terminal shows:\n${await screen(page)}`); });
}

/** Waits until the element's text is `want` (or matches it). */
export async function waitText(page: Page, selector: string, want: string | RegExp, ms = 30_000): Promise<void> {
  const [src, flags, exact] = typeof want === 'string' ? [want, '', true] : [want.source, want.flags, false];
  await page.waitForFunction(
    ([sel, src, flags, exact]) => {
      const text = (document.querySelector(sel as string) as HTMLElement | null)?.innerText ?? '';
      return exact ? text === src : new RegExp(src as string, flags as string).test(text);
    },
    [selector, src, flags, exact] as const, { timeout: ms },
  ).catch(async (e) => { throw new Error(`${selector} never showed ${want}: ${(e as Error).message.split('\n')[0]}; it shows "${await page.locator(selector).innerText().catch(() => '?')}"`); });
}

export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('#terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export async function joinAs(browser: Browser, cls: TestClass, name: string, locale?: string): Promise<Page> {
  // The browser's language (Accept-Language) is what the page and the lab speak at first.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  await page.goto(`${cls.url}/join/${cls.room.code}`);
  await page.fill('input[name=name]', name);
  await page.click('button');
  await page.waitForURL(/\/l\/[A-Za-z0-9_-]{32}$/);
  await waitForScreen(page, /(host # |answer> )/, `${name}'s prompt`);
  return page;
}


/** The page's word dictionaries (web/words.js keeps them), held to each other: every key of
 * one language in the other, of the same kind (text or function of the same arity), and
 * every Chinese text with Chinese in it. Returns the problems found (none: []). */
export function pageWordsProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const dicts = (window as unknown as { nslabWords: { dictionaries: Record<string, Record<string, unknown>>[] } }).nslabWords.dictionaries;
    if (!dicts.length) problems.push('no dictionary was given to nslabWords');
    for (const d of dicts) {
      const [en, zh] = [d.en, d['zh-CN']];
      if (!en || !zh) { problems.push('a dictionary without en or zh-CN'); continue; }
      const keys = new Set([...Object.keys(en), ...Object.keys(zh)]);
      for (const k of keys) {
        const [e, z] = [en[k], zh[k]];
        if (e === undefined || z === undefined) problems.push(`"${k}" only in ${e === undefined ? 'zh-CN' : 'en'}`);
        else if (typeof e !== typeof z || (typeof e === 'function' && (e as () => void).length !== (z as () => void).length)) problems.push(`"${k}" is not the same kind in both`);
        else if (typeof z === 'string' && !/[\u4e00-\u9fff]/.test(z)) problems.push(`"${k}" has no Chinese: ${z}`);
      }
    }
    return problems;
  });
}
