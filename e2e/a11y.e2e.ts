/**
 * Console accessibility per role (issue 20.4): each demo role signs in and opens its main
 * pages in Debian's Chromium; axe (WCAG 2.1 A/AA, colour contrast included: a real browser's
 * layout) runs on each, and a serious or critical violation fails the role's test with the
 * page, the rule and the elements. A screenshot of every page goes to
 * artifacts/screenshots/a11y-<role>-<page>.png; the counts to artifacts/a11y-figures.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DESKTOP, ROOT, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

type DemoRole = keyof Seeded['users'];

/** The main pages of each role: what its menu opens first and the screens it works in. */
function pagesOf(role: DemoRole, planId: number): { name: string; path: string }[] {
  const plan = `/plans/${planId}`;
  switch (role) {
    case 'admin':
      return [
        { name: 'dashboard', path: plan },
        { name: 'plan', path: `${plan}/plan` },
        { name: 'report', path: `${plan}/report` },
        { name: 'intake', path: '/requests/intake' },
        { name: 'dispatch', path: '/requests/dispatch' },
        { name: 'knowledge', path: '/requests/knowledge' },
        { name: 'rankings', path: '/requests/rankings' },
        { name: 'admin', path: '/admin' },
      ];
    case 'supervisor':
      return [
        { name: 'dashboard', path: plan },
        { name: 'cockpit', path: `${plan}/cockpit` },
        { name: 'supervision', path: '/supervision' },
        { name: 'checks', path: '/requests/checks' },
        { name: 'upkeep', path: '/requests/knowledge/upkeep' },
      ];
    case 'reporter':
      return [
        { name: 'todo', path: '/todo' },
        { name: 'plan', path: `${plan}/plan` },
        { name: 'unit-queue', path: '/requests/unit' },
        { name: 'my-work', path: '/requests/my-work' },
        { name: 'knowledge', path: '/requests/knowledge' },
      ];
    case 'leader':
      return [
        { name: 'cockpit', path: `${plan}/cockpit` },
        { name: 'dashboard', path: plan },
        { name: 'rankings', path: '/requests/rankings' },
      ];
  }
}

const ROLES: readonly DemoRole[] = ['admin', 'supervisor', 'reporter', 'leader'];
const BLOCKING = new Set(['serious', 'critical']);

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
const figures: Record<string, Record<string, number>> = {};

async function signIn(page: Page, username: string) {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Waits until the page has drawn its content: the title, no spinner, the network quiet. */
async function settle(page: Page) {
  await page.locator('main h1, main h2, main h3').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // Animations (antd's fades, ECharts) end before contrast is judged.
  await page.waitForTimeout(600);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-a11y-'));
  const db = join(dir, 'a11y.sqlite');
  seeded = await seed(db);
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
});

afterAll(async () => {
  writeFileSync(`${ROOT}artifacts/a11y-figures.json`, `${JSON.stringify(figures, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(ROLES)('the console for the %s role', (role) => {
  it('has no serious or critical axe violation (WCAG 2.1 AA) on its main pages', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`pageerror (${role}):`, error.message));
    await signIn(page, seeded.users[role]);
    const found: string[] = [];
    figures[role] = {};
    for (const { name, path } of pagesOf(role, seeded.planId)) {
      await page.goto(path);
      await settle(page);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `a11y-${role}-${name}.png`) });
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
      figures[role][name] = blocking.length;
      for (const v of blocking)
        found.push(
          `${name} ${path} — ${v.id} (${v.impact}): ${v.help}: ${v.nodes
            .slice(0, 5)
            .map((n) => `${n.target.join(' ')} [${n.failureSummary?.replace(/\s+/g, ' ')}]`)
            .join('; ')}`,
        );
    }
    await context.close();
    expect(found).toEqual([]);
  }, 240_000);
});
