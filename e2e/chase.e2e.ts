/**
 * The chase in the browser (issue 18.6): a 批示件 from registration to closure, its reminder and
 * chaser received over a real local SMTP server and a platform webhook; a 提案 rated 不满意 and
 * reopened; the monthly 通报 built, issued, read by a unit it names and downloaded, and the
 * delivery log. The server runs with LUOSHI_NOTIFY=off: this file is the process that runs the
 * daily chase and the outbox worker beside it (as a deployment may), on the same database, with
 * its clock moved to the days the chase acts on — never sleeping for real days. Screenshots at
 * 1440×900 and 390×844 under artifacts/screenshots/chase-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadChannels } from '../src/cli/commands/serve.js';
import { runChase } from '../src/commands/chase.js';
import { createOutboxPort } from '../src/commands/notify.js';
import { loadWorkCalendar } from '../src/commands/requests-setup.js';
import { startReceiver, type TestReceiver } from '../src/notify/testing/receiver.js';
import { startSmtpServer, type TestSmtpServer } from '../src/notify/testing/smtp.js';
import { createOutboxWorker, type OutboxWorker } from '../src/notify/worker.js';
import { addWorkingDays, beijingDate, type WorkCalendar } from '../src/requests/calendar.js';
import { openStore, type Store } from '../src/store/index.js';
import { PHONE, ROOT, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

const WIDE = { width: 1440, height: 900 };
const MAIL = 'wangfang@fgw.example.gov.cn';
const LEAD = '区发展和改革委员会';
const CO = '区住房和城乡建设委员会';
const TITLE = '关于岁末年初安全生产工作的报告';

/** What an office must never read: field names, ids, raw values of the API. */
const RAW =
  /leadUnitId|coUnitIds|dueOn|docNumber|scanFileId|letterFileId|instruction\b|undefined|NaN|\bnull\b|"error"|\{\{/;

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let store: Store;
let smtp: TestSmtpServer;
let hook: TestReceiver;
let worker: OutboxWorker;
let calendar: WorkCalendar;
let closeChannels: () => void;
/** The clock of this file's chase and worker (ms); the server keeps the real one. */
let clock = Date.now();
const pages = new Map<string, Page>();
/** The 批示件's deadline: the 通报 of its month counts it. */
let instructionDue: string;

/** 10:00 in Beijing on `day`, after the chase's send hour. */
const morning = (day: string) => `${day}T02:00:00.000Z`;

/** Runs the daily chase as of `at` (ISO), as the scheduler would on that day. */
async function chase(at: string) {
  clock = Date.parse(at);
  return runChase(store, { calendar, publicUrl: server.url }, at);
}

/** Sends what is due at `at`, as the running worker would, until nothing more is. */
async function deliver(at: string) {
  clock = Date.parse(at);
  while ((await worker.runOnce()) > 0);
}

/** A signed-in page of `username`, one browser context each, kept for the file. */
async function as(username: string): Promise<Page> {
  const known = pages.get(username);
  if (known) return known;
  const context = await browser.newContext({
    viewport: WIDE,
    baseURL: server.url,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`pageerror (${username}):`, error.message));
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  pages.set(username, page);
  return page;
}

/** The page at 1440×900 and at 390×844, whole; the text of its main part checked for raw values. */
async function shots(page: Page, name: string) {
  for (const [size, viewport] of [
    ['1440', WIDE],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `chase-${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(WIDE);
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toMatch(RAW);
}

/** Types `date` (YYYY-MM-DD) into the date picker `selector` and confirms it. */
async function pickDate(page: Page, selector: string, date: string) {
  await page.locator(selector).click();
  await page.locator(selector).fill(date);
  await page.locator(selector).press('Enter');
}

/**
 * Chooses `option` in the antd Select whose input is `selector` as a clerk does by keyboard:
 * types it, waits for it to be offered, takes it with Enter; reads the choice back.
 */
async function pickOption(page: Page, selector: string, option: string) {
  const field = page.locator('.ant-form-item').filter({ has: page.locator(selector) });
  await page.locator(selector).click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-item-option[title="${option}"]`).last().waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await field.textContent()) ?? '').toContain(option);
}

const luoshi = (args: string[]) =>
  promisify(execFile)(join(ROOT, 'bin/luoshi'), args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-chase-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  // The 会办 unit's own clerk, who owes the 主办 unit an opinion on a 提案.
  await luoshi(
    ['users', 'add', 'zhujian', '--role', 'reporter', '--name', '区住建委填报员'].concat([
      '--unit',
      CO,
      '--password',
      PASSWORD,
      '--db',
      db,
    ]),
  );
  smtp = await startSmtpServer();
  hook = await startReceiver();
  hook.answer(() => ({ status: 200, body: { ok: true } }));
  const smtpSetting = { url: `smtp://127.0.0.1:${smtp.port}`, from: '区政府督查室 <duban@example.gov.cn>' };
  server = await startServer(db, 60_000, {
    LUOSHI_NOTIFY: 'off',
    LUOSHI_SMTP_URL: smtpSetting.url,
    LUOSHI_MAIL_FROM: smtpSetting.from,
  });
  store = await openStore(db);
  calendar = await loadWorkCalendar(store);
  // The channels as `luoshi serve` builds them from the same settings.
  const channels = await loadChannels({
    enabled: true,
    publicUrl: server.url,
    smtp: smtpSetting,
    smsGatewayFile: undefined,
  });
  closeChannels = channels.close;
  worker = createOutboxWorker({ port: createOutboxPort(store), channels: channels.set, now: () => clock });
  // The unit's clerk takes messages by e-mail; the unit's work group has a platform robot.
  const clerk = await apiAs(server.url, seeded.users.reporter);
  await clerk('PUT', '/notify/settings/me', {
    data: { email: MAIL, phone: null, channels: ['email'], digest: null, quietHours: 'policy' },
    version: 0,
  });
  const admin = await apiAs(server.url, seeded.users.admin);
  const units = await admin<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  const unit = units.items.find((u) => u.name === LEAD)!;
  await admin('PUT', `/units/${unit.id}/notify-settings`, {
    data: {
      leaderUserId: null,
      robots: [
        { channel: 'webhook', name: '政务协同平台', url: `${hook.url}/hook`, secret: 'S3', enabled: true },
      ],
    },
    version: 0,
  });
  browser = await chromium.launch(launchOptions);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  closeChannels?.();
  await store?.close();
  await smtp?.stop();
  await hook?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A tiny PDF, as a scanner would make it (the server reads its first bytes). */
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('a 批示件 from registration to closure, chased over e-mail and a webhook', () => {
  const today = beijingDate(new Date().toISOString());
  // 临近提醒 three working days before the deadline, which is three working days after that.
  let remindOn: string;
  let due: string;
  let link: string;

  it('the 督查室 registers it in one form with its scan and assigns it', async () => {
    remindOn = addWorkingDays(calendar, today, 3);
    due = addWorkingDays(calendar, remindOn, 3);
    instructionDue = due;
    const page = await as(seeded.users.supervisor);
    await page.goto('/work');
    await page.locator('#instruction-number').fill('区委办呈〔2026〕31号');
    await page.locator('#instruction-leader').fill('张明区长');
    await pickDate(page, '#instruction-date', today);
    await page.locator('#instruction-title').fill(TITLE);
    await page.locator('#instruction-text').fill('请区发展改革委牵头，抓好岁末年初安全生产各项工作。');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '批示件扫描件.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await page.getByText('批示件扫描件.pdf').waitFor();
    await shots(page, 'register');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(`已登记：${TITLE}`).waitFor();
    const row = page.locator('tr').filter({ hasText: TITLE });
    await row.getByText('扫描件').waitFor();
    await row.getByRole('button', { name: /交\s*办/ }).click();
    const dialog = page.getByRole('dialog');
    await pickOption(page, '#assign-lead', LEAD);
    await pickDate(page, '#assign-due', due);
    await dialog.locator('#assign-requirement').fill('请于期限前报送落实情况。');
    await shots(page, 'assign');
    await dialog.getByRole('button', { name: /交\s*办/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('办理中').waitFor();
    expect(await row.textContent()).toContain(LEAD);
  });

  it('the unit is told of it, reminded before the deadline and chased the day after', async () => {
    const items = await store.work.listItems({ kinds: ['instruction'] });
    const item = items.items.find((i) => 'title' in i && i.title === TITLE)!;
    link = `${server.url}/work/instruction/${item.id}`;
    // 临近提醒, at the send hour.
    await chase(morning(remindOn));
    await deliver(morning(remindOn));
    const mails = await smtp.waitFor(2);
    const subjects = mails.map((m) => m.parsed.subject ?? '');
    expect(subjects.some((s) => s.includes('【交办】'))).toBe(true);
    const reminder = mails.find((m) => m.parsed.subject?.includes('【到期提醒】'));
    expect(reminder?.to).toEqual([MAIL]);
    expect(reminder?.parsed.subject).toContain(TITLE);
    expect(reminder?.parsed.text).toContain(link);
    const posts = await hook.waitFor(2);
    expect(posts.some((p) => p.body.includes('【交办】'))).toBe(true);
    expect(posts.some((p) => p.body.includes('【到期提醒】'))).toBe(true);
    // 到期催办: the first working day after the deadline.
    const chaseOn = addWorkingDays(calendar, due, 1);
    const before = smtp.mails.length;
    await chase(morning(chaseOn));
    await deliver(morning(chaseOn));
    const chasers = (await smtp.waitFor(before + 1))
      .slice(before)
      .filter((m) => m.parsed.subject?.includes('【催办】'));
    expect(chasers).toHaveLength(1);
    expect(chasers[0]!.parsed.text).toContain(link);
    expect(hook.requests.some((r) => r.body.includes('【催办】'))).toBe(true);
  });

  it('the unit follows the chaser’s link, sees it in 我的待办 with its source named, and answers', async () => {
    const page = await as(seeded.users.reporter);
    await page.goto(link);
    await page.getByRole('heading', { name: `张明区长：${TITLE}` }).waitFor();
    await shots(page, 'item-unit');
    await page.getByRole('link', { name: '到我的待办办理' }).click();
    const card = page.getByTestId('work-todo');
    const entry = card.locator('.ant-list-item').filter({ hasText: TITLE });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('领导批示');
    expect(await entry.textContent()).toContain('区委办呈〔2026〕31号');
    await shots(page, 'todo');
    await entry.getByRole('button', { name: '报送办理情况' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#answer-text').fill('已完成全区岁末年初安全生产大检查，排查隐患12处，均已整改。');
    await shots(page, 'answer');
    await dialog.getByRole('button', { name: /报\s*送/ }).click();
    await page.getByText(`已报送：张明区长：${TITLE}`).waitFor();
    await entry.waitFor({ state: 'detached' });
  });

  it('the leader’s office closes it; the unit is told and chased no more', async () => {
    const page = await as(seeded.users.leader);
    await page.goto(link);
    await page.getByText('已完成全区岁末年初安全生产大检查').waitFor();
    await page.locator('#close-note').fill('同意办结。');
    await shots(page, 'close');
    await page.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByText(`已办结：张明区长：${TITLE}`).waitFor();
    await page.getByText('同意办结。').waitFor();
    await shots(page, 'closed');
    const chaseOn = addWorkingDays(calendar, due, 1);
    const before = smtp.mails.length;
    await deliver(morning(addWorkingDays(calendar, chaseOn, 1)));
    const closing = (await smtp.waitFor(before + 1)).slice(before);
    expect(closing.map((m) => m.parsed.subject)).toEqual([expect.stringContaining('【已办结】')]);
    const chased = (await store.outbox.list({ kind: 'chase.chaser' })).total;
    await chase(morning(addWorkingDays(calendar, chaseOn, 4)));
    expect((await store.outbox.list({ kind: 'chase.chaser' })).total).toBe(chased);
  });
});

describe('a 提案 rated 不满意 and reopened', () => {
  const NUMBER = '第0158号';
  const PROPOSAL = '关于加快老旧小区加装电梯的提案';
  const today = beijingDate(new Date().toISOString());

  it('the office registers it on the 建议提案 desk and assigns it to a 主办 and a 会办 unit', async () => {
    const page = await as(seeded.users.supervisor);
    await page.goto('/work/proposals');
    await page.getByRole('radio', { name: '政协委员提案' }).check();
    await page.locator('#proposal-number').fill(NUMBER);
    await page.locator('#proposal-session').fill('区政协第九届三次会议');
    await page.locator('#proposal-author').fill('陈静');
    await page.locator('#proposal-group').fill('农工党');
    await page.locator('#proposal-title').fill(PROPOSAL);
    await shots(page, 'desk-register');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(`已登记：${PROPOSAL}`).waitFor();
    const row = page.locator('tr').filter({ hasText: NUMBER });
    await row.getByRole('button', { name: /交\s*办/ }).click();
    const dialog = page.getByRole('dialog');
    await pickOption(page, '#assign-lead', LEAD);
    await pickDate(page, '#assign-due', addWorkingDays(calendar, today, 45));
    await pickOption(page, '#assign-co', CO);
    // A multiple select keeps its list open: the clerk clicks elsewhere in the dialog.
    await dialog.locator('.ant-modal-title').click();
    await page.locator(`.ant-select-item-option[title="${CO}"]`).last().waitFor({ state: 'hidden' });
    await dialog.getByText('交办：').waitFor();
    await shots(page, 'desk-assign');
    await dialog.getByRole('button', { name: /交\s*办/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('办理中').waitFor();
    expect(await row.textContent()).toContain(CO);
    expect(await row.textContent()).toContain('陈静（农工党）');
  });

  it('the 会办 unit gives its opinion; the 主办 unit answers with its letter (.docx)', async () => {
    const co = await as('zhujian');
    await co.goto('/todo');
    const helping = co.getByTestId('work-todo').locator('.ant-list-item').filter({ hasText: PROPOSAL });
    await helping.getByRole('button', { name: '提出会办意见' }).click();
    await co.locator('#co-opinion-text').fill('建议将加装电梯纳入老旧小区综合整治统筹推进。');
    await shots(co, 'co-opinion');
    await co
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await helping.getByText('已提出会办意见').waitFor();

    const host = await as(seeded.users.reporter);
    await host.goto('/todo');
    const entry = host.getByTestId('work-todo').locator('.ant-list-item').filter({ hasText: PROPOSAL });
    expect(await entry.textContent()).toContain('政协委员提案');
    await entry.getByRole('button', { name: '上传答复函并答复' }).click();
    const dialog = host.getByRole('dialog');
    await dialog.getByText('建议将加装电梯纳入老旧小区综合整治统筹推进。').waitFor();
    const letter = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph(`对区政协九届三次会议${NUMBER}提案的答复`)] }] }),
    );
    await dialog.locator('input[type=file]').setInputFiles({
      name: '答复函.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: letter,
    });
    await dialog.getByText('答复函.docx').waitFor();
    await dialog.getByRole('radio', { name: /B类/ }).check();
    await dialog.locator('#answer-text').fill('已将加装电梯列入明年计划，逐步推进。');
    await shots(host, 'answer-letter');
    await dialog.getByRole('button', { name: /报\s*送/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await entry.waitFor({ state: 'detached' });
  });

  it('the author’s 不满意 is entered; the proposal reopens and the unit sees why', async () => {
    const page = await as(seeded.users.supervisor);
    await page.goto('/work/proposals');
    const row = page.locator('tr').filter({ hasText: NUMBER });
    await row.getByText('第1轮答复函').waitFor();
    await row.getByRole('button', { name: '录入评价' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '不满意' }).check();
    await dialog.locator('#rate-comment').fill('答复未明确加装电梯的时间表。');
    await pickDate(page, '#rate-due', addWorkingDays(calendar, today, 60));
    await shots(page, 'rate');
    await dialog.getByRole('button', { name: '录入评价' }).click();
    await page.getByText('评价已录入：不满意').waitFor();
    await row.getByText('第2轮').waitFor();
    expect(await row.textContent()).toContain('办理中');
    expect(await row.textContent()).toContain('不满意');
    await shots(page, 'desk-reopened');

    const host = await as(seeded.users.reporter);
    await host.goto('/todo');
    const entry = host.getByTestId('work-todo').locator('.ant-list-item').filter({ hasText: PROPOSAL });
    await entry.getByText('重新办理（第2轮）').waitFor();
    expect(await entry.textContent()).toContain(
      '代表委员对答复不满意，退回重新办理。意见：答复未明确加装电梯的时间表。',
    );
    expect(await entry.getByRole('button', { name: '上传答复函并答复' }).count()).toBe(1);
    await shots(host, 'todo-reopened');
  });
});

describe('the monthly 通报', () => {
  const NUMBER = '督通〔2026〕12号';
  let bulletinPath: string;

  it('the office previews the month, adds a leader’s comment and issues it', async () => {
    const page = await as(seeded.users.supervisor);
    await page.goto('/bulletins');
    // The page opens on the working plan's as-of month (the seeded 2022 plan: December 2022):
    // the office picks the month the 批示件 fell due in, and waits for that month's preview.
    const month = instructionDue.slice(0, 7);
    const picker = page.getByLabel('通报月份');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    await page
      .getByText(`关于${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月份重点工作落实情况的通报`)
      .first()
      .waitFor();
    await page.locator('#bulletin-number').fill(NUMBER);
    await page.getByRole('button', { name: '添加领导批示' }).click();
    await page.getByLabel('领导 1').fill('张明区长');
    await page.getByLabel('批示内容 1').fill('按期办结的经验要总结推广，逾期事项要逐项对账销号。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    // The 批示件 of the first story fell due this month and was closed in time.
    const row = page.locator('tr').filter({ hasText: LEAD });
    await row.waitFor();
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 4)).toEqual([LEAD, '1', '1', '0']);
    await shots(page, 'bulletin-preview');
    // Its e-mail is refused for good: the delivery log must show the failure beside what was sent.
    smtp.refuse(MAIL, 550, 'mailbox unavailable');
    await page.getByRole('button', { name: /印\s*发/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(`已印发：${NUMBER}`).waitFor();
    // The unit is told by its platform robot, with a link to the bulletin.
    const posts = hook.requests.length;
    await deliver(new Date(Date.now() + 2 * 86_400_000).toISOString());
    const told = (await hook.waitFor(posts + 1)).slice(posts).find((r) => r.body.includes('【通报】'));
    expect(told?.body).toContain(NUMBER);
    bulletinPath = /\/bulletins\/\d+/.exec(told!.body)![0];
  });

  it('the unit it names opens it from the notice’s link and downloads it as .docx and .xlsx', async () => {
    const page = await as(seeded.users.reporter);
    await page.goto(bulletinPath);
    const card = page.getByTestId('issued-bulletin');
    await card.getByText('按期办结的经验要总结推广', { exact: false }).waitFor();
    expect(await card.textContent()).toContain(NUMBER);
    await shots(page, 'bulletin-unit');
    const docx = await download(page, card.getByRole('link', { name: '下载 Word' }));
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(text).toContain(NUMBER);
    expect(text).toContain('按期办结的经验要总结推广');
    expect(text).toContain(LEAD);
    const xlsx = await download(page, card.getByRole('link', { name: '下载 Excel' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('各单位情况')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.find((r) => r.includes('本月到期'))!.map(String);
    const line = rows.find((r) => r.includes(LEAD))!;
    expect(Number(line[header.indexOf('本月到期')])).toBe(1);
    expect(Number(line[header.indexOf('按期完成')])).toBe(1);
    expect(Number(line[header.indexOf('逾期未完成')])).toBe(0);
  });

  it('the delivery log shows what was sent and what failed', async () => {
    const page = await as(seeded.users.admin);
    await page.goto('/work/deliveries');
    await page.locator('tr').filter({ hasText: '发送失败' }).first().waitFor();
    const failed = page.locator('tr').filter({ hasText: '发送失败' }).filter({ hasText: '【通报】' });
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('电子邮件');
    expect(await page.locator('tr').filter({ hasText: '已发送' }).count()).toBeGreaterThan(3);
    await shots(page, 'deliveries');
  });
});

/** Clicks `link` and reads the file the browser saves. */
async function download(page: Page, link: ReturnType<Page['locator']>): Promise<Buffer> {
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await saved.path();
  return readFileSync(path);
}
