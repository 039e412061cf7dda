/**
 * The web app in Debian's Chromium against the real server: sign-in, the dashboard (and how fast
 * it becomes interactive), the report view, the plan and the projects. The public portal, import
 * and publish, and the bundle are in app-public.e2e.ts; the setup is app-harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { DESKTOP } from './playwright.config.js';
import { PASSWORD } from './seed.js';
import { browser, figures, seeded, server, shot, signIn, signedInPage, useApp } from './app-harness.js';

/**
 * Issue 5's target is the dashboard interactive within 1.5 s on localhost. The figure is
 * measured here and recorded (artifacts/e2e-figures.json, docs/BENCHMARKS.md), not asserted: a
 * shared 2-core machine swings it with the load. The bound, four times the target, fails only a
 * broken first load (a chunk not split, a request waterfall).
 */
const DASHBOARD_BOUND_MS = 4 * 1500;

useApp();

describe('sign-in', () => {
  it('sends a visitor to sign-in, refuses a wrong password with a readable message, then goes where they were headed', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    await page.goto(`/plans/${seeded.planId}/plan`);
    await page.waitForURL(/\/sign-in\?next=/);
    await shot(page, '01-sign-in');
    await signIn(page, seeded.users.admin, 'wrong-password');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('用户名或密码不正确');
    expect(await page.locator('body').textContent()).not.toContain('"error"');
    await shot(page, '02-sign-in-error');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`**/plans/${seeded.planId}/plan`);
    await context.close();
  });
});

describe('dashboard', () => {
  it('shows the headline targets and counts, and becomes interactive quickly', async () => {
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      // A fresh context each time: an empty cache, like a first visit.
      const { context, page } = await signedInPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __ready?: number };
        const check = () => {
          if (w.__ready === undefined && document.querySelector('[data-testid="headline-targets"] a')) {
            w.__ready = performance.now();
          }
        };
        new MutationObserver(check).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`/plans/${seeded.planId}`);
      await page.locator('[data-testid="headline-targets"] a').first().waitFor();
      times.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
      if (run === 0) {
        await expect
          .poll(() => page.locator('[data-testid="headline-targets"] a').count())
          .toBeGreaterThan(3);
        const body = await page.locator('main').textContent();
        expect(body).toContain('主要预期目标');
        expect(body).toContain(String(seeded.counts.tasks));
        await shot(page, '03-dashboard', true);
        // every figure clicks through: a headline target opens its detail page
        await page.locator('[data-testid="headline-targets"] a').first().click();
        await page.waitForURL(/\/targets\/\d+$/);
        await page.getByText('原文上下文').waitFor();
        await shot(page, '04-target-detail');
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    figures.dashboardInteractiveMs = {
      best: Math.round(times[0]!),
      median: Math.round(times[1]!),
      runs: times.map(Math.round),
    };
    expect(times[0]).toBeLessThanOrEqual(DASHBOARD_BOUND_MS);
  });

  it('switches to English, with numbers and units in English', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`/plans/${seeded.planId}`);
    await page.locator('[data-testid="headline-targets"] a').first().waitFor();
    await page.getByRole('button', { name: '语言' }).hover();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Headline targets').waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toMatch(/about \d/);
    await shot(page, '05-dashboard-en', true);
    expect(await page.evaluate(() => localStorage.getItem('luoshi.lang'))).toBe('en');
    await context.close();
  });
});

describe('report view', () => {
  it('highlights every extracted item in the text and opens one in a drawer', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`/plans/${seeded.planId}/report`);
    const count = (kind: string) =>
      page.evaluate(
        (k) =>
          new Set(
            [...document.querySelectorAll(`mark[data-kind="${k}"]`)].map((m) => m.getAttribute('data-key')),
          ).size,
        kind,
      );
    // every item has its mark once all lists have loaded
    await expect.poll(() => count('task'), { timeout: 30_000 }).toBe(seeded.counts.tasks);
    expect(await count('target')).toBe(seeded.counts.targets);
    expect(await count('project')).toBe(seeded.counts.projects);
    expect(await count('achievement')).toBeGreaterThan(0);
    await shot(page, '06-report');
    const target = page.locator('mark[data-kind="target"][role="button"]').first();
    const quote = await target.getAttribute('aria-label');
    await target.click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.waitFor();
    // A mark's name starts with its kind (目标：…); the drawer shows the quote itself.
    expect(await drawer.textContent()).toContain(quote!.replace(/^[^：]+：/, ''));
    await shot(page, '07-report-drawer');
    await context.close();
  });
});

