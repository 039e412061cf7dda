/**
 * What the browser stories share: the real server (`./bin/luoshi serve`) on the file's own
 * fresh copy of the run's seeded SQLite database (e2e/global-seed.ts), Debian's Chromium, a
 * signed-in admin's cookies, screenshots under artifacts/screenshots/, and the measured
 * figures merged into artifacts/e2e-figures.json. Each story file calls `useApp()` once; the
 * bindings below are set in its beforeAll, before the file's own.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DESKTOP, FIGURES_FILE, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

/** Figures this file measures, merged into FIGURES_FILE after it. */
export const figures: Record<string, unknown> = {};

let dir: string;
/** The file's SQLite database (the server's; a story may read it to see what was queued). */
export let db: string;
export let server: RunningServer;
export let browser: Browser;
export let seeded: Seeded;
/** A signed-in admin's cookies, made on the first `signedInPage()` and reused after. */
let adminState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

export async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

export async function signedInPage(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  adminState ??= await signInAdmin();
  const context = await browser.newContext({ viewport, storageState: adminState, baseURL: server.url });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  return { context, page };
}

export async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** The admin signs in once through the sign-in page (sign-in is rate limited). */
async function signInAdmin() {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, seeded.users.admin, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Starts the server and the browser for the calling story file, and stops them after it. */
export function useApp(): void {
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-'));
    db = join(dir, 'e2e.sqlite');
    adminState = undefined;
    seeded = await seed(db);
    server = await startServer(db);
    browser = await chromium.launch(launchOptions);
  });

  afterAll(async () => {
    // Each story file adds its own figures to what the other files measured; the file is
    // replaced whole (rename), so a reader never sees half of it.
    const before = existsSync(FIGURES_FILE)
      ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>)
      : {};
    const next = `${FIGURES_FILE}.${process.pid}`;
    writeFileSync(next, `${JSON.stringify({ ...before, ...figures }, null, 2)}\n`);
    renameSync(next, FIGURES_FILE);
    console.log('e2e figures:', JSON.stringify(figures));
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}
