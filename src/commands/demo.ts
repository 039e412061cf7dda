/**
 * First-run demo data for `npm start`: the example plan (published), real-looking 昌平 units,
 * one account per role, and a first assignment of tasks to units, in one transaction.
 */
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { Role, UnitKind } from '../plan/types.js';
import type { Extraction } from '../report/types.js';
import type { PlanSummary, Store } from '../store/types.js';
import { createUnit } from './units.js';
import { createUser } from './users.js';
import { importPlan } from './plans.js';
import { updateTask } from './items.js';

/** Units of 昌平区 created on first start. */
export const DEMO_UNITS: { name: string; kind: UnitKind; keywords: RegExp }[] = [
  { name: '区发展改革委', kind: 'department', keywords: /投资|项目|消费|营商|改革/ },
  { name: '区科委', kind: 'department', keywords: /科技|创新|实验室|研发|人才/ },
  { name: '区财政局', kind: 'department', keywords: /财政|预算|债务|资金/ },
  { name: '区生态环境局', kind: 'department', keywords: /污染|生态|空气|水环境|碳/ },
  { name: '城北街道', kind: 'street', keywords: /城北|老城/ },
  { name: '回龙观街道', kind: 'street', keywords: /回龙观|回天/ },
  { name: '南口镇', kind: 'town', keywords: /南口|乡村|农村|农业/ },
];

/** One account per role; the reporters act for one unit each. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; unit?: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'ducha', displayName: '区政府督查室', role: 'supervisor' },
  { username: 'fgw', displayName: '区发展改革委填报员', role: 'reporter', unit: '区发展改革委' },
  { username: 'hlg', displayName: '回龙观街道填报员', role: 'reporter', unit: '回龙观街道' },
  { username: 'leader', displayName: '区领导', role: 'leader' },
];

export interface DemoResult {
  summary: PlanSummary;
  password: string;
  accounts: typeof DEMO_ACCOUNTS;
  assigned: number;
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
  password: string = randomBytes(9).toString('base64url'),
): Promise<DemoResult> {
  const passwordHash = await hash(password);
  return store.transaction(async (tx) => {
    const unitIds = new Map<string, number>();
    for (const unit of DEMO_UNITS) {
      const existing = await tx.units.findByName(unit.name);
      unitIds.set(unit.name, (existing ?? (await createUnit(tx, { name: unit.name, kind: unit.kind }))).id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const unitId = account.unit ? unitIds.get(account.unit) : undefined;
      await createUser(tx, {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        unitIds: unitId === undefined ? [] : [unitId],
        passwordHash,
      });
    }
    const summary = await importPlan(tx, { ...report, state: 'published' });
    let assigned = 0;
    const tasks = await tx.tasks.list(summary.plan.id, { limit: 1000 });
    for (const task of tasks.items) {
      const unit = DEMO_UNITS.find((u) => u.keywords.test(task.text));
      const unitId = unit ? unitIds.get(unit.name) : undefined;
      if (unitId === undefined) continue;
      await updateTask(
        tx,
        summary.plan.id,
        task.id,
        { leadUnitId: unitId, deadline: `${summary.plan.year}-12-31` },
        task.version,
      );
      assigned += 1;
    }
    return {
      summary: await tx.plans.getSummary(summary.plan.id),
      password,
      accounts: DEMO_ACCOUNTS,
      assigned,
    };
  });
}
