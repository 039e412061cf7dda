/**
 * The permission matrix of the tracking and supervision endpoints (issue 4): every caller
 * against every endpoint. `ok` means the caller got past the permission rules (any answer but
 * 401, 403 or 404: a write may still meet a state conflict), so each cell tests who may act.
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { CALLERS, createTestApp } from './testing/test-app.js';
import type { Caller, TestApp } from './testing/test-app.js';

type Outcome = number | 'ok';
type Expected = Record<Caller, Outcome>;

function all(outcome: Outcome, except: Partial<Expected> = {}): Expected {
  return { ...Object.fromEntries(CALLERS.map((caller) => [caller, outcome])), ...except } as Expected;
}
const SIGNED_IN = (outcome: Outcome) => all(outcome, { public: 401 });
const SUPERVISORS = all(403, { public: 401, admin: 'ok', supervisor: 'ok' });
/** Acting for unitA (taskA's lead unit): its reporter, or an admin. */
const UNIT_A = all(403, { public: 401, admin: 'ok', reporter: 'ok' });

interface Cell {
  name: string;
  expected: Expected;
  request: (t: TestApp) => InjectOptions;
}

const V1 = '/api/v1';
const pdf = () => {
  const boundary = '----perm';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.7 test\r\n--${boundary}--\r\n`,
      ),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

/** A task of the draft plan (the fixture names only the published plan's), set per dialect. */
let draftTaskId = 0;

const MATRIX: Cell[] = [
  ...(
    [
      'tracking/settings',
      'periods',
      'reports',
      'reminders',
      'notifications',
      'notices',
      'extensions',
      'closures',
    ] as const
  ).map((part): Cell => ({
    name: `GET /plans/:id/${part}`,
    expected: SIGNED_IN(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/${part}` }),
  })),
  {
    name: "GET /plans/:id/todos?unitId=A (unitA's to-dos)",
    expected: all(200, { public: 401, otherReporter: 403 }),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/todos?unitId=${t.unitA.id}` }),
  },
  ...(['health', 'health/items', 'health/trend', 'explain/plan'] as const).flatMap((part): Cell[] => [
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
  ]),
  {
    name: 'GET /plans/:id/health/trend/task:taskA',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/health/trend/task:${t.taskA.id}` }),
  },
  {
    name: 'GET /plans/:id/health/trend/task:<draft task> (draft)',
    expected: all(200, { public: 404 }),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/health/trend/task:${draftTaskId}` }),
  },
  {
    name: 'GET /plans/:id/tasks/:taskId/figures',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}/figures` }),
  },
  {
    name: 'GET /plans/:id/tasks/:taskId/history',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}/history` }),
  },
  {
    name: 'PUT /plans/:id/tracking/settings',
    expected: SUPERVISORS,
    request: (t) => ({
      method: 'PUT',
      url: `${V1}/plans/${t.published.plan.id}/tracking/settings`,
      payload: { period: { dueDay: 6 }, health: {}, version: 0 },
    }),
  },
  {
    name: 'POST /plans/:id/periods/:key/lock',
    expected: SUPERVISORS,
    request: (t) => ({ method: 'POST', url: `${V1}/plans/${t.published.plan.id}/periods/2022-01/lock` }),
  },
  {
    name: "POST /plans/:id/reports (unitA's report)",
    expected: UNIT_A,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/reports`,
      payload: {
        unitId: t.unitA.id,
        periodKey: '2022-03',
        tasks: [{ taskId: t.taskA.id, progress: 30, state: 'in_progress' }],
      },
    }),
  },
  {
    name: 'POST /plans/:id/reports/:id/review',
    expected: { ...SUPERVISORS, admin: 404, supervisor: 404 },
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/reports/999999/review`,
      payload: { type: 'approve' },
    }),
  },
  {
    name: 'POST /plans/:id/corrections',
    expected: SUPERVISORS,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/corrections`,
      payload: { periodKey: '2022-01', item: { type: 'task', id: t.taskA.id }, value: 10, reason: '修订' },
    }),
  },
  {
    name: 'POST /plans/:id/evidence',
    expected: all('ok', { public: 401, leader: 403 }),
    request: (t) => ({ method: 'POST', url: `${V1}/plans/${t.published.plan.id}/evidence`, ...pdf() }),
  },
  {
    name: 'POST /plans/:id/notices',
    expected: SUPERVISORS,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/notices`,
      payload: { subject: { type: 'task', id: t.taskA.id }, content: '请加快推进', dueOn: '2022-04-30' },
    }),
  },
  {
    name: 'POST /plans/:id/extensions (on taskA)',
    expected: UNIT_A,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/extensions`,
      payload: { subject: { type: 'task', id: t.taskA.id }, requestedDeadline: '2022-12-31', reason: '征地' },
    }),
  },
  {
    name: 'POST /plans/:id/extensions/:id/decision',
    expected: { ...SUPERVISORS, admin: 404, supervisor: 404 },
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/extensions/999999/decision`,
      payload: { type: 'approve' },
    }),
  },
  {
    name: 'POST /plans/:id/tasks/:taskId/closure (taskA)',
    expected: UNIT_A,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}/closure`,
      payload: { evidence: [], note: '已完成' },
    }),
  },
  {
    name: 'POST /plans/:id/closures/:id/decision',
    expected: { ...SUPERVISORS, admin: 404, supervisor: 404 },
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/closures/999999/decision`,
      payload: { type: 'approve' },
    }),
  },
  {
    name: 'POST /plans/:id/tasks/:taskId/reopen',
    expected: SUPERVISORS,
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/tasks/${t.taskA.id}/reopen`,
      payload: { reason: '整改' },
    }),
  },
];

describe.each(DIALECTS)('tracking permission matrix on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-04-02T09:00:00.000Z') });
    draftTaskId = (await t.store.plans.getItems(t.draft.plan.id)).tasks[0]!.id;
  });

  for (const cell of MATRIX) {
    it(`${cell.name}: ${CALLERS.map((c) => `${c} ${cell.expected[c]}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) got[caller] = (await t.request(caller, cell.request(t))).statusCode;
      const want = Object.fromEntries(
        CALLERS.map((caller) => {
          const outcome = cell.expected[caller];
          const status = got[caller]!;
          const passes = outcome === 'ok' ? ![401, 403, 404].includes(status) : status === outcome;
          return [caller, passes ? status : outcome];
        }),
      );
      expect(got).toEqual(want);
    });
  }
});
