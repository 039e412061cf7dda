/**
 * Browser settings for the e2e suite. The suite drives Debian's Chromium with playwright-core
 * (never a downloaded browser), from Vitest (e2e/vitest.config.ts): @playwright/test is not a
 * dependency, so this file holds what its config would.
 */
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where every page's screenshot is saved (README names it). */
export const SCREENSHOT_DIR = `${ROOT}artifacts/screenshots`;
/** The figures the run measures, as JSON. */
export const FIGURES_FILE = `${ROOT}artifacts/e2e-figures.json`;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** STACK.md's flags for Debian's Chromium in a container. */
export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
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
