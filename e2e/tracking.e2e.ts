/**
 * Tracking in the browser (issue 4 + 5): a unit reports its period in one form (with evidence,
 * checked as it types), the supervisor returns it with a reason, the unit corrects and resends,
 * the supervisor approves; the dashboard's health changes; notices, extensions and the admin
 * page. Real server, fresh database, Debian's Chromium; a screenshot of every new page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browser, seeded, server, shot as harnessShot, useApp } from './app-harness.js';
import { DESKTOP } from './playwright.config.js';
import { apiAs, PASSWORD, readToday } from './seed.js';

let task: { id: number; text: string };
let target: { id: number; metric: string; unit: string };
let unit: { id: number; name: string };

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);

const shot = (page: Page, name: string) => harnessShot(page, name, true);

/** Each account signs in once (sign-in is rate limited); later pages reuse its cookies. */
const states = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

async function pageAs(username: string): Promise<Page> {
  const saved = states.get(username);
  const context = await browser.newContext({
    viewport: DESKTOP,
    baseURL: server.url,
    ...(saved ? { storageState: saved } : {}),
  });
  // The story does today's work on the 2022 plan: it reads the plan as of today.
  await readToday(context, seeded.planId);
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

useApp();

beforeAll(async () => {
  // The office assigns one task and one target to 区发展改革委, the reporter's unit.
  const supervisor = await apiAs(server.url, seeded.users.supervisor);
  const units = await supervisor<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  // The reporter was added to 区发展改革委: the jurisdiction's unit of that short name.
  unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const plan = `/plans/${seeded.planId}`;
  const tasks = await supervisor<{ items: { id: number; text: string; version: number }[] }>(
    'GET',
    `${plan}/tasks?limit=5`,
  );
  const firstTask = tasks.items[0]!;
  await supervisor('PATCH', `${plan}/tasks/${firstTask.id}`, {
    leadUnitId: unit.id,
    deadline: '2022-12-31',
    version: firstTask.version,
  });
  task = firstTask;
  const targets = await supervisor<{
    items: { id: number; metric: string; unit: string; version: number; taskId: number | null }[];
  }>('GET', `${plan}/targets?limit=20`);
  const firstTarget = targets.items.find((x) => x.unit !== '')!;
  await supervisor('PATCH', `${plan}/targets/${firstTarget.id}`, {
    leadUnitId: unit.id,
    version: firstTarget.version,
  });
  target = firstTarget;
});

describe('a period reported, returned, corrected and approved', () => {
  it('the unit sees what it owes and reports everything in one form, checked as it types', async () => {
    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    const form = page.getByTestId(`todo-unit-${unit.id}`);
    await form.waitFor();
    await form.getByText(task.text.slice(0, 12)).first().waitFor();
    const percent = page.locator(`[id="task.${task.id}.progress"]`);
    await percent.fill('150');
    await page.getByText('完成进度须在 0 到 100 之间').waitFor();
    await percent.fill('abc');
    await page.getByText('请输入数字').waitFor();
    await percent.fill('40');
    await page.locator(`[id="task.${task.id}.state"]`).click();
    await page.getByTitle('推进中').last().click();
    await page.locator(`[id="task.${task.id}.note"]`).fill('已完成方案编制，进入实施');
    await page.getByRole('button', { name: /提交本期报送/ }).click();
    await page.getByText('请填写累计完成值').waitFor();
    await page.locator(`[id="target.${target.id}.value"]`).fill('1');
    await page
      .getByTestId('evidence')
      .locator('input[type=file]')
      .setInputFiles({ name: '台账.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('台账.pdf').waitFor();
    await shot(page, 'tracking-01-todo');
    await page.getByRole('button', { name: /提交本期报送/ }).click();
    await page.getByText('已提交，等待督查室审核').first().waitFor();
    await page.context().close();
  });

  it('the supervisor returns it with a reason; the unit reads the reason and resends', async () => {
    const supervisor = await pageAs(seeded.users.supervisor);
    await supervisor.goto('/supervision');
    const row = supervisor.getByRole('row', { name: new RegExp(unit.name) });
    await row.waitFor();
    await shot(supervisor, 'tracking-02-supervision');
    await row.getByRole('button', { name: /退\s*回/ }).click();
    await supervisor
      .getByRole('button', { name: /退\s*回/ })
      .last()
      .click();
    await supervisor.getByText('请填写理由').waitFor();
    await supervisor.getByLabel('退回理由').fill('<b>指标口径有误</b>，请按统计局口径填报');
    await supervisor
      .getByRole('dialog')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await supervisor.getByText('已退回').first().waitFor();
    await supervisor.context().close();

    const page = await pageAs(seeded.users.reporter);
    await page.goto('/todo');
    const reason = page.getByTestId('return-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toContain('<b>指标口径有误</b>');
    // Carried over from the returned report, not typed again.
    expect(await page.locator(`[id="task.${task.id}.progress"]`).inputValue()).toBe('40');
    await shot(page, 'tracking-03-todo-returned');
    await page.locator(`[id="task.${task.id}.progress"]`).fill('45');
    await page.getByRole('button', { name: /提交本期报送/ }).click();
    await page.getByText('已提交，等待督查室审核').first().waitFor();
    await page.context().close();
  });

  it('the supervisor approves; the task counts 45% and its health is computed', async () => {
    const supervisor = await pageAs(seeded.users.supervisor);
    await supervisor.goto('/supervision');
    const row = supervisor.getByRole('row', { name: new RegExp(unit.name) });
    await row.getByRole('button', { name: /通\s*过/ }).click();
    await supervisor.getByText('已通过').first().waitFor();
    const health = (await (
      await fetch(`${server.url}/api/v1/plans/${seeded.planId}/health/items?type=task`)
    ).json()) as { items: { id: number; health: string; actual: number | null }[] };
    const mine = health.items.find((i) => i.id === task.id)!;
    expect(mine.actual).toBe(45);
    expect(mine.health).not.toBe('no_data');
    await supervisor.context().close();
  });
});

describe('supervision', () => {
  it('issues a 督办单 that the unit answers and the supervisor closes', async () => {
    const supervisor = await pageAs(seeded.users.supervisor);
    await supervisor.goto('/supervision');
    await supervisor.getByRole('button', { name: '下发督办单' }).click();
    const dialog = supervisor.getByRole('dialog');
    await dialog.getByRole('button', { name: /下发督办单/ }).click();
    await dialog.getByText('请选择督办事项').waitFor();
    await dialog.getByText('请填写督办内容').waitFor();
    await supervisor.locator('#notice-subject').fill(task.text.slice(0, 8));
    await supervisor.keyboard.press('Enter');
    await supervisor.locator('#notice-content').fill('请加快推进，月底前报送整改方案');
    await supervisor.locator('#notice-due').click();
    await supervisor.locator('#notice-due').fill('2099-01-31');
    await supervisor.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /下发督办单/ }).click();
    await supervisor.getByText('督办单已下发').waitFor();
    await supervisor.getByRole('tab', { name: /督办单/ }).click();
    await supervisor.getByText('请加快推进，月底前报送整改方案').waitFor();
    await shot(supervisor, 'tracking-04-supervision-notices');

    const reporter = await pageAs(seeded.users.reporter);
    await reporter.goto('/todo');
    await reporter.getByText('请加快推进，月底前报送整改方案').waitFor();
    // the unit reads which task the notice is about, not only its own name
    const subject = (await reporter.getByTestId('notice-subject').first().textContent()) ?? '';
    expect(subject.length).toBeGreaterThan(4);
    expect(task.text.startsWith(subject.replace(/…$/, ''))).toBe(true);
    await reporter.getByRole('button', { name: /回\s*复/ }).click();
    await reporter.locator('#action-text').fill('已制定整改方案，正在实施');
    await reporter
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await reporter.getByText('已回复').first().waitFor();
    await reporter.context().close();

    await supervisor.reload();
    await supervisor.getByRole('tab', { name: /督办单/ }).click();
    await supervisor.getByText('已制定整改方案，正在实施').waitFor();
    await supervisor
      .getByRole('button', { name: /办\s*结/ })
      .first()
      .click();
    await supervisor
      .getByRole('dialog')
      .getByRole('button', { name: /办\s*结/ })
      .click();
    await supervisor.getByText('已处理').first().waitFor();
    await supervisor.context().close();
  });
});

describe('health everywhere', () => {
  it('the dashboard shows the plan’s health, chapters, lagging items and units, each explained', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto(`/plans/${seeded.planId}`);
    await page.getByTestId('plan-health').waitFor();
    // The approved 45% of a task due 2022-12-31 is behind: it is counted and listed.
    await page.getByTestId('count-tasks-behind').waitFor();
    const behind = (await page.getByTestId('count-tasks-behind').textContent()) ?? '';
    expect(Number(behind.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('lagging-items').waitFor();
    await page.getByTestId('unit-ranking').getByText(unit.name).first().waitFor();
    await page.getByTestId('chapter-health').waitFor();
    await shot(page, 'tracking-05-dashboard-health');
    await page.getByRole('button', { name: '计算说明' }).click();
    await page.getByTestId('explain').getByText('算式').first().waitFor();
    await shot(page, 'tracking-06-dashboard-explain');
    await page.context().close();
  });

  it('a task’s page shows its health, figures against expected, evidence, thread and history', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto(`/plans/${seeded.planId}/tasks/${task.id}`);
    await page.getByTestId('item-health').getByText('滞后').waitFor();
    await page.getByText('台账.pdf').first().waitFor();
    await page.getByText('请加快推进，月底前报送整改方案').first().waitFor();
    await page.getByTestId('history').locator('[data-path="leadUnitId"]').first().waitFor();
    await shot(page, 'tracking-07-task-detail-tracking');
    await page.goto(`/plans/${seeded.planId}/plan?tab=tasks&unit=${unit.id}`);
    await page
      .getByRole('row', { name: new RegExp(task.text.slice(0, 8)) })
      .getByText('滞后')
      .waitFor();
    await shot(page, 'tracking-08-plan-health-tags');
    await page.context().close();
  });

  it('an approved extension is the deadline shown on the task', async () => {
    const reporter = await pageAs(seeded.users.reporter);
    await reporter.goto('/todo');
    await reporter.getByTestId(`task-line-${task.id}`).getByRole('button', { name: '申请延期' }).click();
    const dialog = reporter.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('请选择日期').waitFor();
    await reporter.locator('#action-text').fill('征地手续未完成');
    // Past the plan's 30-day threshold from the original: the public 偏差说明 is required (issue 19).
    await reporter.locator('#action-note').fill('征地手续晚于预期，主体工程顺延，年度投资计划相应调整。');
    await reporter.locator('#action-date').click();
    await reporter.locator('#action-date').fill('2099-06-30');
    await reporter.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await reporter.getByText('已提交申请').waitFor();
    await reporter.context().close();

    const supervisor = await pageAs(seeded.users.supervisor);
    await supervisor.goto('/supervision');
    await supervisor.getByRole('tab', { name: /延期申请/ }).click();
    await supervisor.getByText('征地手续未完成').waitFor();
    await shot(supervisor, 'tracking-09-supervision-extensions');
    await supervisor.getByRole('tabpanel').getByRole('button', { name: '批准延期' }).first().click();
    await supervisor.getByRole('dialog').getByRole('button', { name: '批准延期' }).click();
    await supervisor.getByText('已批准延期').first().waitFor();
    await supervisor.goto(`/plans/${seeded.planId}/tasks/${task.id}`);
    const deadline = supervisor.getByTestId('deadline-in-force');
    await deadline.getByText(/2099/).first().waitFor();
    expect(await deadline.textContent()).toContain('已延期至');
    await supervisor.context().close();
  });

  it('the public finds the reported target with its health and downloads the open data', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    await page.goto(`/public/${seeded.planId}`);
    await page.getByLabel('搜索承诺、单位或原文').fill(target.metric);

    // The public reads a past plan as it stood at its year's end (issue 14.9): the health then.
    const { plan } = (await (await fetch(`${server.url}/api/v1/plans/${seeded.planId}`)).json()) as {
      plan: { year: number };
    };
    const asOf = `${plan.year}-12-31`;
    const health = (await (
      await fetch(`${server.url}/api/v1/plans/${seeded.planId}/health/items?type=target&date=${asOf}`)
    ).json()) as { items: { id: number; health: string; label: string }[] };
    const mine = health.items.find((i) => i.id === target.id)!;
    expect(mine.health).not.toBe('no_data');
    const words: Record<string, string> = {
      on_track: '正常',
      at_risk: '预警',
      behind: '滞后',
      done: '已完成',
    };
    // The target's own entry (tasks quoting the metric show their state instead) shows its health.
    await page
      .locator('.ant-list-item', { hasText: target.metric })
      .filter({ hasText: words[mine.health]! })
      .first()
      .waitFor();
    const json = page.getByTestId('open-data').getByRole('link', { name: 'JSON' });
    const href = await json.getAttribute('href');
    const answer = await fetch(`${server.url}${href}`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { plan: { id: number } }).plan.id).toBe(seeded.planId);
    await shot(page, 'tracking-10-public-health');
    await context.close();
  });
});

