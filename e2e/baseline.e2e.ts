/**
 * Baselines and slippage in the browser (issue 19.1, 19.4, 19.7): the plan office sets the
 * slippage threshold in the plan's settings; a unit asks for a 延期 past it and must write the
 * 偏差说明 before the form is sent; the 督查室 approves it and the task is re-baselined, the
 * plan's task list showing the original beside the current deadline; the public tracker and the
 * commitment's page show the original and the current promise, the due date and, for a task
 * past its deadline, 已逾期. Real server, fresh database, Debian's Chromium; screenshots at
 * 1440×900 and 390×844 go to artifacts/screenshots/baseline-*.png.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browser, seeded, server, useApp } from './app-harness.js';
import { PHONE, SCREENSHOT_DIR, officeToday } from './playwright.config.js';
import { apiAs, PASSWORD, readToday } from './seed.js';

const WIDE = { width: 1440, height: 900 };
const REASON = '征地拆迁手续晚于预期';
const EXPLANATION = '地块征收补偿方案经区政府常务会议调整，需重新公示三十日，主体工程相应顺延。';

let unit: { id: number; name: string };
/** The task that slips (due 40 days ago, moved 100 days later) and one left overdue. */
let slipping: { id: number; text: string };
let overdue: { id: number; text: string };
const errors: string[] = [];

