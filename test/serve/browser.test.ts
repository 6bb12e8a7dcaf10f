// The browser the serve tests drive: it starts, renders a page and reads it back.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchChromium, type ChromiumLaunch } from '../helpers/browser.js';

const skip = browserSkipReason();
if (skip) console.log(`skipping the browser check: ${skip}`);

describe.skipIf(skip)('headless chromium (test/helpers/browser.ts)', () => {
  let launch: ChromiumLaunch | undefined;
  afterAll(async () => { await launch?.browser?.close(); });

  it('opens a data: URL page, reads its title and takes a screenshot of the size asked', async () => {
    launch = await launchChromium();
    // chromium and playwright-core are here: a failed start is a defect, not a skip.
    expect(launch.reason).toBeUndefined();
    const page = await launch.browser!.newPage({ viewport: { width: 480, height: 200 } });
    const html = '<title>nslab browser check</title><body style="margin:0;font:24px DejaVu Sans">' +
      '<div style="background:#0a0;color:#fff;padding:20px">nslab ✔ ready</div></body>';
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    expect(await page.title()).toBe('nslab browser check');
    expect(await page.locator('div').innerText()).toBe('nslab ✔ ready');
    const file = join(tmpdir(), 'browser-check.png');
    await page.screenshot({ path: file });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([480, 200]);
  });
});
