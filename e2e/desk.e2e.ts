/**
 * The 12345 desk's quality loop (issue 20.5) in Debian's Chromium against the real server on a
 * fresh database: a call answered from the knowledge base and closed as 直接答复 in one step; a
 * unit's stock-phrase reply refused by the answer rules with the reason shown, then a proper one
 * accepted; an order returned from the checker's queue (答复质检) with the note the unit then
 * reads; and the head of a unit moving all of one handler's open orders to another with a reason.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { PASSWORD, apiAs, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';
import { deskSessions, settledShot } from './desk-harness.js';
import { formatOrderNumber } from '../web/src/lib/order-number.js';

const run = promisify(execFile);
/** The unit the catalogue gives 积水 to: its head, and two of its people. */
const WATER_UNIT = '区水务局';
const HEAD = 'shuiwu';
const ZHANG = { username: 'swzhang', name: '张工' };
const LI = { username: 'swli', name: '李工' };

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let waterUnitId: number;
/** API callers for set-up and checks, each signed in once (sign-in is rate-limited). */
let admin: Api;
let supervisor: Api;
let headApi: Api;

type Api = Awaited<ReturnType<typeof apiAs>>;
interface Order {
  id: number;
  status: string;
  receivedAt: string;
  directAnswer?: { entryId: number } | null;
  checkReturn?: { note: string } | null;
}

const shot = settledShot;
/** Each user signs in once (sign-in is rate-limited); later contexts reuse the cookies. */
const signedIn = deskSessions(() => ({ browser, url: server.url, planId: seeded.planId }));

/** Picks an option of the antd Select labelled `label`, typing to narrow the list. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  // the list closes (its fade-out would leave two lists open for the next choice)
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The expanded part of a queue's row (its actions), opened if it is not. */
async function rowActions(page: Page, text: string) {
  const row = page.locator('.ant-table-row', { hasText: text }).first();
  await row.waitFor();
  const actions = page.locator('tr.ant-table-expanded-row', { hasText: text });
  if ((await actions.count()) === 0) await row.locator('.ant-table-row-expand-icon').click();
  await actions.waitFor();
  return actions;
}

async function addWaterUser(db: string, username: string, name: string) {
  await run(
    join(ROOT, 'bin/luoshi'),
    ['users', 'add', username, '--role', 'reporter', '--name', name, '--unit', WATER_UNIT].concat([
      '--password',
      PASSWORD,
      '--db',
      db,
    ]),
    { cwd: ROOT },
  );
}

