/**
 * The console's main flows by keyboard alone (issue 20.4), in Debian's Chromium: sign-in, 交办
 * (assign a task to a unit), 报送 (the unit reports), 审核 (the office approves), 督办 (a 督办单
 * issued), 受理 (a call taken in) and 派单 (dispatched). No mouse: focus moves with Tab and
 * Shift+Tab, choices with arrows, actions with Enter and Space; addresses are typed as a person
 * types them in the address bar (page.goto). Each element reached by Tab must show where the
 * focus is (an outline or a focus ring on it, its box or its control), and each flow must end
 * where the office expects it to.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DESKTOP, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, readToday, seed, type Seeded } from './seed.js';
import { orderFormName } from './desk-harness.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let unit: { id: number; name: string };
let task: { id: number; text: string };
/** Elements reached by Tab that showed no focus in the current flow. */
const unseen: string[] = [];

/**
 * True when the focused element shows it: `:focus-visible` on it and an outline or a focus
 * ring (box-shadow) drawn on it, on its wrapper, or on the box a hidden control draws (antd's
 * checkboxes, radios and switches).
 */
async function focusShown(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing has focus';
    const drawn = (node: Element | null | undefined) => {
      if (!node) return false;
      const s = getComputedStyle(node);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    const candidates = [
      el,
      el.parentElement,
      el.nextElementSibling,
      el.closest(
        '.ant-select, .ant-picker, .ant-input-affix-wrapper, .ant-input-number, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-tabs-tab, .ant-tree-treenode',
      ),
      el.closest('.ant-checkbox-wrapper')?.querySelector('.ant-checkbox-inner'),
      el.closest('.ant-radio-wrapper')?.querySelector('.ant-radio-inner'),
    ];
    if (candidates.some(drawn)) return null;
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${name}” shows no focus`;
  });
}

/** True when `target` holds the focus (or contains the focused element). */
function holds(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has the focus, checking at each stop that
 * the focus is shown. Throws after `max` presses.
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 300 } = {}): Promise<void> {
  await target.first().waitFor();
  for (let i = 0; i < max; i++) {
    if (await holds(target.first())) {
      const missing = await focusShown(page);
      if (missing) unseen.push(missing);
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const missing = await focusShown(page);
    if (missing && !unseen.includes(missing)) unseen.push(missing);
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${String(target)}`);
}

