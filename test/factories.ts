/**
 * Data factories for store and HTTP tests: a fresh migrated store on either engine, the
 * example plan, demo units and users.
 */
import { hash } from '@node-rs/argon2';
import { afterAll } from 'vitest';
import type { PlanState, Role, Unit, UnitKind, User } from '../src/plan/types.js';
import { openStore } from '../src/store/index.js';
import type { PlanSummary, Store } from '../src/store/index.js';
import { exampleReport } from './fixtures/example.js';
import { createMigratedTestDatabase } from './pg.js';
import { createUnit } from '../src/commands/units.js';
import { createUser } from '../src/commands/users.js';
import { importPlan } from '../src/commands/plans.js';
import { addJurisdiction } from '../src/commands/jurisdictions.js';
import type { JurisdictionSetup } from '../src/commands/jurisdictions.js';
import { readFolder } from '../src/cli/folder.js';
import { parseJurisdictionFolder } from '../src/documents/jurisdiction-folder.js';

/** The jurisdiction every migrated store starts with (migration 20261216T0000). */
export const DEFAULT_JURISDICTION = 1;

/** The example jurisdiction's folder (北京市昌平区, the demo's). */
export const CHANGPING_FOLDER = new URL('../examples/jurisdictions/changping/', import.meta.url).pathname;

/** The definition the office files in `dir` make (the example jurisdiction's by default). */
export function readJurisdictionDefinition(dir: string = CHANGPING_FOLDER) {
  return parseJurisdictionFolder(readFolder(dir));
}

/**
 * Sets up the jurisdiction of the office files in `dir` (the first one fills in the store's
 * jurisdiction 1, so the rows seeded before it become its).
 */
export async function seedJurisdiction(
  store: Store,
  dir: string = CHANGPING_FOLDER,
): Promise<JurisdictionSetup> {
  const definition = await parseJurisdictionFolder(readFolder(dir));
  return addJurisdiction(store, definition, { actor: null, at: new Date().toISOString(), reason: 'test' });
}

export type TestDialect = 'sqlite' | 'postgres';

/** Both engines: store and HTTP tests run their one body on each (`describe.each(DIALECTS)`). */
export const DIALECTS: TestDialect[] = ['sqlite', 'postgres'];

/**
 * A fresh, migrated, empty store: SQLite in memory, or a new database on the test PostgreSQL
 * server. Closed automatically after the file's tests (closing it earlier is fine).
 */
export async function createTestStore(dialect: TestDialect): Promise<Store> {
  const url = dialect === 'sqlite' ? ':memory:' : await createMigratedTestDatabase();
  const store = await openStore(url);
  let closed = false;
  const close = store.close.bind(store);
  store.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  afterAll(() => store.close());
  return store;
}

/** Imports the example report (fixed extraction, test/fixtures/example.ts) as a plan. */
export async function seedExamplePlan(
  store: Store,
  options: { state?: PlanState; jurisdictionId?: number } = {},
): Promise<PlanSummary> {
  const report = exampleReport();
  return importPlan(store, {
    ...report,
    jurisdictionId: options.jurisdictionId ?? DEFAULT_JURISDICTION,
    state: options.state ?? 'published',
  });
}

/**
 * Repository writes of a test's fixture as a command makes them: one transaction that names
 * the plan, whose revision advances (src/store/revisions.ts refuses them otherwise).
 * @example await writePlanRows(store, planId, (tx) => tx.tracking.insertLock(planId, lock));
 */
export function writePlanRows<T>(store: Store, planId: number, write: (tx: Store) => Promise<T>): Promise<T> {
  return store.transaction(async (tx) => {
    const value = await write(tx);
    await tx.plans.touch(planId);
    return value;
  });
}

/** Real-looking 昌平 units. */
export const DEMO_UNITS: { name: string; kind: UnitKind }[] = [
  { name: '区发展改革委', kind: 'department' },
  { name: '区科委', kind: 'department' },
  { name: '区财政局', kind: 'department' },
  { name: '区生态环境局', kind: 'department' },
  { name: '城北街道', kind: 'street' },
  { name: '回龙观街道', kind: 'street' },
  { name: '南口镇', kind: 'town' },
];

/** Creates DEMO_UNITS and returns them by name. */
export async function seedUnits(
  store: Store,
  jurisdictionId: number = DEFAULT_JURISDICTION,
): Promise<Record<string, Unit>> {
  const out: Record<string, Unit> = {};
  for (const unit of DEMO_UNITS) out[unit.name] = await createUnit(store, { ...unit, jurisdictionId });
  return out;
}

/** The password of every user seedUser creates. */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Creates a user of `role` (password TEST_PASSWORD; argon2id, hashed once per file). */
export async function seedUser(
  store: Store,
  role: Role,
  options: {
    username?: string;
    unitIds?: number[];
    displayName?: string;
    jurisdictionId?: number;
    seesDescendants?: boolean;
  } = {},
): Promise<User> {
  passwordHash ??= hash(TEST_PASSWORD);
  const username = options.username ?? role;
  return createUser(store, {
    username,
    displayName: options.displayName ?? username,
    role,
    unitIds: options.unitIds ?? [],
    passwordHash: await passwordHash,
    jurisdictionId: options.jurisdictionId ?? DEFAULT_JURISDICTION,
    ...(options.seesDescendants ? { seesDescendants: true } : {}),
  });
}
