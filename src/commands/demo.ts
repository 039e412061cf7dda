/**
 * First-run demo data for `npm start`: the example jurisdiction set up from its folder
 * (examples/jurisdictions/changping: its streets, towns, units and catalogue), the example plan
 * (published), the accounts of its demo.json, and a first assignment of tasks to the units
 * demo.json names (by words of the task), in one transaction; then, unless
 * `empty`, a year of work played through the commands (demo-year.ts, the 12345 desk's year in
 * demo-requests.ts, the monthly 通报 in demo-bulletins.ts), labelled as demo data.
 */
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { JurisdictionDefinition } from '../jurisdictions/types.js';
import { createUnitMatcher } from '../jurisdictions/units.js';
import type { DemoAccount, DemoSetup } from '../documents/demo-setup.js';
import type { Extraction } from '../report/types.js';
import type { PlanSummary, Store } from '../store/types.js';
import { DEFAULT_SCHEMES } from '../requests/scoring.js';
import { addJurisdiction } from './jurisdictions.js';
import type { JurisdictionSetup } from './jurisdictions.js';
import { createUser } from './users.js';
import { importPlan, updatePlan } from './plans.js';
import { updateTarget, updateTask } from './items.js';
import { seedDemoYear } from './demo-year.js';
import type { DemoYearResult } from './demo-year.js';
import { seedDemoRequests } from './demo-requests.js';
import type { DemoRequestsResult } from './demo-requests.js';
import { seedDemoBulletins } from './demo-bulletins.js';
import type { DemoBulletinsResult } from './demo-bulletins.js';

/** What the demo plan's title ends with once a year of demo work is played through it. */
export const DEMO_LABEL = '（演示数据）';

export interface DemoResult {
  jurisdiction: JurisdictionSetup;
  summary: PlanSummary;
  password: string;
  accounts: DemoAccount[];
  assigned: number;
  /** The year of work played, absent with `empty`. */
  year?: DemoYearResult;
  /** The year at the 12345 desk (absent with `empty`). */
  requests?: DemoRequestsResult;
  /** The 通报 issued (absent with `empty` or when demo.json gives no words for them). */
  bulletins?: DemoBulletinsResult;
}

/** True when the database holds no plan and no user: the first start. */
export async function isEmptyStore(store: Store): Promise<boolean> {
  const [plans, users] = await Promise.all([store.plans.list({ limit: 1 }), store.users.list()]);
  return plans.total === 0 && users.length === 0;
}

/**
 * Seeds the demo in one transaction. Every account gets `password` (default: a random one,
 * to be printed once). Tasks get a lead unit when their text names one of the unit's topics.
 */
export async function seedDemo(
  store: Store,
  report: { text: string; extraction: Extraction; sourceName: string },
  jurisdiction: JurisdictionDefinition,
  demo: DemoSetup,
  password: string = randomBytes(9).toString('base64url'),
  options: { empty?: boolean } = {},
): Promise<DemoResult> {
  const passwordHash = await hash(password);
  const userIds = new Map<string, number>();
  const unitIds = new Map<string, number>();
  // The demo plays the report's year: its 三率 are scored from that year's January when the
  // example jurisdiction's files name no scheme (the default one starts later, and a 2022 desk
  // would have no month to rank).
  const reportYear = report.extraction.report.year;
  const { version: _version, ...example } = DEFAULT_SCHEMES.schemes[0]!;
  const defined: JurisdictionDefinition =
    jurisdiction.scoring || reportYear === undefined
      ? jurisdiction
      : { ...jurisdiction, scoring: { ...example, effectiveFrom: `${reportYear}-01` } };
  const seeded = await store.transaction(async (tx) => {
    const setup = await addJurisdiction(tx, defined, {
      actor: null,
      at: new Date().toISOString(),
      reason: 'demo',
    });
    const jurisdictionId = setup.jurisdiction.id;
    // One set of units: a street named as the plan writes it is the jurisdiction's street office.
    const matcher = createUnitMatcher(await tx.units.list([jurisdictionId]), jurisdiction.name);
    for (const unit of demo.units) {
      const found = matcher.match(unit.name);
      if (found) unitIds.set(unit.name, found.unit.id);
    }
    for (const account of demo.accounts) {
      const unitId = account.unit ? unitIds.get(account.unit) : undefined;
      const user = await createUser(tx, {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        unitIds: unitId === undefined ? [] : [unitId],
        passwordHash,
        jurisdictionId,
      });
      userIds.set(account.username, user.id);
    }
    const summary = await importPlan(tx, { ...report, jurisdictionId, state: 'published' });
    let assigned = 0;
    const tasks = await tx.tasks.list(summary.plan.id, { limit: 1000 });
    // A task's unit by its topic; one naming none goes to the departments in turn.
    const departments = demo.units.filter((u) => u.kind === 'department');
    const unitFor = (text: string, i: number) =>
      unitIds.get(
        (demo.units.find((u) => u.keywords.test(text)) ?? departments[i % departments.length]!).name,
      )!;
    for (const [i, task] of tasks.items.entries()) {
      const unitId = unitFor(task.text, i);
      await updateTask(
        tx,
        summary.plan.id,
        task.id,
        { leadUnitId: unitId, deadline: `${summary.plan.year}-12-31` },
        task.version,
      );
      assigned += 1;
    }
    const targets = await tx.targets.list(summary.plan.id, { limit: 1000 });
    for (const [i, target] of targets.items.entries()) {
      await updateTarget(
        tx,
        summary.plan.id,
        target.id,
        { leadUnitId: unitFor(target.metric, i) },
        target.version,
      );
    }
    return {
      jurisdiction: setup,
      summary: await tx.plans.getSummary(summary.plan.id),
      password,
      accounts: demo.accounts,
      assigned,
    };
  });
  if (options.empty) return seeded;
  const actorOf = (username: string) => {
    const account = demo.accounts.find((a) => a.username === username)!;
    const unitId = account.unit ? unitIds.get(account.unit) : undefined;
    return {
      userId: userIds.get(username)!,
      role: account.role,
      unitIds: unitId === undefined ? [] : [unitId],
    };
  };
  const reporters = new Map(
    demo.accounts.filter((a) => a.unit).map((a) => [unitIds.get(a.unit!)!, actorOf(a.username)]),
  );
  // Labelled where every page names the plan: nobody takes the year of work for real figures.
  const plan = seeded.summary.plan;
  await updatePlan(store, plan.id, { title: `${plan.title}${DEMO_LABEL}` }, plan.version);
  const year = await seedDemoYear(store, seeded.summary.plan.id, {
    supervisor: actorOf('ducha'),
    reporter: (unitId) => reporters.get(unitId) ?? actorOf('admin'),
  });
  // The same year at the 12345 desk: calls taken in, dispatched, answered, called back.
  const admin = actorOf('admin');
  const requests = await seedDemoRequests(store, seeded.jurisdiction.jurisdiction.id, plan.year, admin);
  // The office's monthly 通报 of that year, in the jurisdiction's words, each issued early the next month.
  const bulletins = demo.bulletin
    ? await seedDemoBulletins(
        store,
        seeded.jurisdiction.jurisdiction.id,
        plan.year,
        demo.bulletin,
        actorOf('ducha'),
      )
    : undefined;
  return {
    ...seeded,
    summary: await store.plans.getSummary(seeded.summary.plan.id),
    year,
    requests,
    ...(bulletins ? { bulletins } : {}),
  };
}
