/**
 * A unit's daily work in Debian's Chromium (issue 14.1–14.3), as the stories not told elsewhere
 * (app-report.e2e.ts tells the draft kept across a reload and another device, and a line handed
 * in on a phone): the form grouped by the report's chapters on a phone and at 1440×900; a failed
 * submit taking the clerk to the first problem at the top; one line handed in with its own
 * evidence, then the rest all at once; the 督查室 reading only what changed since last period,
 * the change highlighted, the evidence beside the line, one line approved and one returned with
 * its reason the unit reads; and a task's history after 督办, 延期 and 销号 in the reader's words.
 * Screenshots: artifacts/screenshots/daily-*.png at 1440×900 and 390×844.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE } from './playwright.config.js';
import { apiAs, PASSWORD, readToday } from './seed.js';
import { browser, seeded, server, shot, signIn, useApp } from './app-harness.js';

useApp();

const WIDE = { width: 1440, height: 900 };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);
const BEFORE_NOTE = '完成前期调研，形成工作方案';

type Api = Awaited<ReturnType<typeof apiAs>>;
let supervisorApi: Api;
let reporterApi: Api;

/** Uploads a file as the reporter for `unitId` (multipart, which apiAs does not send). */
async function uploadAsReporter(name: string, unitId: number): Promise<number> {
  const session = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: seeded.users.reporter, password: PASSWORD }),
  });
  const cookie = (session.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const form = new FormData();
  form.set('unitId', String(unitId));
  form.set('file', new Blob([PDF], { type: 'application/pdf' }), name);
  const answer = await fetch(`${server.url}/api/v1/plans/${seeded.planId}/evidence`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  if (!answer.ok) throw new Error(`evidence upload ${answer.status} ${await answer.text()}`);
  return Number(((await answer.json()) as { id: number | string }).id);
}
interface TaskRow {
  id: number;
  text: string;
  version: number;
  outlineNodeId: number | null;
}

const states = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
let unit: { id: number; name: string };
/** The unit's four tasks: the first and second of the report, two from its end (another chapter). */
let tasks: TaskRow[] = [];
let periodKey: string;

/** `username` on a device of `viewport`, reading the plan as of today; signs in once. */
async function pageAs(username: string, viewport = WIDE): Promise<Page> {
  const saved = states.get(username);
  const context = await browser.newContext({
    viewport,
    baseURL: server.url,
    locale: 'zh-CN',
    ...(saved ? { storageState: saved } : {}),
  });
  await readToday(context, seeded.planId);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  if (saved) return page;
  await page.goto('/sign-in');
  await signIn(page, username, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  states.set(username, await context.storageState());
  return page;
}

/** How far the page scrolls sideways (0 when it fits). */
function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The office gives four tasks to 区发展和改革委员会 (the reporter's unit); the unit reported
 * them last period at 10% and the 督查室 approved it — what this period is compared with.
 */
async function setUp(): Promise<void> {
  supervisorApi = await apiAs(server.url, seeded.users.supervisor);
  reporterApi = await apiAs(server.url, seeded.users.reporter);
  const supervisor = supervisorApi;
  const units = await supervisor<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const plan = `/plans/${seeded.planId}`;
  const all = await supervisor<{ items: TaskRow[] }>('GET', `${plan}/tasks?limit=200`);
  const items = all.items;
  tasks = [items[0]!, items[1]!, items.at(-2)!, items.at(-1)!];
  for (const task of tasks) {
    await supervisor('PATCH', `${plan}/tasks/${task.id}`, {
      leadUnitId: unit.id,
      deadline: '2022-12-31',
      version: task.version,
    });
  }
  const reporter = reporterApi;
  const todo = await reporter<{ period: { key: string } | null }>('GET', `${plan}/todos?unitId=${unit.id}`);
  periodKey = todo.period!.key;
  const periods = await reporter<{ items: { key: string }[] }>('GET', `${plan}/periods`);
  const earlier = periods.items
    .map((p) => p.key)
    .filter((key) => key < periodKey)
    .sort()
    .at(-1)!;
  const report = await reporter<{ id: number; version: number }>('POST', `${plan}/reports`, {
    unitId: unit.id,
    periodKey: earlier,
    tasks: tasks.map((t) => ({ taskId: t.id, progress: 10, state: 'in_progress', note: BEFORE_NOTE })),
  });
  await supervisor('POST', `${plan}/reports/${report.id}/review`, {
    type: 'approve',
    version: report.version,
  });
}

const progress = (page: Page, i: number) => page.locator(`[id="task.${tasks[i]!.id}.progress"]`);
const note = (page: Page, i: number) => page.locator(`[id="task.${tasks[i]!.id}.note"]`);

describe('reporting: the form by chapter, the first problem found, a line or all handed in', () => {
  it('on a 390×844 phone the form is grouped by chapter, carried from last period, and fits', async () => {
    await setUp();
    const page = await pageAs(seeded.users.reporter, PHONE);
    await page.goto('/todo');
    await page.getByTestId(`task-line-${tasks[3]!.id}`).waitFor();
    // Carried from the approved report of last period, not typed again.
    expect(await progress(page, 0).inputValue()).toBe('10');
    expect(await note(page, 3).inputValue()).toBe(BEFORE_NOTE);
    // The lines sit under the report's headings: the year's chapter once, then its sections
    // (the unit's tasks come from (一) and (八) of 2022年重点任务).
    const chapters = await page.locator('.lx-progress-chapter').allTextContents();
    expect(chapters).toEqual(['2022年重点任务']);
    const sections = await page.locator('.lx-progress-section').allTextContents();
    expect(sections.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sections).size).toBe(sections.length);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await shot(page, 'daily-01-report-phone', true);
    await page.context().close();
  }, 120_000);

  it('a failed submit at the bottom takes the clerk to the first problem at the top', async () => {
    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    await page.getByTestId(`task-line-${tasks[3]!.id}`).waitFor();
    await progress(page, 0).fill('150');
    await progress(page, 0).blur();
    const submit = page.getByRole('button', { name: /提交本期报送/ });
    await submit.scrollIntoViewIfNeeded();
    // The first line is out of sight when the clerk presses the button at the bottom.
    const away = await progress(page, 0).boundingBox();
    expect(away === null || away.y < 0 || away.y > WIDE.height).toBe(true);
    await submit.click();
    await page
      .getByText(/还有 \d+ 处需要修改/)
      .first()
      .waitFor();
    await expect
      .poll(() => progress(page, 0).evaluate((el) => el === document.activeElement), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(
        async () => {
          const box = await progress(page, 0).boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= WIDE.height;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.getByText('完成进度须在 0 到 100 之间').first().waitFor();
    await shot(page, 'daily-02-first-problem');
    await page.context().close();
  }, 120_000);

  it('hands in one line with its own evidence, then the rest at once', async () => {
    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    const first = page.getByTestId(`task-line-${tasks[0]!.id}`);
    await first.waitFor();
    // What was typed before (150) waits in the draft: the clerk corrects it.
    await progress(page, 0).fill('30');
    await note(page, 0).fill('可研报告已批复，完成施工招标');
    await first
      .getByTestId('line-evidence')
      .locator('input[type=file]')
      .setInputFiles({ name: '招标结果公示.pdf', mimeType: 'application/pdf', buffer: PDF });
    await first.getByText('招标结果公示.pdf').waitFor();
    await first.getByRole('button', { name: /报送本项/ }).click();
    await page.getByText('本项已报送，等待督查室审核').first().waitFor({ timeout: 20_000 });
    // The third task moved on in its note only, the last is finished; the second stays as
    // last period.
    await note(page, 2).fill('完成前期调研，形成工作方案，已报区政府审定');
    await progress(page, 3).fill('100');
    await page.locator(`[id="task.${tasks[3]!.id}.state"]`).click();
    await page.getByTitle('已完成').last().click();
    await note(page, 3).fill('各项工作已全部完成');
    await page.getByRole('button', { name: /提交本期报送/ }).click();
    await page.getByText('已提交，等待督查室审核').first().waitFor({ timeout: 20_000 });
    await shot(page, 'daily-03-report-handed-in', true);
    await page.context().close();
  }, 120_000);
});

describe('review: what changed since last period, line by line', () => {
  it('shows the changed lines with the change and evidence; one approved, one returned with its reason', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto('/supervision');
    const review = page.locator('[data-testid^="review-"]').filter({
      has: page.getByTestId(`review-line-task.${tasks[0]!.id}`),
    });
    await review.first().waitFor();
    const lineA = review.getByTestId(`review-line-task.${tasks[0]!.id}`);
    const lineC = review.getByTestId(`review-line-task.${tasks[2]!.id}`);
    // Read against last period's approved report once it is in.
    await lineA.getByTestId('line-change').waitFor();
    const change = (await lineA.getByTestId('line-change').textContent()) ?? '';
    expect(change).toContain('上期 10%');
    expect(change).toContain('+20%');
    await lineC.getByText('进展情况有更新').waitFor();
    // Only what changed: the line left as last period is one switch away.
    expect(await review.getByTestId(`review-line-task.${tasks[1]!.id}`).count()).toBe(0);
    await review.getByTestId(`review-line-task.${tasks[3]!.id}`).getByText('+90%').waitFor();
    // The evidence sits beside its line and opens.
    const link = lineA.getByRole('link', { name: /招标结果公示\.pdf/ });
    const href = await link.getAttribute('href');
    expect((await page.request.get(href!)).status()).toBe(200);
    await shot(page, 'daily-04-review-changed');

    await review.getByText('显示与上期相同的 1 项').click();
    await review.getByTestId(`review-line-task.${tasks[1]!.id}`).getByText('与上期相同').waitFor();
    await review.getByText('显示与上期相同的 1 项').click();

    // The buttons wait while a decision is being saved (a click then is not taken).
    const settled = () =>
      expect.poll(() => review.locator('.ant-btn-loading').count(), { timeout: 20_000 }).toBe(0);
    await lineA.getByRole('button', { name: '通过本项' }).click();
    await lineA.getByText('已通过').waitFor();
    await settled();
    const lineD = review.getByTestId(`review-line-task.${tasks[3]!.id}`);
    await lineD.getByRole('button', { name: '通过本项' }).click();
    await lineD.getByText('已通过').waitFor();
    await settled();
    await lineC.getByRole('button', { name: '退回本项' }).click();
    const confirm = lineC.getByRole('button', { name: '确认退回' });
    expect(await confirm.isDisabled()).toBe(true);
    await lineC.getByLabel('退回理由').fill('请补充区政府审定的会议纪要');
    await confirm.click();
    await lineC.getByText('已退回：请补充区政府审定的会议纪要').waitFor();
    await shot(page, 'daily-05-review-decided');
    await page.context().close();

    const phone = await pageAs(seeded.users.supervisor, PHONE);
    await phone.goto('/supervision');
    await phone.getByTestId(`review-line-task.${tasks[2]!.id}`).first().waitFor();
    await shot(phone, 'daily-06-review-phone', true);
    await phone.context().close();

    // The unit reads the reason on the line returned, the approved line closed to edits.
    const reporter = await pageAs(seeded.users.reporter);
    await reporter.goto('/todo');
    const returned = reporter.getByTestId(`task-line-${tasks[2]!.id}`);
    await returned.getByTestId('line-return-reason').getByText('请补充区政府审定的会议纪要').waitFor();
    expect(await progress(reporter, 0).isDisabled()).toBe(true);
    await shot(reporter, 'daily-07-report-returned-line');
    await reporter.context().close();
  }, 180_000);
});

describe('history in the reader’s words', () => {
  it('a task after 督办, 延期 and 销号 reads as the office writes, with no code', async () => {
    const plan = `/plans/${seeded.planId}`;
    // The last task, finished and approved this period, can be 销号.
    const task = tasks[3]!;
    const supervisor = supervisorApi;
    const reporter = reporterApi;
    const notice = await supervisor<{ id: number; version: number }>('POST', `${plan}/notices`, {
      subject: { type: 'task', id: task.id },
      content: '请加快施工进场，本月底前报送进度计划',
      dueOn: '2099-01-31',
    });
    const answered = await reporter<{ version: number }>('POST', `${plan}/notices/${notice.id}/actions`, {
      type: 'answer',
      text: '已落实施工单位，下周进场',
      version: notice.version,
    });
    await supervisor('POST', `${plan}/notices/${notice.id}/actions`, {
      type: 'close',
      note: '整改到位',
      version: answered.version,
    });
    const extension = await reporter<{ id: number; version: number }>('POST', `${plan}/extensions`, {
      subject: { type: 'task', id: task.id },
      requestedDeadline: '2099-06-30',
      reason: '征地手续未完成',
      explanation: '征地手续晚于预期，主体工程顺延。',
    });
    await supervisor('POST', `${plan}/extensions/${extension.id}/decision`, {
      type: 'approve',
      version: extension.version,
    });
    const closure = await reporter<{ id: number; version: number }>(
      'POST',
      `${plan}/tasks/${task.id}/closure`,
      {
        evidence: [await uploadAsReporter('竣工验收报告.pdf', unit.id)],
        note: '工程已竣工验收',
      },
    );
    await supervisor('POST', `${plan}/closures/${closure.id}/decision`, {
      type: 'approve',
      version: closure.version,
    });

    for (const [viewport, name] of [
      [WIDE, 'daily-08-history'],
      [PHONE, 'daily-09-history-phone'],
    ] as const) {
      const page = await pageAs(seeded.users.supervisor, viewport);
      await page.goto(`${plan}/tasks/${task.id}`);
      const history = page.getByTestId('history');
      await history.getByText('督办单办结').first().waitFor({ timeout: 20_000 });
      const text = (await history.textContent()) ?? '';
      for (const words of [
        '下发督办单',
        '单位回复督办单',
        '督办单办结',
        '申请延期',
        '批准延期',
        '批准销号',
      ]) {
        expect(text, words).toContain(words);
      }
      // One vocabulary: a 督办单 is 办结, a task 销号; no code, ids, JSON or English.
      expect(text).not.toMatch(/督办单销号/);
      expect(text).not.toMatch(
        /closedBy|planId|subject|unitId|leadUnitId|taskId|deadline|version|approved|report \d|\{|\}|"|#\d|\bnull\b|undefined|NaN/,
      );
      expect(text).not.toMatch(/[A-Za-z]{4,}/);
      await history.scrollIntoViewIfNeeded();
      if (viewport === PHONE) expect(await overflowOf(page)).toBeLessThanOrEqual(0);
      await shot(page, name, viewport === PHONE);
      await page.context().close();
    }
  }, 180_000);
});