/** An order about waterlogging taken in and dispatched by catalogue (to 区水务局), as the centre. */
async function dispatchedOrder(text: string, address: string): Promise<number> {
  const { id } = await admin<Order>('POST', '/requests', {
    source: 'hotline',
    text,
    category: '积水',
    location: { address, area: '城北街道' },
  });
  await admin('POST', `/requests/${id}/dispatch`, {});
  return id;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-desk-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  await addWaterUser(db, HEAD, '水务局科长');
  await addWaterUser(db, ZHANG.username, ZHANG.name);
  await addWaterUser(db, LI.username, LI.name);
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
  admin = await apiAs(server.url, seeded.users.admin);
  supervisor = await apiAs(server.url, seeded.users.supervisor);
  headApi = await apiAs(server.url, HEAD);
  const units = await admin<{ items: { id: number; name: string }[] }>('GET', '/units?limit=500');
  waterUnitId = units.items.find((u) => u.name === WATER_UNIT)!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('12345 desk: knowledge base, answer rules, checker, bulk reassignment', () => {
  it('answers a call from the knowledge base and closes it as 直接答复 in one step', async () => {
    // An entry of the heating company, written by the centre and approved by another of it.
    const units = await admin<{ items: { id: number; name: string }[] }>('GET', '/units?limit=500');
    const heating = units.items.find((u) => u.name === '昌平区热力公司')!;
    const made = await admin<{ entry: { id: number }; version: number }>('POST', '/requests/knowledge', {
      question: '供暖费怎么交',
      answer:
        '居民供暖费可在每年11月15日前通过“北京热力”微信公众号或昌平区热力公司各营业厅缴纳，逾期可在营业厅补缴。',
      category: '供暖',
      area: null,
      ownerUnitId: heating.id,
      source: '昌平区热力公司2026—2027年供暖季缴费须知',
      validFrom: '2024-01-01',
      validTo: null,
      reviewBy: '2027-06-30',
      keywords: ['供暖费', '缴费', '交费'],
    });
    await admin('POST', `/requests/knowledge/${made.entry.id}/submit`, { version: made.version });
    await supervisor('POST', `/requests/knowledge/${made.entry.id}/decision`, { approve: true });

    const { context, page } = await signedIn(seeded.users.admin);
    await page.goto('/requests/intake');
    await page.getByLabel('诉求内容').fill('市民来电咨询今年的供暖费怎么交，在哪里缴费');
    const panel = page.getByTestId('knowledge-panel');
    await panel.getByText('供暖费怎么交', { exact: true }).waitFor();
    expect(await panel.textContent()).toContain('通过“北京热力”微信公众号');
    // beside it, the categories the text suggests
    await page.getByTestId('category-suggestions').getByRole('button', { name: /供暖/ }).click();
    await choose(page, '街道（镇）', '回龙观街道');
    await choose(page, '社区（村）', '龙腾苑社区');
    await page.getByLabel('详细地址').fill('龙腾苑四区');
    await page.getByLabel('姓名').fill('赵女士');
    await page.getByLabel('电话').fill('13800138001');
    await expect.poll(() => panel.textContent()).toContain('类别相符');
    await shot(page, 'desk-01-intake-knowledge');
    await panel.getByRole('button', { name: '用“供暖费怎么交”的答复口径直接答复并办结' }).click();
    const done = page.getByText(/已直接答复并办结，工单号 \d+/).first();
    await done.waitFor();
    const id = Number(/工单号 \d{8}(\d{6})/.exec((await done.textContent()) ?? '')?.[1]);
    await shot(page, 'desk-02-answered');

    const order = await admin<Order & { publicNote: string }>('GET', `/requests/${id}`);
    expect(order.status).toBe('closed');
    expect(order.directAnswer?.entryId).toBe(made.entry.id);
    expect(order.publicNote).toContain('昌平区热力公司各营业厅缴纳');
    await context.close();
  });

  it("refuses a unit's stock-phrase reply with the rules' reasons, then accepts a proper one", async () => {
    const text = '城北街道西关路口雨后积水，井盖冒水';
    const id = await dispatchedOrder(text, '西关路口');

    const { context, page } = await signedIn(HEAD);
    await page.goto('/requests/unit');
    let actions = await rowActions(page, text);
    await actions.getByRole('button', { name: /签\s*收/ }).click();
    await page.getByText('已签收').first().waitFor();
    await page.getByRole('tab', { name: /办理中/ }).click();
    actions = await rowActions(page, text);
    await actions.getByRole('button', { name: '办结反馈' }).click();
    const answer = actions.getByRole('form', { name: '办结反馈' });
    await answer.getByLabel('办理结果（给热线和市民）').fill('已转相关部门');
    await answer.getByRole('button', { name: /提\s*交/ }).click();
    const refused = page.getByText(/答复未通过质检规则/).first();
    await refused.waitFor();
    const reasons = (await refused.textContent()) ?? '';
    expect(reasons).toContain('答复过于简短，未说明办理情况');
    expect(reasons).toContain('答复只有套话，没有说明采取的措施');
    await refused.scrollIntoViewIfNeeded();
    await shot(page, 'desk-03-reply-refused', false);
    expect((await admin<Order>('GET', `/requests/${id}`)).status).toBe('signed');

    await answer
      .getByLabel('办理结果（给热线和市民）')
      .fill('12月7日上午已组织排水所清掏西关路口雨水口两处，路口积水已全部排除，雨天安排专人值守。');
    await answer.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已反馈').first().waitFor();
    expect((await admin<Order>('GET', `/requests/${id}`)).status).toBe('replied');
    await context.close();
  });

  it("returns an order from the checker's queue with a note the unit then reads", async () => {
    const text = '城北街道南环里下凹处每逢大雨积水';
    const note = '答复未说明下凹处积水的根本原因，请补充排水管线改造计划和完成时限';
    const id = await dispatchedOrder(text, '南环里');
    await headApi('POST', `/requests/${id}/events`, { type: 'signed', unitId: waterUnitId });
    await headApi('POST', `/requests/${id}/events`, {
      type: 'replied',
      unitId: waterUnitId,
      text: '12月7日上午已派抽水车到南环里下凹处抽排积水，现场积水已排除，后续雨天安排专人巡查。',
      publicNote: '已派抽水车到南环里下凹处抽排积水，后续雨天安排专人巡查。',
    });
    // the citizen, called back, is not satisfied: the order goes to the checker
    await admin('POST', `/requests/${id}/events`, {
      type: 'followed_up',
      reached: true,
      contacted: true,
      resolved: true,
      satisfaction: '不满意',
    });

    // The checker names the order by its 工单号 (day and sequence), as the hotline does.
    const no = formatOrderNumber(id, (await admin<Order>('GET', `/requests/${id}`)).receivedAt);
    const { context, page } = await signedIn(seeded.users.admin);
    await page.goto('/requests/checks');
    const row = page.locator('.ant-table-row', { hasText: `工单 ${no}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('回访不满意');
    expect(await row.textContent()).toContain('已派抽水车到南环里下凹处');
    await row.getByRole('button', { name: `工单 ${no} 质检不合格，退回承办单位` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.getByText('不合格须写明质检意见').waitFor();
    await dialog.getByLabel('质检意见').fill(note);
    await shot(page, 'desk-04-check-return', false);
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByText(`工单 ${no} 已退回承办单位`).first().waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await context.close();

    const unit = await signedIn(HEAD);
    await unit.page.goto('/requests/unit');
    await unit.page.getByRole('tab', { name: /办理中/ }).click();
    const actions = await rowActions(unit.page, text);
    await actions.getByText(`质检退回：${note}`).waitFor();
    await shot(unit.page, 'desk-05-unit-check-note', false);
    const order = await admin<Order>('GET', `/requests/${id}`);
    expect(order.status).toBe('signed');
    expect(order.checkReturn?.note).toBe(note);
    await unit.context.close();
  });

  it("lets the unit's head give all of one handler's open orders to another, with a reason", async () => {
    const members = await admin<{ items: { userId: number; name: string }[] }>(
      'GET',
      `/units/${waterUnitId}/members`,
    );
    const idOf = (name: string) => members.items.find((m) => m.name === name)!.userId;
    const head = members.items.find((m) => m.name === '水务局科长')!.userId;
    await admin('PUT', `/units/${waterUnitId}/heads`, { userIds: [head] });
    const texts = ['城北街道东关小区地库入口积水', '城北街道北环路涵洞积水'];
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      const id = await dispatchedOrder(text, i === 0 ? '东关小区' : '北环路涵洞');
      await headApi('POST', `/units/${waterUnitId}/handlers`, {
        kind: 'order',
        itemId: id,
        handlerId: idOf(ZHANG.name),
      });
      ids.push(id);
    }

    const { context, page } = await signedIn(HEAD);
    await page.goto('/requests/my-work');
    const section = page.getByRole('region', { name: `本单位工作量：${WATER_UNIT}` });
    const zhangRow = section.locator('.ant-table-row', { hasText: ZHANG.name });
    await zhangRow.waitFor();
    expect((await zhangRow.locator('td').nth(1).textContent())?.trim()).toBe('2');
    await section.getByRole('button', { name: '转交全部在办事项' }).click();
    await section.getByText('请选择转出人、接收人并填写理由').waitFor();
    await choose(page, '转出人', ZHANG.name);
    await choose(page, '接收人', LI.name);
    await section.getByLabel('转交理由').fill('张工休假一周，在办工单由李工接手');
    await shot(page, 'desk-06-bulk-reassign');
    await section.getByRole('button', { name: '转交全部在办事项' }).click();
    await page.getByText('已转交 2 项').first().waitFor();
    const liRow = section.locator('.ant-table-row', { hasText: LI.name });
    await expect.poll(async () => (await liRow.locator('td').nth(1).textContent())?.trim()).toBe('2');
    const workload = await admin<{ items: { kind: string; id: number; handlerId: number | null }[] }>(
      'GET',
      `/units/${waterUnitId}/workload`,
    );
    for (const id of ids) {
      expect(workload.items.find((item) => item.kind === 'order' && item.id === id)?.handlerId).toBe(
        idOf(LI.name),
      );
    }
    await context.close();
  });
});
