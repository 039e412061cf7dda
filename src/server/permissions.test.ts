/**
 * The permission matrix: every caller (the public and each role) against every endpoint,
 * with the status the server must answer. Payloads are valid, so each cell tests only who
 * may do what. Writes read the current version first, so cells do not depend on order.
 */
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, TEST_PASSWORD } from '../../test/factories.js';
import { exampleReport } from '../../test/fixtures/example.js';
import { CALLERS, createTestApp, multipart } from './testing/test-app.js';
import { ROUTE_GUARDS, ROUTE_QUERIES } from './testing/route-guards.js';
import { requiredScope } from './auth/scopes.js';
import { TOKEN_SCOPES } from '../contract/index.js';
import { hashSecret } from '../commands/secrets.js';
import type { Caller, TestApp } from './testing/test-app.js';
import { createUnit } from '../commands/units.js';
import { importPlan } from '../commands/plans.js';

type Expected = Record<Caller, number>;

/** Refusals carry the matching error code as well as the status. */
const ERROR_CODE_BY_STATUS: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/** All callers answer `status`, except those listed. */
function all(status: number, except: Partial<Expected> = {}): Expected {
  return { ...Object.fromEntries(CALLERS.map((caller) => [caller, status])), ...except } as Expected;
}
const ANY_SIGNED_IN = (status: number): Expected => all(status, { public: 401 });
const ASSIGNERS = (status: number): Expected => all(403, { public: 401, admin: status, supervisor: status });
const ADMIN_ONLY = (status: number): Expected => all(403, { public: 401, admin: status });

interface Cell {
  name: string;
  expected: Expected;
  request: (t: TestApp, caller: Caller) => Promise<InjectOptions> | InjectOptions;
}

const V1 = '/api/v1';
const exampleBytes = readFileSync(new URL('../../examples/2022-beijing-changping.txt', import.meta.url));

