/**
 * The office's other work in the browser (issue 18): the 督查室 registers a 领导批示件 with its
 * scan (a wrong file refused in the office's words first) and assigns it; the unit finds it in
 * 我的待办 with its source named, beside its plan tasks, and reports what it did; the office sees
 * it answered and opens the scan. Then the 建议提案 desk, the units' notification settings and
 * the delivery log. Real server, fresh database, Debian's Chromium; screenshots at 1440×900 and
 * 390×844 of every page it passes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(400, 32), Buffer.from('%%EOF\n')]);
const TITLE = '关于汛期防汛安全工作情况的报告';
const REPLY = '已组织全区排查积水点42处，完成整改38处，其余4处6月底前完成。';

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;

/** Each account signs in once (sign-in is rate limited); later pages reuse its cookies. */
const states = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

async function pageAs(username: string, viewport = WIDE): Promise<Page> {
  const saved = states.get(username);
  const context = await browser.newContext({
    viewport,
    baseURL: server.url,
    ...(saved ? { storageState: saved } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  if (saved) return page;
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  states.set(username, await context.storageState());
  return page;
}

/** The page as the office sees it, wide and on a phone. */
async function shots(username: string, path: string, name: string, ready: (page: Page) => Promise<void>) {
  for (const [viewport, suffix] of [
    [WIDE, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    const page = await pageAs(username, viewport);
    await page.goto(path);
    await ready(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${suffix}.png`), fullPage: true });
    await page.context().close();
  }
}

/** Yesterday in Beijing, as the date picker takes it: a 批示 is never dated later than today. */
function yesterday(): string {
  const beijing = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000);
  return beijing.toISOString().slice(0, 10);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-offices-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a 批示件 from registration to the unit’s answer', () => {
  it('the 督查室 registers it with its scan, after a wrong file is refused, and assigns it', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto('/work');
    await page.locator('#instruction-number').fill('区委办呈〔2026〕18号');
    await page.locator('#instruction-leader').fill('张明区长');
    await page.locator('#instruction-date').click();
    await page.locator('#instruction-date').fill(yesterday());
    await page.keyboard.press('Enter');
    await page.locator('#instruction-title').fill(TITLE);
    await page.locator('#instruction-text').fill('请区发展和改革委员会牵头，抓好汛期各项安全措施落实。');
    const scanInput = page.locator('input[type=file]').first();
    const refused = page.getByText('文件格式不符：只能上传PDF文件或JPG、PNG图片。');
    // A program named .pdf passes the name but not the server, which reads its first bytes.
    await scanInput.setInputFiles({
      name: '批示扫描.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]),
    });
    await refused.waitFor();
    // A Word file is not a scan: refused before it is sent, saying what is taken.
    await scanInput.setInputFiles({ name: '批示.docx', mimeType: 'application/msword', buffer: PDF });
    await refused.waitFor();
    await scanInput.setInputFiles({
      name: '区委办呈〔2026〕18号批示.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByText('区委办呈〔2026〕18号批示.pdf').waitFor();
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(`已登记：${TITLE}`).waitFor();

    const row = page.locator('tr', { hasText: TITLE });
    await row.getByText('已登记').waitFor();
    const scan = await row.getByRole('link', { name: /扫描件/ }).getAttribute('href');
    const opened = await page.request.get(scan!);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await opened.body()).equals(PDF)).toBe(true);

    await row.getByRole('button', { name: /交\s*办/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /交\s*办/ }).click();
    await dialog.getByText('请选择主办单位').waitFor();
    await dialog.getByText('请选择办理时限').waitFor();
    await page.locator('#assign-lead').click();
    // A jurisdiction has dozens of units: type to narrow the (virtual) list, as a clerk does.
    await page.keyboard.type('区发展和改革委员会');
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('区发展和改革委员会', { exact: true })
      .click();
    await page.locator('#assign-due').click();
    await page.locator('#assign-due').fill('2099-06-30');
    await page.keyboard.press('Enter');
    await page.locator('#assign-requirement').fill('请于6月30日前报送落实情况。');
    await dialog.getByRole('button', { name: /交\s*办/ }).click();
    await page.getByText(`已交办：张明区长：${TITLE}`).waitFor();
    await row.getByText('办理中').waitFor();
    await shots(seeded.users.supervisor, '/work', 'offices-work', async (p) => {
      await p.locator('tr', { hasText: TITLE }).first().waitFor();
    });
  });

  it('the unit sees it in 我的待办 with its source named, beside its plan, and reports what it did', async () => {
    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    const card = page.getByTestId('work-todo');
    const line = card.locator('.ant-list-item', { hasText: TITLE });
    await line.getByText('领导批示').waitFor();
    await line.getByText('交办要求：请于6月30日前报送落实情况。').waitFor();
    await line.getByText(/区委办呈〔2026〕18号 · 2099年6月30日前办结/).waitFor();
    await shots(seeded.users.reporter, '/todo', 'offices-todo', async (p) => {
      await p.getByTestId('work-todo').getByText(TITLE).waitFor();
    });
    await line.getByRole('button', { name: '报送办理情况' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /报\s*送/ }).click();
    await dialog.getByText('请填写办理情况').waitFor();
    await page.locator('#answer-text').fill(REPLY);
    await dialog.getByRole('button', { name: /报\s*送/ }).click();
    await page.getByText(`已报送：张明区长：${TITLE}`).waitFor();
    await card.getByText('暂无需要办理的批示件、议定事项和建议提案').waitFor();
  });

  it('the office sees it answered, and the link every message carries opens the item', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto('/work');
    const row = page.locator('tr', { hasText: TITLE });
    await row.getByText('已答复').waitFor();
    const scan = await row.getByRole('link', { name: /扫描件/ }).getAttribute('href');
    const id = Number(/\/work\/items\/(\d+)\//.exec(scan!)?.[1]);
    const link = `/work/instruction/${id}`;
    await page.goto(link);
    await page.getByRole('heading', { name: `张明区长：${TITLE}` }).waitFor();
    await page.getByText(REPLY).waitFor();
    await page.getByText('区发展和改革委员会').first().waitFor();
    await page.getByRole('link', { name: /扫描件/ }).waitFor();
    await shots(seeded.users.supervisor, link, 'offices-item', async (p) => {
      await p.getByText(REPLY).waitFor();
    });
  });
});

describe('the office’s other pages', () => {
  it('the 建议提案 desk registers a 建议 and lists it by number, deputy, unit and state', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto('/work/proposals');
    await page.locator('#proposal-number').fill('第0042号');
    await page.locator('#proposal-session').fill('区十七届人大三次会议');
    await page.locator('#proposal-author').fill('刘强');
    await page.locator('#proposal-group').fill('城南代表组');
    await page.locator('#proposal-title').fill('关于增设社区养老服务站的建议');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText('已登记：关于增设社区养老服务站的建议').waitFor();
    const row = page.locator('tr', { hasText: '第0042号' });
    await row.getByText('刘强（城南代表组）').waitFor();
    await row.getByText('未评价').waitFor();
    await shots(seeded.users.supervisor, '/work/proposals', 'offices-proposals', async (p) => {
      await p.locator('tr', { hasText: '第0042号' }).waitFor();
    });
  });

  it('the admin sets a unit’s group robot and reads the delivery log', async () => {
    const page = await pageAs(seeded.users.admin);
    await page.goto('/work/unit-notify');
    await page.locator('#notify-unit').click();
    // A jurisdiction has dozens of units: type to narrow the (virtual) list, as a clerk does.
    await page.keyboard.type('区发展和改革委员会');
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('区发展和改革委员会', { exact: true })
      .click();
    await page.getByText('尚未配置工作群机器人').waitFor();
    await page.getByRole('button', { name: '添加机器人' }).click();
    await page.getByLabel('名称').fill('发改委工作群');
    await page
      .getByLabel('机器人地址')
      .fill('https://oapi.dingtalk.com/robot/send?access_token=abcdef123456');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('单位通知设置已保存').waitFor();
    await shots(seeded.users.admin, '/work/unit-notify', 'offices-unit-notify', async (p) => {
      await p.getByText('各单位的工作群机器人').waitFor();
    });
    await page.goto('/work/deliveries');
    await page.getByRole('columnheader', { name: '接收人' }).waitFor();
    await shots(seeded.users.admin, '/work/deliveries', 'offices-deliveries', async (p) => {
      await p.getByText('消息发送记录').first().waitFor();
    });
  });
});
