/**
 * The line-by-line report form in Debian's Chromium (issue 14.1, 14.10): what a clerk types is
 * saved to the server as they type, so a reload mid-typing — or the same account on another
 * device — loses nothing; on a 390×844 phone the form fits the screen, scrolls, and a line is
 * handed in with its own evidence. The setup is app-harness.ts.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, PHONE } from './playwright.config.js';
import { apiAs, PASSWORD } from './seed.js';
import { browser, seeded, server, shot, signIn, useApp } from './app-harness.js';

useApp();

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);
const NOTE = '已完成可研批复，正在开展施工招标，计划下月进场';

let reporterState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
let task: { id: number; text: string };

/** The reporter on a new device (a fresh browser context), signed in once and then by cookie. */
async function reporterPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    baseURL: server.url,
    ...(reporterState ? { storageState: reporterState } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  if (!reporterState) {
    await page.goto('/sign-in');
    await signIn(page, seeded.users.reporter, PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    reporterState = await context.storageState();
  }
  return page;
}

async function assignTask() {
  const supervisor = await apiAs(server.url, seeded.users.supervisor);
  const units = await supervisor<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  // The reporter was added to 区发展改革委: the jurisdiction's unit of that short name.
  const unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const plan = `/plans/${seeded.planId}`;
  const tasks = await supervisor<{ items: { id: number; text: string; version: number }[] }>(
    'GET',
    `${plan}/tasks?limit=5`,
  );
  const first = tasks.items[0]!;
  await supervisor('PATCH', `${plan}/tasks/${first.id}`, {
    leadUnitId: unit.id,
    deadline: '2022-12-31',
    version: first.version,
  });
  task = first;
}

describe('the line-by-line report form', () => {
  it('keeps what is typed across a reload mid-typing and on another device', async () => {
    await assignTask();
    const page = await reporterPage();
    await page.goto('/todo');
    const line = page.getByTestId(`task-line-${task.id}`);
    await line.waitFor();
    await page.locator(`[id="task.${task.id}.progress"]`).fill('40');
    await page.locator(`[id="task.${task.id}.note"]`).fill(NOTE);
    await line.getByTestId('save-state').getByText('已自动保存').waitFor({ timeout: 20_000 });
    await shot(page, 'report-01-line-saved');
    await page.reload();
    await line.waitFor();
    expect(await page.locator(`[id="task.${task.id}.note"]`).inputValue()).toBe(NOTE);
    expect(await page.locator(`[id="task.${task.id}.progress"]`).inputValue()).toBe('40');
    await page.context().close();

    // Another device: nothing on it but the session; the draft comes from the server.
    const other = await reporterPage();
    await other.goto('/todo');
    await other.evaluate(() => window.localStorage.clear());
    await other.reload();
    await other.getByTestId(`task-line-${task.id}`).waitFor();
    expect(await other.locator(`[id="task.${task.id}.note"]`).inputValue()).toBe(NOTE);
    await other.context().close();
  }, 120_000);

  it('on a 390×844 phone fits the screen, scrolls to the line and hands it in with its evidence', async () => {
    const page = await reporterPage(PHONE);
    await page.goto('/todo');
    const line = page.getByTestId(`task-line-${task.id}`);
    await line.waitFor();
    expect(await page.locator(`[id="task.${task.id}.note"]`).inputValue()).toBe(NOTE);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await shot(page, 'report-02-phone', true);
    await page.locator(`[id="task.${task.id}.state"]`).click();
    await page.getByTitle('推进中').last().click();
    await line
      .getByTestId('line-evidence')
      .locator('input[type=file]')
      .setInputFiles({ name: '施工招标公告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await line.getByText('施工招标公告.pdf').waitFor();
    const submit = line.getByRole('button', { name: /报送本项/ });
    await submit.scrollIntoViewIfNeeded();
    const box = await submit.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await submit.click();
    await page.getByText('本项已报送，等待督查室审核').first().waitFor({ timeout: 20_000 });
    await shot(page, 'report-03-phone-submitted');
    await page.context().close();
  }, 120_000);
});
