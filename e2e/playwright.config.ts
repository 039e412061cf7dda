/**
 * Browser settings for the e2e suite. The suite drives Debian's Chromium with playwright-core
 * (never a downloaded browser), from Vitest (e2e/vitest.config.ts): @playwright/test is not a
 * dependency, so this file holds what its config would.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where every page's screenshot is saved (README names it). */
export const SCREENSHOT_DIR = `${ROOT}artifacts/screenshots`;
/** The figures the run measures, as JSON. */
export const FIGURES_FILE = `${ROOT}artifacts/e2e-figures.json`;

/** Where `npm run e2e` (e2e/run.ts) builds the web app: one folder per run, never web/dist. */
export const WEB_BUILDS_DIR = `${ROOT}node_modules/.cache/luoshi-e2e-web`;

/**
 * The built web app the suite serves and measures: E2E_WEB_ROOT, which e2e/run.ts sets to the
 * folder it has just built into. Throws when it is unset or holds no index.html, so a test never
 * serves web/dist, which a concurrent `npm run web:build` may replace under a running browser.
 */
export function webRoot(): string {
  const dir = process.env.E2E_WEB_ROOT;
  if (!dir) {
    throw new Error(
      'E2E_WEB_ROOT is not set: run the suite with `npm run e2e` (it builds the web app for the run), ' +
        'or set E2E_WEB_ROOT to a built web app',
    );
  }
  const root = resolve(ROOT, dir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`E2E_WEB_ROOT ${root} holds no index.html`);
  return root;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The offices' clock. A day in Luoshi ends at 24:00 Beijing time (the server's as-of reads, the
 * web's countdowns); the web takes "today" from the browser's clock, as an office's browser in
 * China does. The browser runs on it here too, or after 16:00 UTC the tab's today would be a day
 * behind the server's.
 */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** Today in the offices' calendar, YYYY-MM-DD. */
export function officeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_TIME_ZONE }).format(now);
}

/** STACK.md's flags for Debian's Chromium in a container, on the offices' clock. */
export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  env: { ...process.env, TZ: OFFICE_TIME_ZONE },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    '--disable-dev-shm-usage',
  ],
};

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };
