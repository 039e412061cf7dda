/**
 * Console accessibility per role (issue 20.4): each demo role signs in and opens its main
 * pages in Debian's Chromium; axe (WCAG 2.1 A/AA, colour contrast included: a real browser's
 * layout) runs on every console page of the router the role opens, and any violation fails
 * the role's test with the page, the rule and the elements. A screenshot of every page goes to
 * artifacts/screenshots/a11y-<role>-<page>.png; the counts to artifacts/a11y-figures.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DESKTOP, ROOT, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

type DemoRole = keyof Seeded['users'];

/** The ids the detail pages open: the plan's first task, target and project, an order, a library project, a 批示件. */
interface Ids {
  planId: number;
  taskId: number;
  targetId: number;
  projectId: number;
  orderId: number;
  libraryProjectId: number;
  instructionId: number;
}

const EVERYONE: readonly DemoRole[] = ['admin', 'supervisor', 'reporter', 'leader'];
const OFFICE: readonly DemoRole[] = ['admin', 'supervisor'];

/**
 * Every console page of the web app's router (web/src/app.tsx), with the roles whose menu or
 * work reaches it; each role opens each of its pages. The public pages (/public…, /wall) are
 * checked by app-public.e2e.ts.
 */
function consolePages(ids: Ids): { name: string; path: string; roles: readonly DemoRole[] }[] {
  const plan = `/plans/${ids.planId}`;
  return [
    { name: 'home', path: '/', roles: EVERYONE },
    { name: 'dashboard', path: plan, roles: EVERYONE },
    { name: 'cockpit', path: `${plan}/cockpit`, roles: ['admin', 'supervisor', 'leader'] },
    { name: 'report', path: `${plan}/report`, roles: ['admin', 'supervisor', 'leader'] },
    { name: 'plan', path: `${plan}/plan`, roles: EVERYONE },
    { name: 'projects', path: `${plan}/projects`, roles: EVERYONE },
    { name: 'task', path: `${plan}/tasks/${ids.taskId}`, roles: EVERYONE },
    { name: 'target', path: `${plan}/targets/${ids.targetId}`, roles: EVERYONE },
    { name: 'project', path: `${plan}/projects/${ids.projectId}`, roles: EVERYONE },
    { name: 'comments', path: `${plan}/comments`, roles: ['admin', 'supervisor', 'reporter'] },
    { name: 'library-matches', path: `${plan}/library-matches`, roles: OFFICE },
    { name: 'import', path: '/import', roles: OFFICE },
    { name: 'intake', path: '/requests/intake', roles: OFFICE },
    { name: 'dispatch', path: '/requests/dispatch', roles: OFFICE },
    { name: 'unit-queue', path: '/requests/unit', roles: ['reporter'] },
    { name: 'follow-up', path: '/requests/follow-up', roles: OFFICE },
    { name: 'order', path: `/requests/orders/${ids.orderId}`, roles: ['admin', 'supervisor', 'leader'] },
    { name: 'rankings', path: '/requests/rankings', roles: EVERYONE },
    { name: 'hotspots', path: '/requests/hotspots', roles: ['admin', 'supervisor', 'leader'] },
    { name: 'requests-admin', path: '/requests/admin', roles: OFFICE },
    { name: 'checks', path: '/requests/checks', roles: OFFICE },
    { name: 'my-work', path: '/requests/my-work', roles: ['reporter'] },
    { name: 'knowledge', path: '/requests/knowledge', roles: ['admin', 'supervisor', 'reporter'] },
    { name: 'upkeep', path: '/requests/knowledge/upkeep', roles: ['admin', 'supervisor', 'reporter'] },
    { name: 'todo', path: '/todo', roles: ['admin', 'supervisor', 'reporter'] },
    { name: 'library', path: '/library', roles: EVERYONE },
    { name: 'library-project', path: `/library/projects/${ids.libraryProjectId}`, roles: EVERYONE },
    { name: 'library-new', path: '/library/new', roles: OFFICE },
    { name: 'library-edit', path: `/library/projects/${ids.libraryProjectId}/edit`, roles: OFFICE },
    { name: 'library-boundary', path: '/library/boundary', roles: OFFICE },
    { name: 'services', path: '/services', roles: EVERYONE },
    { name: 'supervision', path: '/supervision', roles: ['admin', 'supervisor', 'leader'] },
    { name: 'work', path: '/work', roles: EVERYONE },
    { name: 'work-item', path: `/work/instruction/${ids.instructionId}`, roles: EVERYONE },
    { name: 'work-proposals', path: '/work/proposals', roles: OFFICE },
    { name: 'work-unit-notify', path: '/work/unit-notify', roles: OFFICE },
    { name: 'work-deliveries', path: '/work/deliveries', roles: ['admin'] },
    { name: 'bulletins', path: '/bulletins', roles: EVERYONE },
    { name: 'follows', path: '/follows', roles: EVERYONE },
    { name: 'admin', path: '/admin', roles: ['admin'] },
    { name: 'tokens', path: '/tokens', roles: ['admin'] },
    { name: 'not-found', path: '/no-such-page', roles: ['reporter'] },
  ];
}