const MATRIX: Cell[] = [
  { name: 'GET /health', expected: all(200), request: () => ({ url: `${V1}/health` }) },
  // plans
  { name: 'GET /plans', expected: all(200), request: () => ({ url: `${V1}/plans` }) },
  {
    name: 'GET /plans/:id (published)',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}` }),
  },
  {
    name: 'GET /plans/:id (draft)',
    expected: all(200, { public: 404 }),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}` }),
  },
  {
    name: 'GET /plans/:id/text',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/text` }),
  },
  {
    name: 'GET /plans/:id/text (draft)',
    expected: all(200, { public: 404 }),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/text` }),
  },
  {
    name: 'GET /plans/:id/exports/tasks.csv',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/exports/tasks.csv` }),
  },
  {
    // The trail names every unit's 督办单, answers and extension reasons (issue 12.3).
    name: 'GET /plans/:id/exports/audit.csv',
    expected: all(200, { public: 401, reporter: 403, otherReporter: 403 }),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/exports/audit.csv` }),
  },
  {
    name: "GET /plans/:id/doubts (the reader's confidence, for review)",
    expected: ASSIGNERS(200),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/doubts` }),
  },
  {
    name: 'POST /plans (upload)',
    expected: ASSIGNERS(201),
    request: () => ({
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'changping.txt', content: exampleBytes }),
    }),
  },
  {
    name: "PUT /plans/:id/report (a new version of the draft's report)",
    expected: ASSIGNERS(200),
    request: async (t) => ({
      method: 'PUT',
      url: `${V1}/plans/${t.draft.plan.id}/report`,
      ...multipart(
        { name: 'changping-v2.txt', content: exampleBytes },
        { version: String((await t.store.plans.get(t.draft.plan.id)).version) },
      ),
    }),
  },
  {
    name: 'PATCH /plans/:id',
    expected: ASSIGNERS(200),
    request: async (t, caller) => ({
      method: 'PATCH',
      url: `${V1}/plans/${t.draft.plan.id}`,
      payload: { title: `renamed by ${caller}`, version: (await t.store.plans.get(t.draft.plan.id)).version },
    }),
  },
  {
    name: 'DELETE /plans/:id',
    expected: ADMIN_ONLY(204),
    request: async (t) => {
      const doomed = await t.store.plans.list({ limit: 1000 });
      const newest = doomed.items.find(
        (plan) => plan.id !== t.published.plan.id && plan.id !== t.draft.plan.id,
      );
      return { method: 'DELETE', url: `${V1}/plans/${newest?.id ?? 0}` };
    },
  },
  // the plan's parts, read
  ...(['outline', 'targets', 'achievements', 'tasks', 'projects', 'project-lists'] as const).flatMap(
    (part): Cell[] => [
      {
        name: `GET /plans/:id/${part}`,
        expected: all(200),
        request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/${part}` }),
      },
      {
        name: `GET /plans/:id/${part} (draft)`,
        expected: all(200, { public: 404 }),
        request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/${part}` }),
      },
    ],
  ),
  {
    name: 'GET /plans/:id/targets/:id',
    expected: all(200),
    request: async (t) => {
      const target = (await t.store.targets.list(t.published.plan.id, { limit: 1 })).items[0];
      return { url: `${V1}/plans/${t.published.plan.id}/targets/${target?.id}` };
    },
  },
  {
    name: 'GET /plans/:id/achievements/:id',
    expected: all(200),
    request: async (t) => {
      const achievement = (await t.store.achievements.list(t.published.plan.id, { limit: 1 })).items[0];
      return { url: `${V1}/plans/${t.published.plan.id}/achievements/${achievement?.id}` };
    },
  },
  {
    name: 'GET /plans/:id/tasks/:id',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}` }),
  },
  {
    name: 'GET /plans/:id/tasks/:id (draft)',
    expected: all(200, { public: 404 }),
    request: async (t) => {
      const task = (await t.store.tasks.list(t.draft.plan.id, { limit: 1 })).items[0];
      return { url: `${V1}/plans/${t.draft.plan.id}/tasks/${task?.id}` };
    },
  },
  {
    name: 'GET /plans/:id/outline/:id',
    expected: all(200),
    request: async (t) => {
      const node = (await t.store.plans.listOutline(t.published.plan.id))[0];
      return { url: `${V1}/plans/${t.published.plan.id}/outline/${node?.id}` };
    },
  },
  {
    name: 'GET /plans/:id/project-lists/:id (draft)',
    expected: all(200, { public: 404 }),
    request: async (t) => {
      const list = (await t.store.projects.listLists(t.draft.plan.id))[0];
      return { url: `${V1}/plans/${t.draft.plan.id}/project-lists/${list?.id}` };
    },
  },
  {
    name: 'GET /plans/:id/projects/:id',
    expected: all(200),
    request: async (t) => {
      const project = (await t.store.projects.list(t.published.plan.id, { limit: 1 })).items[0];
      return { url: `${V1}/plans/${t.published.plan.id}/projects/${project?.id}` };
    },
  },
  // the plan's parts, written
  {
    name: 'PATCH /plans/:id/targets/:id (assignment)',
    expected: ASSIGNERS(200),
    request: async (t, caller) => {
      const target = (await t.store.targets.list(t.published.plan.id, { limit: 1 })).items[0];
      return {
        method: 'PATCH',
        url: `${V1}/plans/${t.published.plan.id}/targets/${target?.id}`,
        payload: { leadUnitId: t.unitA.id, leader: caller, version: target?.version },
      };
    },
  },
  {
    name: "PATCH /plans/:id/tasks/:id (progress on unit A's task)",
    expected: all(200, { public: 401, otherReporter: 403, leader: 403 }),
    request: async (t) => ({
      method: 'PATCH',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}`,
      payload: {
        state: 'in_progress',
        progress: 20,
        version: (await t.store.tasks.get(t.published.plan.id, t.taskA.id)).version,
      },
    }),
  },
  {
    name: "PATCH /plans/:id/tasks/:id (progress on unit B's task)",
    expected: all(200, { public: 401, reporter: 403, leader: 403 }),
    request: async (t) => ({
      method: 'PATCH',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskB.id}`,
      payload: { progress: 30, version: (await t.store.tasks.get(t.published.plan.id, t.taskB.id)).version },
    }),
  },
  {
    name: "PATCH /plans/:id/tasks/:id (assignment of unit A's task)",
    expected: ASSIGNERS(200),
    request: async (t) => ({
      method: 'PATCH',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}`,
      payload: {
        coUnitIds: [t.unitC.id],
        deadline: '2022-12-31',
        // A published deadline moved past the plan's threshold needs its explanation (issue 19).
        explanation: '按区政府常务会议要求调整完成时限',
        version: (await t.store.tasks.get(t.published.plan.id, t.taskA.id)).version,
      },
    }),
  },
  {
    name: "PATCH /plans/:id/projects/:id (stage of a project in unit A's task)",
    expected: all(200, { public: 401, otherReporter: 403, leader: 403 }),
    request: async (t) => {
      const projects = await t.store.projects.list(t.published.plan.id, { limit: 1000 });
      const project = projects.items.find((p) => p.taskId === t.taskA.id);
      return {
        method: 'PATCH',
        url: `${V1}/plans/${t.published.plan.id}/projects/${project?.id}`,
        payload: { currentStage: '签约', stageDates: { 签约: '2022-03-01' }, version: project?.version },
      };
    },
  },
  // units and users
  { name: 'GET /units', expected: all(200), request: () => ({ url: `${V1}/units` }) },
  {
    name: 'POST /units',
    expected: ASSIGNERS(201),
    request: (_t, caller) => ({
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: `新单位-${caller}`, kind: 'department' },
    }),
  },
  {
    name: 'PATCH /units/:id (rename)',
    expected: ASSIGNERS(200),
    request: async (t, caller) => {
      const unit = await createUnit(t.store, {
        jurisdictionId: 1,
        name: `改名前-${caller}`,
        kind: 'department',
      });
      return {
        method: 'PATCH',
        url: `${V1}/units/${unit.id}`,
        payload: { name: `改名后-${caller}`, version: unit.version },
      };
    },
  },
  {
    name: 'DELETE /units/:id (unused)',
    expected: ASSIGNERS(204),
    request: async (t, caller) => {
      const unit = await createUnit(t.store, { jurisdictionId: 1, name: `待删除-${caller}`, kind: 'other' });
      return { method: 'DELETE', url: `${V1}/units/${unit.id}` };
    },
  },
  {
    name: 'POST /units/:id/merge',
    expected: ASSIGNERS(200),
    request: async (t, caller) => {
      const from = await createUnit(t.store, {
        jurisdictionId: 1,
        name: `被合并-${caller}`,
        kind: 'department',
      });
      const into = await createUnit(t.store, {
        jurisdictionId: 1,
        name: `合并入-${caller}`,
        kind: 'department',
      });
      return { method: 'POST', url: `${V1}/units/${from.id}/merge`, payload: { into: into.id } };
    },
  },
  { name: 'GET /users', expected: ADMIN_ONLY(200), request: () => ({ url: `${V1}/users` }) },
  {
    name: 'GET /users/:id',
    expected: ADMIN_ONLY(200),
    request: (t) => ({ url: `${V1}/users/${t.users.leader.id}` }),
  },
  {
    name: 'POST /users',
    expected: ADMIN_ONLY(201),
    request: (_t, caller) => ({
      method: 'POST',
      url: `${V1}/users`,
      payload: {
        username: `new-${caller}`,
        displayName: '新用户',
        role: 'leader',
        password: 'a long password',
      },
    }),
  },
  {
    name: 'PATCH /users/:id',
    expected: ADMIN_ONLY(200),
    request: (t, caller) => ({
      method: 'PATCH',
      url: `${V1}/users/${t.users.leader.id}`,
      payload: { displayName: `by ${caller}` },
    }),
  },
  // session and tokens
  {
    name: 'POST /session (sign in)',
    expected: all(200),
    request: () => ({
      method: 'POST',
      url: `${V1}/session`,
      payload: { username: 'leader', password: TEST_PASSWORD },
    }),
  },
  { name: 'GET /me', expected: ANY_SIGNED_IN(200), request: () => ({ url: `${V1}/me` }) },
  {
    // The matrix calls with tokens, and a token never mints one (a session does: tokens.test.ts).
    name: 'POST /tokens (through a token)',
    expected: ANY_SIGNED_IN(403),
    request: () => ({ method: 'POST', url: `${V1}/tokens`, payload: { name: 'script' } }),
  },
  { name: 'GET /tokens (its own)', expected: ANY_SIGNED_IN(200), request: () => ({ url: `${V1}/tokens` }) },
  {
    name: 'DELETE /tokens/:id (none of its own)',
    expected: ANY_SIGNED_IN(404),
    request: () => ({ method: 'DELETE', url: `${V1}/tokens/999999` }),
  },
  {
    name: 'DELETE /session (sign out)',
    expected: ANY_SIGNED_IN(204),
    request: () => ({ method: 'DELETE', url: `${V1}/session` }),
  },
];

describe.each(DIALECTS)('permission matrix on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // A plan that DELETE /plans/:id may remove.
    await importPlan(t.store, { jurisdictionId: 1, ...exampleReport(), state: 'draft' });
  });

  const rows = MATRIX.flatMap((cell) =>
    CALLERS.map((caller) => [cell.name, caller, cell.expected[caller], cell] as const),
  );

  it('never shows the public a user account or a responsible leader’s name', async () => {
    const publicReads = MATRIX.filter(
      (cell) => cell.expected.public === 200 && !cell.name.startsWith('POST'),
    );
    expect(publicReads.length).toBeGreaterThan(10);
    for (const cell of publicReads) {
      const options = await cell.request(t, 'public');
      if (options.method !== undefined && options.method !== 'GET') continue;
      const response = await t.request('public', options);
      expect(response.statusCode, cell.name).toBe(200);
      expect(response.body, cell.name).not.toMatch(/王区长|李副区长|"leader"|"username"|passwordHash|argon2/);
    }
  });

  it.each(rows)('%s as %s → %i', async (_name, caller, status, cell) => {
    const response = await t.request(caller, await cell.request(t, caller));
    expect(response.statusCode, response.body).toBe(status);
    const code = ERROR_CODE_BY_STATUS[status];
    if (code !== undefined) expect(JSON.parse(response.body)).toMatchObject({ error: { code } });
  });
});

/** A docs path with its parameters filled so that each caller meets the route's guard. */
function fillPath(t: TestApp, method: string, path: string): string {
  const fill: Record<string, string> = {
    planId: String(t.published.plan.id),
    unitId: String(t.unitA.id),
    periodKey: '2022-03',
    format: 'csv',
    list: 'tasks',
    month: '2022-03',
    year: '2022',
    type: 'task',
    kind: 'projects',
    file: 'none.json',
    item: 'progress',
    '*': 'nowhere',
  };
  // A delete names nothing that exists: the guard answers, no row goes.
  return path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    method === 'DELETE' && name !== '*' ? '999999' : (fill[name] ?? '999999'),
  );
}

describe.each(DIALECTS)('every route of the docs, at its guard, on %s', (dialect) => {
  let t: TestApp;
  let routes: [string, string][] = [];
  /** The supervisor's tokens: one lacking each scope, one with only it. */
  const without: Record<string, string> = {};
  const only: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const docs = JSON.parse((await t.app.inject({ url: '/api/docs/json' })).body) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(docs.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method): [string, string] => [method.toUpperCase(), path]),
    );
    for (const scope of TOKEN_SCOPES)
      for (const [kind, scopes] of [
        ['without', TOKEN_SCOPES.filter((s) => s !== scope)],
        ['only', [scope]],
      ] as const) {
        const token = `lst_test_${kind}_${scope}_${dialect}`;
        await t.store.sessions.insertToken({
          tokenHash: hashSecret(token),
          userId: t.users.supervisor.id,
          name: `${kind} ${scope}`,
          expiresAt: '2999-01-01T00:00:00.000Z',
          scopes,
        });
        (kind === 'without' ? without : only)[scope] = token;
      }
  });

  it('declares what every route answers each caller (src/server/testing/route-guards.ts)', () => {
    const keys = routes.map(([method, path]) => `${method} ${path}`);
    expect(keys.length).toBeGreaterThan(200);
    expect(keys.filter((key) => !ROUTE_GUARDS.has(key))).toEqual([]);
    expect([...ROUTE_GUARDS.keys()].filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('answers each caller as declared, and a token lacking the route’s scope 403 naming it', async () => {
    const wrong: string[] = [];
    for (const [method, path] of routes) {
      const expected = ROUTE_GUARDS.get(`${method} ${path}`);
      if (expected === undefined) continue;
      const query = ROUTE_QUERIES[`${method} ${path}`]?.(t.published.plan.id);
      const url = `${fillPath(t, method, path)}${query === undefined ? '' : `?${query}`}`;
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {};
      for (const caller of CALLERS) {
        const answer = (await t.request(caller, { method: method as 'GET', url, ...body })).statusCode;
        const want = expected[caller];
        const ok = want === 'pass' ? answer !== 401 && answer !== 403 && answer < 500 : answer === want;
        if (!ok) wrong.push(`${method} ${path} as ${caller}: ${answer}, declared ${want}`);
      }
      // Token callers: the supervisor's token without the scope the route needs is refused,
      // naming it; with that scope alone it meets the guard as the supervisor does.
      const scope = path.startsWith('/api/')
        ? requiredScope(method, path.replace(/\{([^}]+)\}/g, ':$1'))
        : null;
      if (scope === null) continue;
      const refused = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${without[scope]}` },
        ...body,
      });
      if (refused.statusCode !== 403 || !refused.body.includes(`lacks the scope \\"${scope}\\"`))
        wrong.push(`${method} ${path} by a token without ${scope}: ${refused.statusCode}`);
      const scoped = (
        await t.app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: `Bearer ${only[scope]}` },
          ...body,
        })
      ).statusCode;
      const want = expected.supervisor;
      if (want === 'pass' ? scoped === 401 || scoped === 403 || scoped >= 500 : scoped !== want)
        wrong.push(`${method} ${path} by a token with only ${scope}: ${scoped}, declared ${want}`);
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
