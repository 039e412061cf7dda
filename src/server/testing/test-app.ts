/**
 * HTTP test fixture: a real store on one engine, demo units, one user of every role with an
 * API token, the example report as a published plan and again as a draft, and an app built
 * on them. Used only by src/server tests.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import type { Role, Task, Unit, User } from '../../plan/types.js';
import type { PlanSummary, Store } from '../../store/types.js';
import {
  createTestStore,
  seedExamplePlan,
  seedJurisdiction,
  seedUnits,
  seedUser,
} from '../../../test/factories.js';
import type { TestDialect } from '../../../test/factories.js';
import { createApp } from '../app.js';
import type { AppDeps } from '../app.js';
import { hashSecret } from '../../commands/secrets.js';
import { updateTask } from '../../commands/items.js';

/** Who sends a request in tests: a role's token, a reporter of another unit, or the public. */
export type Caller = Role | 'otherReporter' | 'public';
export const CALLERS: Caller[] = ['public', 'admin', 'supervisor', 'reporter', 'otherReporter', 'leader'];

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  units: Record<string, Unit>;
  /** The reporter acts for unitA; otherReporter for unitB. */
  unitA: Unit;
  unitB: Unit;
  /** A unit nobody reports for. */
  unitC: Unit;
  users: Record<Exclude<Caller, 'public'>, User>;
  /** Bearer tokens by caller. */
  tokens: Record<Exclude<Caller, 'public'>, string>;
  published: PlanSummary;
  draft: PlanSummary;
  /** A task of the published plan led by unitA (and holding a project). */
  taskA: Task;
  /** A task of the published plan led by unitB. */
  taskB: Task;
  /** Sends a request as `caller` (bearer token; none for the public). */
  request(caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse>;
}

/**
 * Builds the fixture on `dialect`; the app and store close after the file's tests.
 * @example const t = await createTestApp('sqlite'); await t.request('admin', { url: '/api/v1/users' });
 */
export async function createTestApp(dialect: TestDialect, deps: Partial<AppDeps> = {}): Promise<TestApp> {
  const store = await createTestStore(dialect);
  const units = await seedUnits(store);
  // Jurisdiction 1 set up from the example office files: its areas, units (the ones above kept
  // by the naming rule) and dispatch catalogue, as 接诉即办 needs them.
  await seedJurisdiction(store);
  const [unitA, unitB, unitC] = Object.values(units);
  if (unitA === undefined || unitB === undefined || unitC === undefined) {
    throw new Error('seedUnits made fewer than three units');
  }
  const users = {
    admin: await seedUser(store, 'admin'),
    supervisor: await seedUser(store, 'supervisor'),
    reporter: await seedUser(store, 'reporter', { unitIds: [unitA.id] }),
    otherReporter: await seedUser(store, 'reporter', { username: 'other-reporter', unitIds: [unitB.id] }),
    leader: await seedUser(store, 'leader', { displayName: '王区长' }),
  };
  const tokens = {} as Record<Exclude<Caller, 'public'>, string>;
  for (const [caller, user] of Object.entries(users) as [Exclude<Caller, 'public'>, User][]) {
    const token = `lst_test_${caller}_${dialect}`;
    await store.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      name: 'tests',
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    tokens[caller] = token;
  }
  const published = await seedExamplePlan(store, { state: 'published' });
  const draft = await seedExamplePlan(store, { state: 'draft' });

  // taskA holds a project, so a reporter of unitA may move that project too.
  const projects = await store.projects.list(published.plan.id, { limit: 1000 });
  const projectTaskId = projects.items.find((project) => project.taskId !== null)?.taskId;
  const tasks = await store.tasks.list(published.plan.id, { limit: 1000 });
  const first = tasks.items.find((task) => task.id === projectTaskId);
  const second = tasks.items.find((task) => task.id !== projectTaskId);
  if (first === undefined || second === undefined) throw new Error('the example plan has too few tasks');
  const taskA = await updateTask(
    store,
    published.plan.id,
    first.id,
    { leadUnitId: unitA.id, leader: '王区长', deadline: '2022-06-30' },
    first.version,
  );
  const taskB = await updateTask(
    store,
    published.plan.id,
    second.id,
    { leadUnitId: unitB.id, coUnitIds: [], leader: '李副区长' },
    second.version,
  );

  const app = await createApp({ store, webRoot: false, ...deps });
  afterAll(() => app.close());
  const request = (caller: Caller, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...options.headers,
        ...(caller === 'public' ? {} : { authorization: `Bearer ${tokens[caller]}` }),
      },
    });
  return { app, store, units, unitA, unitB, unitC, users, tokens, published, draft, taskA, taskB, request };
}

/**
 * Creates a unit through the API as the supervisor; throws with the answer unless it is 201.
 * @example const unit = await createUnitThroughApi(t, '区文旅局');
 */
export async function createUnitThroughApi(t: TestApp, name: string, kind = 'department') {
  const response = await t.request('supervisor', {
    method: 'POST',
    url: '/api/v1/units',
    payload: { name, kind },
  });
  if (response.statusCode !== 201) throw new Error(`unit ${name} refused: ${response.body}`);
  return json<Unit & { version: number }>(response);
}

/** The body of a JSON answer. */
export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** A multipart/form-data body with one file and text fields, for upload tests. */
export function multipart(
  file: { name: string; content: Buffer | string; type?: string } | undefined,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----luoshi-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `content-type: ${file.type ?? 'text/plain'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * Submits unitA's report of taskA for `periodKey` at `progress` (as the reporter) and approves
 * it (as the supervisor), through the API on the published plan. Throws with the answer's
 * body when either step is refused.
 * @example await reportAndApprove(t, '2022-03', 40);
 */
export async function reportAndApprove(t: TestApp, periodKey: string, progress: number): Promise<void> {
  const plan = `/api/v1/plans/${t.published.plan.id}`;
  const submitted = await t.request('reporter', {
    method: 'POST',
    url: `${plan}/reports`,
    payload: {
      unitId: t.unitA.id,
      periodKey,
      tasks: [{ taskId: t.taskA.id, progress, state: 'in_progress', note: `${periodKey} 进展` }],
      targets: [],
    },
  });
  if (submitted.statusCode !== 201) throw new Error(`report refused: ${submitted.body}`);
  const approved = await t.request('supervisor', {
    method: 'POST',
    url: `${plan}/reports/${json<{ id: number }>(submitted).id}/review`,
    payload: { type: 'approve' },
  });
  if (approved.statusCode !== 200) throw new Error(`approval refused: ${approved.body}`);
}