/** What the detail pages open, made through the API as the office makes it. */
async function setUp(seeded: Seeded): Promise<Ids> {
  const office = await apiAs(server.url, seeded.users.admin);
  const plan = `/plans/${seeded.planId}`;
  const first = async (path: string) => (await office<{ items: { id: number }[] }>('GET', path)).items[0]!.id;
  const units = await office<{ items: { id: number; name: string }[] }>('GET', '/units?limit=200');
  const unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  const library = await office<{ id: number }>('POST', '/library/projects', {
    name: '示例生命科学园三期',
    library: 'major',
    class: 'A',
    stage: '入库',
    stageDate: '2022-03-01',
    totalInvestment: 120_000,
    leadUnitId: unit.id,
    location: { lng: 116.25, lat: 40.25 },
  });
  const order = await office<{ id: number }>('POST', '/requests', {
    source: 'hotline',
    text: '下雨后小区门口积水很深，老人孩子出行困难',
    category: '积水',
    location: { address: '西关路口', area: '城北街道' },
    contact: { name: '王女士', phone: '13800138000' },
  });
  await office('POST', `/requests/${order.id}/dispatch`, {});
  const instruction = await office<{ id: number }>('POST', '/work/instructions', {
    docNumber: '区领导批示〔2022〕12号',
    title: '关于加快推进回天地区公共服务设施建设的批示',
    leader: '区长',
    instructedOn: '2022-03-02',
    class: 'document',
    text: '回天地区公共服务设施建设事关群众切身利益，请区发展改革委牵头，抓紧推进，按月报告进展。',
  });
  return {
    planId: seeded.planId,
    taskId: await first(`${plan}/tasks?limit=1`),
    targetId: await first(`${plan}/targets?limit=1`),
    projectId: await first(`${plan}/projects?limit=1`),
    orderId: order.id,
    libraryProjectId: library.id,
    instructionId: instruction.id,
  };
}

const ROLES: readonly DemoRole[] = ['admin', 'supervisor', 'reporter', 'leader'];

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let ids: Ids;
const figures: Record<string, Record<string, number>> = {};

async function signIn(page: Page, username: string) {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Waits until the page has drawn its content: the title, no spinner, the network quiet. */
async function settle(page: Page): Promise<boolean> {
  const titled = await page
    .locator('main h1, main h2, main h3')
    .first()
    .waitFor({ timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // Animations (antd's fades and slides: CSS animations and transitions) end before contrast
  // is judged: waits for every finite one to finish (a spinner's endless one never does)
  // instead of a fixed 600 ms on every page.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 15_000, polling: 'raf' },
    )
    .catch(() => undefined);
  return titled;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-a11y-'));
  const db = join(dir, 'a11y.sqlite');
  seeded = await seed(db);
  server = await startServer(db);
  ids = await setUp(seeded);
  browser = await chromium.launch(launchOptions);
});

afterAll(async () => {
  writeFileSync(`${ROOT}artifacts/a11y-figures.json`, `${JSON.stringify(figures, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The four roles run side by side (one browser, a context each): most of a page's time is
// waiting for the network to go quiet and animations to end, which overlaps well.
describe.concurrent.each(ROLES)('the console for the %s role', (role) => {
  it('has no axe violation (WCAG 2.1 A and AA) on any console page it opens', async ({ expect }) => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`pageerror (${role}):`, error.message));
    await signIn(page, seeded.users[role]);
    const found: string[] = [];
    figures[role] = {};
    for (const { name, path } of consolePages(ids).filter((p) => p.roles.includes(role))) {
      await page.goto(path);
      if (!(await settle(page))) found.push(`${name} ${path} — no heading drew within 30 s`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `a11y-${role}-${name}.png`) });
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      figures[role][name] = results.violations.length;
      for (const v of results.violations)
        found.push(
          `${name} ${path} — ${v.id} (${v.impact}): ${v.help}: ${v.nodes
            .slice(0, 5)
            .map((n) => `${n.target.join(' ')} [${n.failureSummary?.replace(/\s+/g, ' ')}]`)
            .join('; ')}`,
        );
    }
    await context.close();
    expect(found).toEqual([]);
  }, 600_000);
});
