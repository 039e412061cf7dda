/**
 * Every page a unit's reporter or the public opens fits a 390×844 phone (issue 14.10: reporters
 * work in 钉钉 and 浙政钉 on phones; the console scrolled sideways, 585 of 390 px, with the menu
 * open). The suite fails on any sideways scroll: the page as it opens, and with the menu drawer
 * open. The pages are the reporter's menu (src: web/src/components/nav.ts and requests/nav.ts),
 * a task's page, an order's page, and the public's pages.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PHONE, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, readToday, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let taskId: number;
let orderId: number;

/** How far the page scrolls sideways (0 when it fits), once its content is in. */
async function overflowOf(page: Page): Promise<number> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(300);
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-phone-'));
  seeded = await seed(join(dir, 'e2e.sqlite'));
  server = await startServer(join(dir, 'e2e.sqlite'));
  browser = await chromium.launch(launchOptions);
  const admin = await apiAs(server.url, seeded.users.admin);
  const tasks = await admin<{ items: { id: number }[] }>('GET', `/plans/${seeded.planId}/tasks?limit=1`);
  taskId = tasks.items[0]!.id;
  const order = await admin<{ id: number }>('POST', '/requests', {
    source: 'hotline',
    text: '龙腾苑四区东门下雨后积水很深，老人孩子出行困难',
    category: '积水',
    location: { address: '龙腾苑四区东门', area: '回龙观街道', community: '龙腾苑社区' },
  });
  orderId = order.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function phoneAs(username: string | undefined): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, baseURL: server.url, locale: 'zh-CN' });
  const page = await context.newPage();
  if (username) {
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }
  return { context, page };
}

describe('a 390 px phone: no page a reporter or the public uses scrolls sideways', () => {
  it("fits every page of the reporter's menu, a task's and an order's page, with the menu open too", async () => {
    const { context, page } = await phoneAs(seeded.users.reporter);
    const plan = `/plans/${seeded.planId}`;
    const paths = [
      '/todo',
      '/work',
      plan,
      `${plan}/plan`,
      `${plan}/projects`,
      `${plan}/tasks/${taskId}`,
      `${plan}/comments`,
      '/library',
      '/services',
      '/bulletins',
      '/follows',
      '/requests/unit',
      '/requests/my-work',
      '/requests/knowledge',
      '/requests/knowledge/upkeep',
      '/requests/rankings',
      `/requests/orders/${orderId}`,
    ];
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.locator('body').waitFor();
      const overflow = await overflowOf(page);
      if (overflow > 0) wide.push(`${path} (${overflow} px)`);
      // The menu, opened as a drawer over the page, must not widen it either.
      const menu = page.getByRole('button', { name: '菜单' });
      if (await menu.isVisible()) {
        await menu.click();
        await page.locator('.ant-drawer-open').waitFor();
        const open = await overflowOf(page);
        if (open > 0) wide.push(`${path} with the menu open (${open} px)`);
        await page.keyboard.press('Escape');
        await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
      }
    }
    await page.goto('/todo');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-width-todo.png'), fullPage: true });
    expect(wide).toEqual([]);
    await context.close();
  });

  it("fits the 督查室's 督办 page with every list shown: wide lists scroll within their card", async () => {
    const supervisor = await apiAs(server.url, seeded.users.supervisor);
    const units = await supervisor<{ items: { id: number }[] }>('GET', '/units?limit=1');
    await supervisor('POST', `/plans/${seeded.planId}/notices`, {
      subject: { type: 'task', id: taskId },
      unitId: units.items[0]!.id,
      urgency: 'yellow',
      content: '请加快推进，月底前报送整改方案，并说明滞后原因和下一步措施',
      dueOn: '2099-01-31',
    });
    const { context, page } = await phoneAs(seeded.users.supervisor);
    // The notice was issued today: the page reads the 2022 plan as of today, not as of 2022.
    await readToday(context, seeded.planId);
    await page.goto('/supervision');
    await page.getByRole('switch', { name: '只看待办理' }).click();
    const wide: string[] = [];
    for (const tab of ['待审核报送', '督办单', '延期申请', '销号申请']) {
      // The last tabs sit behind the bar's overflow menu on a phone: a click event picks them.
      await page.getByRole('tab', { name: new RegExp(tab) }).dispatchEvent('click');
      const overflow = await overflowOf(page);
      if (overflow > 0) wide.push(`${tab} (${overflow} px)`);
    }
    await page.getByRole('tab', { name: /督办单/ }).dispatchEvent('click');
    await page.getByText('请加快推进，月底前报送整改方案').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-width-supervision.png'), fullPage: true });
    expect(wide).toEqual([]);
    await context.close();
  });

  it("fits every page of the public's", async () => {
    const { context, page } = await phoneAs(undefined);
    const plan = `/public/${seeded.planId}`;
    const wide: string[] = [];
    for (const path of [
      '/public',
      plan,
      `${plan}/promises`,
      `${plan}/promises/task/${taskId}`,
      '/public/requests',
      '/sign-in',
    ]) {
      await page.goto(path);
      await page.locator('body').waitFor();
      const overflow = await overflowOf(page);
      if (overflow > 0) wide.push(`${path} (${overflow} px)`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});
