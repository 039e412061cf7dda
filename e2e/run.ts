/**
 * `npm run e2e`: builds the web app into a folder of this run's own under
 * node_modules/.cache/luoshi-e2e-web/ (never web/dist, which a concurrent `npm run web:build`
 * or another run may replace under a running browser), runs the browser suite against it with
 * E2E_WEB_ROOT set, then removes the folder. Arguments go to Vitest:
 * `npm run e2e -- app.e2e.ts` runs one file. With E2E_WEB_ROOT already set, serves that
 * folder without building.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WEB_BUILDS_DIR } from './playwright.config.js';

/** Runs `node script ...args` from the repository root; resolves to its exit code. */
function node(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    // Ctrl-C reaches the child too (same process group); wait for it, then clean up.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders left by runs that were killed before they could remove theirs. */
function removeStaleBuilds() {
  mkdirSync(WEB_BUILDS_DIR, { recursive: true });
  for (const name of readdirSync(WEB_BUILDS_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && !isRunning(pid)) {
      rmSync(join(WEB_BUILDS_DIR, name), { recursive: true, force: true });
    }
  }
}

const vitestArgs = ['run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)];
let code: number;
if (process.env.E2E_WEB_ROOT) {
  code = await node('node_modules/vitest/vitest.mjs', vitestArgs);
} else {
  removeStaleBuilds();
  const outDir = join(WEB_BUILDS_DIR, `run-${process.pid}`);
  try {
    code = await node('node_modules/vite/bin/vite.js', ['build', 'web', '--outDir', outDir, '--emptyOutDir']);
    if (code === 0) {
      code = await node('node_modules/vitest/vitest.mjs', vitestArgs, {
        ...process.env,
        E2E_WEB_ROOT: outDir,
      });
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
process.exitCode = code;
