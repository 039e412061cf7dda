/**
 * Vitest global setup of the browser suite: seeds one database for the whole run with the
 * `luoshi` command, as an office would (e2e/seed.ts `seedWithCommand`: the jurisdiction, the
 * example report imported and published, one account per role), and provides it as
 * `e2eSeed`. Each story file starts from its own copy of it (`seed(db)`), so the run pays for
 * the seven commands once instead of once per file. The folder is removed at teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedWithCommand, type Seeded } from './seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's seeded database (a file to copy, never to open) and what it holds. */
    e2eSeed: { db: string; seeded: Seeded };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-seed-'));
  try {
    const db = join(dir, 'seeded.sqlite');
    project.provide('e2eSeed', { db, seeded: await seedWithCommand(db) });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
