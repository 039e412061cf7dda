/**
 * 留言 and 关注 in Debian's Chromium against the real server (issue 19): a citizen verifies a
 * mobile number and comments on a commitment's public page on a phone; the plan office reads the
 * comment with its personal data flagged and publishes it; the citizen sees it with the number
 * hidden; a leader follows a task and sees the change of its verdict in 我的关注. Screenshots go
 * to artifacts/screenshots/follow-*.png.
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  browser,
  db,
  seeded,
  server,
  shot as harnessShot,
  signIn as fillSignIn,
  useApp,
} from './app-harness.js';
import { DESKTOP, PHONE } from './playwright.config.js';
import { PASSWORD } from './seed.js';

const MOBILE = '13912345678';

let taskId: number;
let taskTitle: string;
const errors: string[] = [];

const shot = (page: Page, name: string, fullPage = true) => harnessShot(page, `follow-${name}`, fullPage);

async function newPage(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page };
}

async function signIn(page: Page, username: string) {
  await page.goto('/sign-in');
  await fillSignIn(page, username, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The code the server queued for the citizen's mobile (the SMS gateway would deliver it). */
function lastCode(): string {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const row = conn
      .prepare("select notice from notify_outbox where kind = 'comment.code' order by queued_at desc limit 1")
      .get() as { notice: string } | undefined;
    const intro = (JSON.parse(row!.notice) as { intro: string }).intro;
    return /(\d{6})/.exec(intro)![1]!;
  } finally {
    conn.close();
  }
}

/** The words a page shows must be an office's: no JSON, no field names. */
async function expectOfficeWords(page: Page) {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toMatch(/"error"|commenterKey|challengeId|undefined|null|\{"|comment\./);
}

useApp();

beforeAll(async () => {
  const response = await fetch(`${server.url}/api/v1/public/plans/${seeded.planId}/commitments`);
  const list = (await response.json()) as { items: { type: string; id: number; title: string }[] };
  const task = list.items.find((i) => i.type === 'task')!;
  taskId = task.id;
  taskTitle = task.title;
}, 180_000);

describe('a citizen comments on a phone and the office moderates', () => {
  it('verifies a mobile by a code and comments on the public page at 390 px', async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto(`/public/${seeded.planId}/promises/task/${taskId}`);
    const section = page.getByTestId('comments');
    await section.waitFor();
    await expect.poll(() => section.textContent()).toContain('暂无公开留言');
    await section.getByLabel('手机号码', { exact: true }).fill(MOBILE);
    await section.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => section.textContent()).toContain('验证码已发送至您的手机');
    await section.getByLabel('验证码').fill(lastCode());
    await section.getByRole('button', { name: /^验\s?证$/ }).click();
    const body = section.getByLabel('留言内容');
    await body.waitFor();
    await body.fill(`这项工作什么时候能完成？我的电话${MOBILE}，希望有人回复。`);
    await shot(page, '01-phone-write');
    await section.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => section.textContent()).toContain('留言已提交，经审核后公开。');
    // Nothing wider than the phone: the page does not scroll sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '02-phone-sent');
    await expectOfficeWords(page);
    await context.close();
  });

  it('shows the plan office the comment with the number flagged, and publishes it', async () => {
    const { context, page } = await newPage(DESKTOP);
    await signIn(page, seeded.users.supervisor);
    await page.goto(`/plans/${seeded.planId}/comments`);
    const card = page.getByTestId('staff-comment').first();
    await card.waitFor();
    expect(await card.textContent()).toContain('含个人信息：手机号码');
    expect(await card.textContent()).toContain(taskTitle.slice(0, 10));
    await shot(page, '03-office-queue');
    await card.getByRole('button', { name: /^公\s?开$/ }).click();
    await expect.poll(() => page.getByTestId('staff-comment').count()).toBe(0);
    await page.getByRole('tab', { name: /已公开/ }).click();
    await page.getByTestId('staff-comment').first().waitFor();
    await shot(page, '04-office-published');
    await expectOfficeWords(page);
    await context.close();
  });

  it('shows the citizen the published comment with the number hidden', async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto(`/public/${seeded.planId}/promises/task/${taskId}`);
    const section = page.getByTestId('comments');
    await expect.poll(() => section.textContent()).toContain('我的电话〔已隐去〕');
    expect(await page.locator('body').textContent()).not.toContain(MOBILE);
    await shot(page, '05-phone-published');
    await context.close();
  });
});

describe('a leader follows a task and is told of its change', () => {
  it('follows from the task page and sees the new verdict in 我的关注', async () => {
    const { context, page } = await newPage(DESKTOP);
    await signIn(page, seeded.users.leader);
    await page.goto(`/plans/${seeded.planId}/tasks/${taskId}`);
    const button = page.getByTestId('follow-button');
    await expect.poll(() => button.textContent()).toMatch(/^关\s?注$/);
    await button.click();
    await expect.poll(() => button.textContent()).toBe('已关注');
    await shot(page, '06-task-followed', false);
    // The plan office gives the task a verdict (its own screen is another story's).
    const office = await newPage(DESKTOP);
    await signIn(office.page, seeded.users.supervisor);
    const { csrfToken } = (await (await office.page.request.get('/api/v1/me')).json()) as {
      csrfToken: string;
    };
    const verdict = await office.page.request.post(
      `/api/v1/plans/${seeded.planId}/items/task/${taskId}/verdict`,
      {
        headers: { 'x-csrf-token': csrfToken },
        data: { verdict: 'behind', note: '受汛期影响，施工进度滞后。' },
      },
    );
    expect(verdict.status()).toBeLessThan(300);
    await office.context.close();
    await page.goto('/follows');
    const follow = page.getByTestId('follow').first();
    await follow.waitFor();
    await expect.poll(() => follow.textContent()).toContain('进展评估由“尚未评估”调整为“滞后”');
    expect(await follow.textContent()).toContain('近7日 1 项变化');
    await shot(page, '07-follows');
    await expectOfficeWords(page);
    await context.close();
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