/** An ISO date `days` from today in the offices' calendar (as the browser and server read today). */
function dayFromToday(days: number): string {
  const d = new Date(`${officeToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const ORIGINAL = dayFromToday(-40);
const MOVED = dayFromToday(60);
const OVERDUE = dayFromToday(-10);
/** 2026年1月5日, as the public page writes a date. */
const chinese = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `baseline-${name}.png`), fullPage: true });
}

function watch(page: Page) {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}

/** Each account signs in once (sign-in is rate limited); later pages reuse its cookies. */
const states = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

async function pageAs(username: string | null, viewport = WIDE): Promise<Page> {
  const saved = username ? states.get(username) : undefined;
  const context = await browser.newContext({
    viewport,
    baseURL: server.url,
    locale: 'zh-CN',
    ...(saved ? { storageState: saved } : {}),
  });
  // The story does today's work on the 2022 plan: it reads the plan as of today.
  await readToday(context, seeded.planId);
  const page = await context.newPage();
  watch(page);
  if (!username || saved) return page;
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  states.set(username, await context.storageState());
  return page;
}

/** Nothing wider than the window: the page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

useApp();

beforeAll(async () => {
  // The office gives two tasks to 区发展改革委, the reporter's unit, with deadlines already past.
  const supervisor = await apiAs(server.url, seeded.users.supervisor);
  const units = await supervisor<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const plan = `/plans/${seeded.planId}`;
  const tasks = await supervisor<{ items: { id: number; text: string; version: number }[] }>(
    'GET',
    `${plan}/tasks?limit=5`,
  );
  const [first, second] = tasks.items;
  await supervisor('PATCH', `${plan}/tasks/${first!.id}`, {
    leadUnitId: unit.id,
    deadline: ORIGINAL,
    version: first!.version,
  });
  await supervisor('PATCH', `${plan}/tasks/${second!.id}`, {
    leadUnitId: unit.id,
    deadline: OVERDUE,
    version: second!.version,
  });
  slipping = first!;
  overdue = second!;
});

describe('a deadline slips past the threshold, is explained, approved and re-baselined', () => {
  it('the plan office sets the threshold in the plan’s settings, each problem at its field', async () => {
    const page = await pageAs(seeded.users.admin);
    await page.goto('/admin');
    await page.getByRole('tab', { name: /报送周期/ }).click();
    const settings = page.getByTestId('slippage-settings');
    const days = settings.getByLabel('完成时限推迟超过（天）');
    await expect.poll(() => days.inputValue()).toBe('30');
    await days.fill('三十');
    await settings.getByText('请填写0至3660之间的整数天数').waitFor();
    await days.fill('45');
    await settings.getByRole('button', { name: '保存阈值' }).click();
    await page.getByText('偏差说明阈值已保存').waitFor();
    await shot(page, '01-settings-1440');
    await page.context().close();
  });

  it('the unit must write the 偏差说明 before the 延期 is sent', async () => {
    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    const line = page.getByTestId(`task-line-${slipping.id}`);
    await line.getByRole('button', { name: '申请延期' }).click();
    const dialog = page.getByRole('dialog');
    await page.locator('#action-text').fill(REASON);
    await page.locator('#action-date').click();
    await page.locator('#action-date').fill(MOVED);
    await page.keyboard.press('Enter');
    // Asked before anything is sent: 100 days past the original, over the plan's 45.
    const asked = dialog.getByText(/推迟100天，超过本计划规定的45天，须填写不少于10字的偏差说明/);
    await asked.waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await asked.waitFor();
    await shot(page, '02-explanation-asked-1440');
    await page.locator('#action-note').fill('手续慢');
    await dialog.getByText('偏差说明不少于10字，当前3字').waitFor();
    await page.locator('#action-note').fill(EXPLANATION);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已提交申请').waitFor();
    await page.context().close();
  });

  it('the 督查室 approves it; the task list shows the original beside the current deadline', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto('/supervision');
    await page.getByRole('tab', { name: /延期申请/ }).click();
    await page.getByText(REASON).waitFor();
    await page.getByRole('tabpanel').getByRole('button', { name: '批准延期' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: '批准延期' }).click();
    await page.getByText('已批准延期').first().waitFor();
    await page.goto(`/plans/${seeded.planId}/plan?tab=tasks&unit=${unit.id}`);
    const row = page.getByRole('row', { name: new RegExp(slipping.text.slice(0, 8)) });
    const tag = row.getByTestId('slip-tag');
    await tag.waitFor();
    expect(await tag.textContent()).toMatch(/^原定.+，推迟100天$/);
    // The task never moved has no tag, and is marked overdue.
    const late = page.getByRole('row', { name: new RegExp(overdue.text.slice(0, 8)) });
    expect(await late.getByTestId('slip-tag').count()).toBe(0);
    await late.getByText('已逾期').waitFor();
    await shot(page, '03-task-list-1440');
    await page.context().close();

    const phone = await pageAs(seeded.users.supervisor, PHONE);
    await phone.goto(`/plans/${seeded.planId}/plan?tab=tasks&unit=${unit.id}`);
    await phone.getByTestId('slip-tag').first().waitFor();
    await shot(phone, '04-task-list-390');
    await phone.context().close();
  });
});

describe('the public sees the original and the current promise', () => {
  for (const [size, viewport] of [
    ['1440', WIDE],
    ['390', PHONE],
  ] as const) {
    it(`shows both, the due date and overdue on the tracker and the commitment’s page at ${size} px`, async () => {
      const page = await pageAs(null, viewport);
      await page.goto(`/public/${seeded.planId}/promises`);
      const moved = page.getByRole('listitem').filter({ hasText: slipping.text.slice(0, 12) });
      await moved.getByText(`完成时限：${chinese(MOVED)}`).waitFor();
      await moved.getByText(`原定：${chinese(ORIGINAL)}`).waitFor();
      await moved.getByText('推迟 100 天').waitFor();
      const late = page.getByRole('listitem').filter({ hasText: overdue.text.slice(0, 12) });
      await late.getByText('已逾期').waitFor();
      await late.getByText(`完成时限：${chinese(OVERDUE)}`).waitFor();
      // The chapter the task sits under offers its own follow and feed.
      const chapter = page.locator('section', { has: moved }).first();
      await chapter.getByText('关注本章').waitFor();
      expect(await chapter.getByText('本章订阅（Atom）').getAttribute('href')).toMatch(
        new RegExp(`/public/plans/${seeded.planId}/chapters/\\d+/feed\\.atom$`),
      );
      await expectNoSidewaysScroll(page);
      // The list is long: the window around the moved task, not the whole page.
      await moved.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `baseline-05-tracker-${size}.png`) });

      await moved.getByRole('link').first().click();
      await page.getByText(`原定：${chinese(ORIGINAL)}`).waitFor();
      await page.getByText(`完成时限：${chinese(MOVED)}`).waitFor();
      await page
        .getByText(new RegExp(EXPLANATION.slice(0, 12)))
        .first()
        .waitFor();
      await expectNoSidewaysScroll(page);
      await shot(page, `06-commitment-${size}`);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/"error"|undefined|\{"|explanation|extensionId/);
      await page.context().close();
    });
  }

  it('left no error in any console', () => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
