// Debian's chromium, headless, driven through playwright-core: for the browser tests of
// `nslab serve`. The set-up (`npm test`'s pretest) installs chromium; where it or
// playwright-core is missing, callers get the reason to print with their skip.
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { findTool } from '../../scripts/tools.mjs';

/** --no-sandbox: the tests run as root, where chromium refuses its own sandbox. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu'];

export type ChromiumLaunch = { browser: Browser; reason?: undefined } | { browser?: undefined; reason: string };

/** Why the browser tests cannot run here, or undefined when they can (cheap: no launch). */
export function browserSkipReason(): string | undefined {
  if (!findTool('chromium')) return 'chromium is not installed (npm test installs it as root: apt-get install chromium fonts-dejavu-core)';
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm install)';
  }
  return undefined;
}

export async function launchChromium(): Promise<ChromiumLaunch> {
  const reason = browserSkipReason();
  if (reason) return { reason };
  const { chromium } = await import('playwright-core');
  try {
    // playwright-core adds --headless itself (Chromium's new headless mode).
    return { browser: await chromium.launch({ executablePath: findTool('chromium'), args: CHROMIUM_ARGS }) };
  } catch (err) {
    return { reason: `chromium did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