describe('plan', () => {
  async function openPlan(page: Page) {
    await page.goto(`/plans/${seeded.planId}/plan`);
    await page.locator('.ant-table-row').first().waitFor();
  }
  async function taskIdOfRow(page: Page, index: number): Promise<number> {
    const href = await page
      .locator('.ant-table-row')
      .nth(index)
      .locator('a[href*="/tasks/"]')
      .getAttribute('href');
    return Number(href!.split('/').pop());
  }
  async function selectRow(page: Page, index: number) {
    await page.locator('.ant-table-row').nth(index).locator('.ant-checkbox-input').check();
  }
  async function chooseLeadUnit(page: Page, name: string) {
    await page.getByLabel('牵头单位').click();
    // A jurisdiction has dozens of units: type to narrow the list, as a clerk does (the list is virtual).
    await page.keyboard.type(name);
    await page.locator('.ant-select-dropdown').getByTitle(name).click();
  }
  async function apiTask(page: Page, id: number) {
    return page.evaluate(
      async ([planId, taskId]) => (await fetch(`/api/v1/plans/${planId}/tasks/${taskId}`)).json(),
      [seeded.planId, id] as const,
    );
  }

  /** Saves a task as another user would: through the API, with the version just read. */
  async function patchTask(page: Page, id: number, patch: Record<string, unknown>): Promise<number> {
    return page.evaluate(
      async ([planId, taskId, body]) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
        const task = (await (await fetch(`/api/v1/plans/${planId}/tasks/${taskId}`)).json()) as {
          version: number;
        };
        const answer = await fetch(`/api/v1/plans/${planId}/tasks/${taskId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ ...body, version: task.version }),
        });
        return answer.status;
      },
      [seeded.planId, id, patch] as const,
    );
  }

  it('filters by section and assigns a lead unit and leader to several tasks at once', async () => {
    const { context, page } = await signedInPage();
    await openPlan(page);
    await shot(page, '08-plan');
    const all = await page.locator('.ant-tabs-tab-active').textContent();
    await page.locator('.ant-tree-treenode').nth(2).locator('.ant-tree-node-content-wrapper').click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('section=');
    await expect
      .poll(() => page.locator('.ant-tabs-tab-active').textContent(), { timeout: 20_000 })
      .not.toBe(all);
    await page.getByRole('button', { name: '全部章节' }).click();

    const ids = [await taskIdOfRow(page, 0), await taskIdOfRow(page, 1)];
    await selectRow(page, 0);
    await selectRow(page, 1);
    await page
      .getByRole('button', { name: /批量分配（2）/ })
      .first()
      .click();
    await chooseLeadUnit(page, '区发展和改革委员会');
    await page.getByLabel('责任领导').fill('张副区长');
    await shot(page, '09-plan-assign');
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /批量分配/ })
      .click();
    await page.getByText('已分配 2 项').waitFor();
    for (const id of ids) {
      const task = (await apiTask(page, id)) as { leadUnitId: number | null; leader: string | null };
      expect(task.leader).toBe('张副区长');
      expect(task.leadUnitId).not.toBeNull();
    }
    await context.close();
  });

  it('says someone else changed a task (409) instead of overwriting it', async () => {
    const { context, page } = await signedInPage();
    await openPlan(page);
    const id = await taskIdOfRow(page, 3);
    // Someone else saves the task after this page read it.
    const status = await page.evaluate(
      async ([planId, taskId]) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
        const task = (await (await fetch(`/api/v1/plans/${planId}/tasks/${taskId}`)).json()) as {
          version: number;
        };
        const answer = await fetch(`/api/v1/plans/${planId}/tasks/${taskId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ leader: '别人', version: task.version }),
        });
        return answer.status;
      },
      [seeded.planId, id] as const,
    );
    expect(status).toBe(200);
    await selectRow(page, 3);
    await page
      .getByRole('button', { name: /批量分配（1）/ })
      .first()
      .click();
    await page.getByLabel('责任领导').fill('我');
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /批量分配/ })
      .click();
    await page.getByText('其他人刚刚修改了其中 1 项').waitFor();
    await page.waitForTimeout(500); // let the dialog finish its opening animation for the screenshot
    await shot(page, '10-plan-conflict');
    expect(((await apiTask(page, id)) as { leader: string }).leader).toBe('别人');
    await context.close();
  });

  it('asks to sign in again when the session ends, keeping what was typed', async () => {
    const { context, page } = await signedInPage();
    await openPlan(page);
    const id = await taskIdOfRow(page, 5);
    await selectRow(page, 5);
    await page
      .getByRole('button', { name: /批量分配（1）/ })
      .first()
      .click();
    await page.getByLabel('责任领导').fill('王五');
    await context.clearCookies();
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /批量分配/ })
      .click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登录已过期' });
    await dialog.waitFor();
    await shot(page, '11-session-expired');
    await dialog.getByLabel('密码').fill(PASSWORD);
    await dialog.getByRole('button', { name: /登\s*录/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('责任领导').inputValue()).toBe('王五');
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /批量分配/ })
      .click();
    await page.getByText('已分配 1 项').waitFor();
    expect(((await apiTask(page, id)) as { leader: string }).leader).toBe('王五');
    await context.close();
  });

  it('shows a task and a project with the source sentence in context', async () => {
    const { context, page } = await signedInPage();
    await openPlan(page);
    const id = await taskIdOfRow(page, 7);
    expect(await patchTask(page, id, { leader: '李四', deadline: '2022-12-31' })).toBe(200);
    await page.goto(`/plans/${seeded.planId}/tasks/${id}`);
    await page.locator('.lx-source-mark').waitFor();
    const owners = await page.locator('main').textContent();
    expect(owners).toContain('李四');
    expect(owners).toContain('2022年12月31日');
    await shot(page, '12-task-detail');
    // "show in the report" opens the report with this task chosen
    await page.getByRole('link', { name: '在报告中查看' }).click();
    await page.waitForURL(new RegExp(`/report\\?focus=task:${id}$`));
    await page.locator('.ant-drawer-body').waitFor();
    expect(await page.locator(`mark[data-key="task:${id}"].lx-mark-selected`).count()).toBeGreaterThan(0);
    await page.goto(`/plans/${seeded.planId}/projects/1`);
    await page.locator('.lx-source-mark').waitFor();
    await page.locator('.ant-steps').waitFor();
    await shot(page, '13-project-detail');
    await context.close();
  });

  it('offers bulk assignment only to roles that may assign', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    await page.goto(`/plans/${seeded.planId}/plan`);
    await page.waitForURL(/\/sign-in/);
    await signIn(page, seeded.users.reporter, PASSWORD);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: /批量分配/ }).count()).toBe(0);
    await context.close();
  });

  it('says so for an id that does not exist', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`/plans/${seeded.planId}/tasks/999999`);
    await page.getByText('页面不存在').waitFor();
    await shot(page, '14-not-found');
    await page.goto('/no/such/page');
    await page.getByText('页面不存在').waitFor();
    await context.close();
  });
});

describe('projects', () => {
  it('draws each stage reached against promised, and each list', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`/plans/${seeded.planId}/projects`);
    const chart = page.locator('[role="img"]:has(canvas)');
    await chart.waitFor();
    const label = await chart.getAttribute('aria-label');
    expect(label).toMatch(/签约 \d+\/\d+/);
    expect(await page.locator('.ant-card-small').count()).toBeGreaterThan(3);
    await shot(page, '15-projects');
    await context.close();
  });
});
