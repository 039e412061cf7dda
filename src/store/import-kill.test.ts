import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { exampleReport } from '../../test/fixtures/example.js';
import { createTestDatabase } from '../../test/pg.js';
import { openStore } from './index.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'luoshi-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('importPlan killed part way on %s', (dialect) => {
  it('leaves only whole plans: every plan stored has every row', async () => {
    const url = dialect === 'sqlite' ? join(dir, 'kill.sqlite') : await createTestDatabase();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/fixtures/import-loop.ts'), url],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let imported = 0;
    // Kill it with SIGKILL (no cleanup at all) a little after its second import: most of the
    // loop's time is spent inside the import transaction, so the kill lands in one.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        imported += chunk.toString().split('imported').length - 1;
        if (imported >= 2) setTimeout(() => child.kill('SIGKILL'), 37);
      });
      child.on('close', () => resolve());
    });
    expect(imported).toBeGreaterThanOrEqual(2);
    const store = await openStore(url);
    try {
      const plans = await store.plans.list({ limit: 1000 });
      expect(plans.total).toBeGreaterThanOrEqual(imported);
      const full = exampleReport().extraction;
      for (const plan of plans.items) {
        const { counts } = await store.plans.getSummary(plan.id);
        expect(counts.tasks).toBe(full.tasks.length);
        expect(counts.projects).toBe(full.projects.length);
        expect(counts.outline).toBe(full.outline.length);
      }
    } finally {
      await store.close();
    }
  });
});
