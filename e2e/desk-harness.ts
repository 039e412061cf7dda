/**
 * What the 接诉即办 desk's stories share (desk.e2e.ts, requests-repeats.e2e.ts): pages signed in
 * as a given user reading today (calls are taken in today on the 2022 plan's jurisdiction), each
 * user signing in once (sign-in is rate-limited), and screenshots taken once the page settled.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, SCREENSHOT_DIR } from './playwright.config.js';
import { PASSWORD, readToday } from './seed.js';

/** A screenshot under artifacts/screenshots/ once no spinner is left and antd's fade-ins ended. */
export async function settledShot(page: Page, name: string, fullPage = true): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Where the story runs, read when a page is opened (its beforeAll sets them). */
export interface DeskStage {
  browser: Browser;
  url: string;
  planId: number;
}

/**
 * A `signedIn(username, viewport)` for one story file: a new context reading today at
 * `viewport` (the file's `wide` one unless told), signed in through the sign-in page the first
 * time, with the saved cookies after.
 */
export function deskSessions(stage: () => DeskStage, wide = DESKTOP) {
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  return async function signedIn(
    username: string,
    viewport = wide,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const { browser, url, planId } = stage();
    const storageState = sessions.get(username);
    const context = await browser.newContext({ viewport, baseURL: url, storageState });
    await readToday(context, planId);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('pageerror:', error.message));
    if (!storageState) {
      await page.goto('/sign-in');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
      sessions.set(username, await context.storageState());
    }
    return { context, page };
  };
}

/**
 * The accessible name of an order's form ("派单 工单号 20260701000042"): the verb and the
 * order's 工单号, whose last six digits are its sequence.
 */
export function orderFormName(verb: '派单' | '回访', id: number): RegExp {
  return new RegExp(`^${verb} 工单号 \\d{8}${String(id).padStart(6, '0')}$`);
}