describe('documents and admin', () => {
  it('downloads the ledger and checks it back in: a dry run with no changes', async () => {
    const page = await pageAs(seeded.users.supervisor);
    await page.goto(`/plans/${seeded.planId}/plan`);
    await page.getByRole('button', { name: '下载与导入' }).click();
    const panel = page.getByTestId('downloads');
    await panel.waitFor();
    const href = await panel.getByRole('link', { name: /单表/ }).getAttribute('href');
    const ledger = await page.request.get(href!);
    expect(ledger.status()).toBe(200);
    expect(ledger.headers()['content-type']).toContain('spreadsheetml');
    await page.locator('[data-testid=downloads] input[type=file]').setInputFiles({
      name: 'ledger.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await ledger.body(),
    });
    await panel.getByRole('button', { name: /检查/ }).click();
    await panel.getByText('没有修改').first().waitFor();
    await shot(page, 'tracking-11-downloads');
    await page.context().close();
  });

  it('admin: users, roles and units; reporting cycle and thresholds checked as typed', async () => {
    const page = await pageAs(seeded.users.admin);
    await page.goto('/admin');
    await page.getByTestId('users-table').getByText(seeded.users.reporter).waitFor();
    await page.locator('#new-username').fill('x');
    await page.getByText('用户名为 2 到 64 个字符').waitFor();
    await page.locator('#new-username').fill('shiju');
    await page.locator('#new-display').fill('市局填报员');
    await page.locator('#new-password').fill('short');
    await page.getByText('密码至少 8 位').waitFor();
    await page.locator('#new-password').fill('long-enough-pass');
    await page.locator('#new-role').click();
    await page.getByTitle('领导').last().click();
    await page.getByRole('button', { name: '新建用户' }).last().click();
    await page.getByTestId('users-table').getByText('shiju').waitFor();
    await shot(page, 'tracking-12-admin-users');
    await page.getByRole('tab', { name: /报送周期/ }).click();
    await page.locator('#set-due').fill('40');
    await page.getByText('须在 1 到 28 之间').waitFor();
    await page.locator('#set-due').fill('10');
    await page.locator('#set-behind').fill('0.95');
    await page.getByText('滞后线须低于预警线').waitFor();
    await page.locator('#set-behind').fill('0.6');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存').waitFor();
    await shot(page, 'tracking-13-admin-tracking');
    await page.context().close();
  });
});
