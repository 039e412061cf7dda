/**
 * 重复件 (issue 14.8) in Debian's Chromium against the real server: a street light reported
 * broken and dispatched, then the same light again by two more callers — one from the same
 * community, one from the next community 130 m away. The dispatcher's queue offers each later
 * call for merging into the open order (and never into the other call waiting beside it); one
 * click merges it (on a desk and on a phone), the repeat shows it is closed onto the open order,
 * the open order counts its repeat calls, and the month's 三率 count the matter once.
 * Screenshots at 1440×900 and 390×844.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PHONE, ROOT, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';
import { deskSessions, orderFormName, settledShot } from './desk-harness.js';

const run = promisify(execFile);
/** The desk's screenshots are taken at 1440×900. */
const WIDE = { width: 1440, height: 900 };
/** The unit the catalogue gives 道路 (roads, street lights) to, and its user. */
const ROADS_UNIT = '区交通局';
const ROADS_USER = 'jiaotong-repeat';
/** The lamp's place; the third caller stands in the next community, about 130 m north. */
const PLACE = {
  address: '龙腾苑四区东门',
  area: '回龙观街道',
  community: '龙腾苑社区',
  lat: 40.07,
  long: 116.33,
};
const NEARBY = {
  address: '龙锦三街新龙城南门',
  area: '回龙观街道',
  community: '新龙城社区',
  lat: 40.0712,
  long: 116.33,
};

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
/** The open order and the two calls that repeat it. */
let first: { id: number; number: string };
let second: number;
let third: number;
const TEXTS = {
  first: '龙腾苑四区东门的路灯不亮了，晚上出行很不安全',
  second: '又来反映：龙腾苑四区东门路灯还是不亮，老人晚上不敢出门',
  third: '新龙城南门往南那段路灯坏了，龙腾苑四区东门一带一片黑',
};

/** No sideways scroll: the page fits the phone's width. */
async function fitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const shot = settledShot;
const signedIn = deskSessions(() => ({ browser, url: server.url, planId: seeded.planId }), WIDE);

