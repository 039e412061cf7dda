/**
 * A fresh database for the browser tests: units, one account per role, and the example report
 * imported as a plan (published, so the public page has it). Seeds through the store, the
 * same code the `luoshi` command uses, before the server starts on the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../src/report/index.js';
import { openStore } from '../src/store/index.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { ROOT } from './playwright.config.js';

export const PASSWORD = 'luoshi-e2e-pass';

export const UNITS = [
  '区发展改革委',
  '区财政局',
  '区教委',
  '区生态环境局',
  '回龙观街道',
  '城南街道',
] as const;

export interface Seeded {
  planId: number;
  users: { admin: string; supervisor: string; leader: string };
  counts: { targets: number; tasks: number; projects: number };
}

export async function seed(dbPath: string): Promise<Seeded> {
  const store = await openStore(dbPath);
  try {
    for (const name of UNITS)
      await store.createUnit({ name, kind: name.endsWith('街道') ? 'street' : 'department' });
    const passwordHash = await hashPassword(PASSWORD);
    await store.createUser({
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      unitIds: [],
      passwordHash,
    });
    await store.createUser({
      username: 'duchashi',
      displayName: '督查室',
      role: 'supervisor',
      unitIds: [],
      passwordHash,
    });
    await store.createUser({
      username: 'lingdao',
      displayName: '区领导',
      role: 'leader',
      unitIds: [],
      passwordHash,
    });
    const file = 'examples/2022-beijing-changping.txt';
    const text = readFileSync(join(ROOT, file), 'utf8');
    const summary = await store.importPlan({
      text,
      extraction: extractReport(text),
      sourceName: '2022-beijing-changping.txt',
      state: 'published',
    });
    return {
      planId: summary.plan.id,
      users: { admin: 'admin', supervisor: 'duchashi', leader: 'lingdao' },
      counts: {
        targets: summary.counts.targets,
        tasks: summary.counts.tasks,
        projects: summary.counts.projects,
      },
    };
  } finally {
    await store.close();
  }
}