/** A new page signed in as `username` by keyboard: the first field has focus, Tab to the next, Enter. */
async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url, locale: 'zh-CN' });
  // The flows work on the example's 2022 plan today: read it as of today, not its year's end.
  await readToday(context, seeded.planId);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel('用户名'));
  await page.keyboard.type(username);
  await tabTo(page, page.getByLabel('密码'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/** Types into the antd Select that has the focus and takes the option `name` with Enter. */
async function pick(page: Page, name: string) {
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible').getByTitle(name, { exact: true }).waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the antd Select that has the focus with ArrowDown and moves to `name`, then Enter. */
async function choose(page: Page, name: string) {
  await page.keyboard.press('ArrowDown');
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let i = 0; i < 30; i++) {
    if ((await active.getAttribute('title').catch(() => null)) === name) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${name} reached by ArrowDown`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `keyboard-${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-keyboard-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
  const office = await apiAs(server.url, seeded.users.supervisor);
  const units = await office<{ items: { id: number; name: string }[] }>('GET', '/units?limit=200');
  unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const tasks = await office<{ items: { id: number; text: string }[] }>(
    'GET',
    `/plans/${seeded.planId}/tasks?limit=1`,
  );
  task = tasks.items[0]!;
});

// Each flow answers for the focus it moved.
beforeEach(() => {
  unseen.length = 0;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the plan by keyboard', () => {
  it('交办: the office chooses a task and gives it to a unit with its leader', async () => {
    const page = await signIn(seeded.users.supervisor);
    await page.goto(`/plans/${seeded.planId}/plan`);
    const row = page.locator('.ant-table-row').filter({ has: page.locator(`a[href$="/tasks/${task.id}"]`) });
    await tabTo(page, row.locator('.ant-checkbox-input'));
    await page.keyboard.press('Space');
    await expect.poll(() => row.locator('.ant-checkbox-input').isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: /批量分配（1）/ }).first(), { back: true });
    await page.keyboard.press('Enter');
    const drawer = page.locator('.ant-drawer');
    await tabTo(page, drawer.getByLabel('牵头单位'));
    await pick(page, unit.name);
    await tabTo(page, drawer.getByLabel('责任领导'));
    await page.keyboard.type('张副区长');
    await tabTo(page, drawer.getByRole('button', { name: /批量分配/ }));
    await shot(page, '01-assign');
    await page.keyboard.press('Enter');
    await page.getByText('已分配 1 项').waitFor();
    const office = await apiAs(server.url, seeded.users.supervisor);
    const saved = await office<{ leadUnitId: number; leader: string }>(
      'GET',
      `/plans/${seeded.planId}/tasks/${task.id}`,
    );
    expect(saved).toMatchObject({ leadUnitId: unit.id, leader: '张副区长' });
    expect(unseen).toEqual([]);
    await page.context().close();
  });

  it('报送: the unit reports the task’s progress and state in its to-do list', async () => {
    // The office gave it a deadline (as in the plan's 分解表), so the unit owes a report.
    const office = await apiAs(server.url, seeded.users.supervisor);
    const path = `/plans/${seeded.planId}/tasks/${task.id}`;
    const { version } = await office<{ version: number }>('GET', path);
    await office('PATCH', path, { deadline: '2022-12-31', version });
    const page = await signIn(seeded.users.reporter);
    await page.goto('/todo');
    await tabTo(page, page.locator(`[id="task.${task.id}.progress"]`));
    await page.keyboard.type('40');
    await tabTo(page, page.locator(`[id="task.${task.id}.state"]`));
    await choose(page, '推进中');
    await tabTo(page, page.locator(`[id="task.${task.id}.note"]`));
    await page.keyboard.type('已完成方案编制，进入实施');
    await tabTo(page, page.getByRole('button', { name: /提交本期报送/ }));
    await shot(page, '02-report');
    await page.keyboard.press('Enter');
    await page.getByText('已提交，等待督查室审核').first().waitFor();
    expect(unseen).toEqual([]);
    await page.context().close();
  });

  it('审核 and 督办: the office approves the report, then issues a 督办单', async () => {
    const page = await signIn(seeded.users.supervisor);
    await page.goto('/supervision');
    const row = page.getByRole('row', { name: new RegExp(unit.name) });
    await tabTo(page, row.getByRole('button', { name: /通\s*过/ }));
    await page.keyboard.press('Enter');
    await page.getByText('已通过').first().waitFor();

    await tabTo(page, page.getByRole('button', { name: '下发督办单' }), { back: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await tabTo(page, dialog.locator('#notice-subject'));
    await page.keyboard.type(task.text.slice(0, 8));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, dialog.locator('#notice-content'));
    await page.keyboard.type('请加快推进，月底前报送整改方案');
    await tabTo(page, dialog.locator('#notice-due'));
    await page.keyboard.type('2099-01-31');
    await page.keyboard.press('Enter');
    await tabTo(page, dialog.getByRole('button', { name: /下发督办单/ }));
    await shot(page, '03-notice');
    await page.keyboard.press('Enter');
    await page.getByText('督办单已下发').waitFor();
    expect(unseen).toEqual([]);
    await page.context().close();
  });
});

describe('接诉即办 by keyboard', () => {
  let orderId: number;

  it('受理: the operator takes a call in, the category from the text’s suggestion', async () => {
    const page = await signIn(seeded.users.admin);
    await page.goto('/requests/intake');
    await tabTo(page, page.getByLabel('诉求内容'));
    await page.keyboard.type('下雨后小区门口积水很深，老人孩子出行困难，希望尽快处理');
    await tabTo(page, page.getByTestId('category-suggestions').getByRole('button', { name: /积水/ }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('街道（镇）', { exact: true }));
    await pick(page, '回龙观街道');
    await tabTo(page, page.getByLabel('社区（村）', { exact: true }));
    await pick(page, '龙腾苑社区');
    await tabTo(page, page.getByLabel('详细地址'));
    await page.keyboard.type('龙腾苑四区东门');
    await tabTo(page, page.getByLabel('姓名'));
    await page.keyboard.type('王秀兰');
    await tabTo(page, page.getByLabel('电话'));
    await page.keyboard.type('13800138000');
    await tabTo(page, page.getByRole('button', { name: /登记工单/ }));
    await shot(page, '04-intake');
    await page.keyboard.press('Enter');
    const saved = page.getByText(/已登记工单 \d+/).first();
    await saved.waitFor();
    // 工单号: the day it came in, then the order's sequence.
    orderId = Number(/\d{8}(\d{6})/.exec((await saved.textContent()) ?? '')?.[1]);
    expect(orderId).toBeGreaterThan(0);
    expect(unseen).toEqual([]);
    await page.context().close();
  });

  it('派单: the dispatcher sends it to the unit the catalogue suggests', async () => {
    const page = await signIn(seeded.users.admin);
    await page.goto('/requests/dispatch');
    const form = page.getByRole('form', { name: orderFormName('派单', orderId) });
    await tabTo(page, form.getByRole('button', { name: /派\s*单/ }));
    await shot(page, '05-dispatch');
    await page.keyboard.press('Enter');
    await page.getByText('已派单').first().waitFor();
    const office = await apiAs(server.url, seeded.users.admin);
    const order = await office<{ status: string; leadUnitId: number | null }>('GET', `/requests/${orderId}`);
    expect(order.status).toBe('dispatched');
    expect(order.leadUnitId).not.toBeNull();
    expect(unseen).toEqual([]);
    await page.context().close();
  });
});