/** The dispatch form of a queued call, its row opened if it is not (only the newest opens itself). */
async function dispatchForm(page: Page, id: number, text: string) {
  const form = page.getByRole('form', { name: orderFormName('派单', id) });
  const row = page.locator('.ant-table-row', { hasText: text }).first();
  await row.waitFor();
  if ((await form.count()) === 0) await row.locator('.ant-table-row-expand-icon').click();
  await form.waitFor();
  return form;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-repeats-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  await run(
    join(ROOT, 'bin/luoshi'),
    ['users', 'add', ROADS_USER, '--role', 'reporter', '--name', '交通局办理员', '--unit', ROADS_UNIT].concat(
      ['--password', PASSWORD, '--db', db],
    ),
    { cwd: ROOT },
  );
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
  // The first call is taken in and dispatched; two more callers report the same place after it.
  const desk = await apiAs(server.url, seeded.users.admin);
  const call = (text: string, phone: string, location: typeof PLACE = PLACE) =>
    desk<{ id: number; receivedAt: string }>('POST', '/requests', {
      source: 'hotline',
      text,
      category: '道路',
      location,
      contact: { name: '市民', phone },
    });
  const open = await call(TEXTS.first, '13800138001');
  await desk('POST', `/requests/${open.id}/dispatch`, {});
  first = { id: open.id, number: '' };
  second = (await call(TEXTS.second, '13800138002')).id;
  third = (await call(TEXTS.third, '13800138003', NEARBY)).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('重复件: offered in the dispatch queue, merged, shown closed onto the open order, counted once', () => {
  it('offers a later call about the same place for merging, and merges it with one click', async () => {
    const { context, page } = await signedIn(seeded.users.admin);
    await page.goto('/requests/dispatch');
    // Both later calls are marked on their rows before anyone opens them.
    for (const text of [TEXTS.second, TEXTS.third]) {
      const row = page.locator('.ant-table-row', { hasText: text }).first();
      await row.getByTestId('suspected-repeat').waitFor();
      expect(await row.getByTestId('suspected-repeat').textContent()).toBe('疑似重复');
    }
    // The newest call's row is open: it is offered the dispatched order, not the call beside it.
    const later = await dispatchForm(page, third, TEXTS.third);
    await later.getByTestId('repeat-offer').waitFor();
    expect(await later.getByTestId('repeat-offer').getByRole('button').count()).toBe(1);
    const form = await dispatchForm(page, second, TEXTS.second);
    const offer = form.getByTestId('repeat-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('疑似重复件：与以下在办工单同类、同地点');
    expect(await offer.textContent()).toContain('同一社区');
    expect(await offer.textContent()).toContain(TEXTS.first);
    // The open order is named by its 工单号 (date and sequence), linked to its page.
    const link = offer.getByRole('link');
    // (the date part once the page holds the open order)
    await expect.poll(async () => ((await link.textContent()) ?? '').trim()).toMatch(/^\d{14}$/);
    first.number = ((await link.textContent()) ?? '').trim();
    expect(await link.getAttribute('href')).toBe(`/requests/orders/${first.id}`);
    await shot(page, 'requests-repeat-01-offered');
    await offer.getByRole('button', { name: `并入此工单 ${first.number}` }).click();
    await page.getByText(`已作为重复件并入工单 ${first.number}`).first().waitFor();
    // Merged, it leaves the queue: no second dispatch of the same matter.
    await expect.poll(() => page.getByRole('form', { name: orderFormName('派单', second) }).count()).toBe(0);
    await shot(page, 'requests-repeat-02-merged');
    await context.close();
  });

  it('shows the repeat closed onto the open order, and the open order its repeat call', async () => {
    const { context, page } = await signedIn(seeded.users.admin);
    await page.goto(`/requests/orders/${second}`);
    const repeatOf = page.getByTestId('repeat-of');
    await repeatOf.waitFor();
    expect(await repeatOf.textContent()).toContain('本件为重复件');
    expect(await repeatOf.textContent()).toContain(first.number);
    expect(await page.locator('main').textContent()).toContain('已结案');
    await shot(page, 'requests-repeat-03-repeat');
    await page.goto(`/requests/orders/${first.id}`);
    const calls = page.getByTestId('repeat-calls');
    await calls.waitFor();
    expect(await page.locator('main').textContent()).toContain('重复来电（1）');
    expect(await calls.getByRole('link').getAttribute('href')).toBe(`/requests/orders/${second}`);
    await shot(page, 'requests-repeat-04-open-order');
    await context.close();
  });

  it('merges on a 390 px phone too, the page fitting its width', async () => {
    const { context, page } = await signedIn(seeded.users.admin, PHONE);
    await page.goto('/requests/dispatch');
    // The only call left in the queue: its card is open.
    const form = page.getByRole('form', { name: orderFormName('派单', third) });
    const offer = form.getByTestId('repeat-offer');
    await offer.waitFor();
    // Another community, but within 250 m of the lamp.
    expect(await offer.textContent()).toMatch(/相距 1\d\d 米/);
    await fitsWidth(page);
    await shot(page, 'requests-repeat-05-phone-offered');
    await offer.getByRole('button', { name: `并入此工单 ${first.number}` }).click();
    await page.getByText(`已作为重复件并入工单 ${first.number}`).first().waitFor();
    await page.goto(`/requests/orders/${first.id}`);
    await page.getByTestId('repeat-calls').waitFor();
    await expect.poll(() => page.getByTestId('repeat-calls').locator('.ant-list-item').count()).toBe(2);
    expect(await page.locator('main').textContent()).toContain('重复来电（2）');
    await fitsWidth(page);
    await shot(page, 'requests-repeat-06-phone-open-order');
    await page.goto(`/requests/orders/${third}`);
    await page.getByTestId('repeat-of').waitFor();
    await fitsWidth(page);
    await shot(page, 'requests-repeat-07-phone-repeat');
    await context.close();
  });

  it("counts the three calls as one matter in the month's 三率", async () => {
    // The unit works the open order through; the hotline calls back and closes it.
    const unit = await apiAs(server.url, ROADS_USER);
    const desk = await apiAs(server.url, seeded.users.admin);
    const order = await desk<{ leadUnitId: number }>('GET', `/requests/${first.id}`);
    const unitId = order.leadUnitId;
    await unit('POST', `/requests/${first.id}/events`, { type: 'signed', unitId });
    await unit('POST', `/requests/${first.id}/events`, { type: 'contacted', unitId });
    await unit('POST', `/requests/${first.id}/events`, {
      type: 'replied',
      unitId,
      text: '今天上午已安排路灯所维修龙腾苑四区东门路灯，更换灯具后已恢复照明，并电话告知来电的三位市民。',
      publicNote: '已更换灯具，路灯恢复照明。',
    });
    // A reply drawn for the checker's sample is checked first.
    if ((await desk<{ pendingCheck: unknown }>('GET', `/requests/${first.id}`)).pendingCheck) {
      await desk('POST', `/requests/${first.id}/events`, {
        type: 'reply_checked',
        passed: true,
        note: '答复具体',
      });
    }
    await desk('POST', `/requests/${first.id}/events`, {
      type: 'followed_up',
      reached: true,
      contacted: true,
      resolved: true,
      satisfaction: '满意',
    });
    await desk('POST', `/requests/${first.id}/events`, { type: 'closed' });

    const { context, page } = await signedIn(seeded.users.admin);
    await page.goto('/requests/rankings');
    const row = page.getByTestId('scores-table').locator('.ant-table-row', { hasText: ROADS_UNIT });
    await row.waitFor();
    // Three calls, one matter: counted once (1/1), not three times.
    expect(await row.textContent()).toContain('(1/1)');
    await row.getByRole('button').first().click();
    await page.getByText(/计入 1 件/).waitFor();
    await shot(page, 'requests-repeat-08-counted-once');
    await context.close();
  });
});
