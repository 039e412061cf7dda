/**
 * The permission matrix of issue 6's endpoints (documents, interop, open data), as
 * permissions.test.ts does for the rest: every caller against every endpoint, with valid
 * payloads, so each cell tests only who may do what.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { exampleReport } from '../../test/fixtures/example.js';
import { CALLERS, createTestApp, multipart } from './testing/test-app.js';
import type { Caller, TestApp } from './testing/test-app.js';
import { importPlan } from '../commands/plans.js';

type Expected = Record<Caller, number>;

const ERROR_CODE_BY_STATUS: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

function all(status: number, except: Partial<Expected> = {}): Expected {
  return { ...Object.fromEntries(CALLERS.map((caller) => [caller, status])), ...except } as Expected;
}
const ANY_SIGNED_IN = (status: number): Expected => all(status, { public: 401 });
const ASSIGNERS = (status: number): Expected => all(403, { public: 401, admin: status, supervisor: status });

interface Cell {
  name: string;
  expected: Expected;
  request: (t: TestApp, caller: Caller) => Promise<InjectOptions> | InjectOptions;
}

const V1 = '/api/v1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOW = new Date('2022-07-02T08:00:00.000Z');
const validResults = readFileSync(
  new URL('../../test/fixtures/interop/decidim/valid_result.csv', import.meta.url),
);

/** Next year's plan (2023) that link-previous and carry-over work on. */
let nextPlanId = 0;

/** A data-call form for unit A, filled (blank values typed), for a period per caller. */
async function filledForm(t: TestApp, periodKey: string): Promise<Buffer> {
  const url = `${V1}/plans/${t.published.plan.id}/data-calls/${periodKey}/units/${t.unitA.id}.xlsx`;
  const response = await t.request('admin', { url });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('指标数据')!;
  for (let r = 1; r <= ws.rowCount; r++) {
    if (typeof ws.getCell(r, 8).value === 'number') ws.getCell(r, 6).value = 1;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Each caller submits for its own month, so that no cell depends on another's submission. */
const PERIOD_BY_CALLER: Record<Caller, string> = {
  public: '2022-01',
  admin: '2022-02',
  supervisor: '2022-03',
  reporter: '2022-04',
  otherReporter: '2022-05',
  leader: '2022-06',
};

const MATRIX: Cell[] = [
  {
    name: 'GET /plans/:id/ledger.xlsx',
    expected: ANY_SIGNED_IN(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/ledger.xlsx` }),
  },
  {
    name: 'GET /plans/:id/ledger.xlsx (draft)',
    expected: ANY_SIGNED_IN(200),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/ledger.xlsx?layout=by-chapter` }),
  },
  {
    name: 'POST /plans/:id/ledger (dry run)',
    expected: ASSIGNERS(200),
    request: async (t) => {
      const ledger = await t.request('admin', { url: `${V1}/plans/${t.published.plan.id}/ledger.xlsx` });
      return {
        method: 'POST',
        url: `${V1}/plans/${t.published.plan.id}/ledger?dryRun=1`,
        ...multipart({ name: 'ledger.xlsx', content: ledger.rawPayload, type: XLSX }),
      };
    },
  },
  {
    name: "GET /plans/:id/data-calls/:period/units/:unit.xlsx (unit A's form)",
    expected: all(200, { public: 401, otherReporter: 403 }),
    request: (t) => ({
      url: `${V1}/plans/${t.published.plan.id}/data-calls/2022-06/units/${t.unitA.id}.xlsx`,
    }),
  },
  {
    name: "POST /plans/:id/data-calls/:period/units/:unit (unit A's filled form)",
    // A report is the unit's own (an admin may act for it); supervisors review, leaders read.
    expected: all(403, { public: 401, admin: 201, reporter: 201 }),
    request: async (t, caller) => {
      const period = PERIOD_BY_CALLER[caller];
      return {
        method: 'POST',
        url: `${V1}/plans/${t.published.plan.id}/data-calls/${period}/units/${t.unitA.id}`,
        ...multipart({ name: 'form.xlsx', content: await filledForm(t, period), type: XLSX }),
      };
    },
  },
  ...(['targets', 'achievements', 'projects', 'tasks'] as const).flatMap((list): Cell[] => [
    {
      name: `GET /plans/:id/exports/${list}.csv`,
      expected: all(200),
      request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/exports/${list}.csv` }),
    },
    {
      name: `GET /plans/:id/exports/${list}.xlsx (draft)`,
      expected: all(200, { public: 404 }),
      request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/exports/${list}.xlsx` }),
    },
  ]),
  {
    // The trail names every unit's 督办单, answers and extension reasons (issue 12.3).
    name: 'GET /plans/:id/exports/audit.xlsx',
    expected: all(200, { public: 401, reporter: 403, otherReporter: 403 }),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/exports/audit.xlsx` }),
  },
  ...(['review', 'review.docx', 'review.xlsx'] as const).flatMap((path): Cell[] => [
    {
      name: `GET /plans/:id/${path}`,
      expected: all(200),
      request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/${path}` }),
    },
    {
      name: `GET /plans/:id/${path} (draft)`,
      expected: all(200, { public: 404 }),
      request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/${path}` }),
    },
  ]),
  {
    name: 'POST /plans/import/decidim',
    expected: ASSIGNERS(201),
    request: () => ({
      method: 'POST',
      url: `${V1}/plans/import/decidim`,
      ...multipart({ name: 'valid_result.csv', content: validResults, type: 'text/csv' }),
    }),
  },
  {
    name: 'GET /plans/:id/decidim.csv',
    expected: all(200),
    request: (t) => ({ url: `${V1}/plans/${t.published.plan.id}/decidim.csv` }),
  },
  {
    name: 'GET /plans/:id/decidim.csv (draft)',
    expected: all(200, { public: 404 }),
    request: (t) => ({ url: `${V1}/plans/${t.draft.plan.id}/decidim.csv` }),
  },
  { name: 'GET /public/plans', expected: all(200), request: () => ({ url: `${V1}/public/plans` }) },
  {
    name: 'GET /public/plans/:id.json',
    expected: all(200),
    request: (t) => ({ url: `${V1}/public/plans/${t.published.plan.id}.json` }),
  },
  {
    name: 'GET /public/plans/:id.json (draft: not open data, even to staff)',
    expected: all(404),
    request: (t) => ({ url: `${V1}/public/plans/${t.draft.plan.id}.json` }),
  },
  ...(['targets', 'achievements', 'tasks', 'projects'] as const).map((list): Cell => ({
    name: `GET /public/plans/:id/${list}.csv`,
    expected: all(200),
    request: (t) => ({ url: `${V1}/public/plans/${t.published.plan.id}/${list}.csv` }),
  })),
  {
    name: 'POST /plans/:id/link-previous',
    expected: ASSIGNERS(200),
    request: (t) => ({
      method: 'POST',
      url: `${V1}/plans/${nextPlanId}/link-previous`,
      payload: { previousPlanId: t.published.plan.id },
    }),
  },
  {
    name: 'POST /plans/:id/carry-over',
    expected: ASSIGNERS(200),
    request: (t, caller) => ({
      method: 'POST',
      url: `${V1}/plans/${nextPlanId}/carry-over`,
      // Each allowed caller carries its own task, so the second is not refused as a repeat.
      payload: {
        previousPlanId: t.published.plan.id,
        taskIds: [caller === 'admin' ? t.taskA.id : t.taskB.id],
      },
    }),
  },
];

describe.each(DIALECTS)('permission matrix of documents and open data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    nextPlanId = (
      await importPlan(t.store, { jurisdictionId: 1, ...exampleReport(), year: 2023, state: 'draft' })
    ).plan.id;
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
      const response = await t.request('public', options);
      expect(response.statusCode, cell.name).toBe(200);
      // Binary files (.xlsx/.docx) are zip: their text is checked by the CSV and JSON twins.
      if (/xlsx|docx/.test(cell.name)) continue;
      expect(response.body, cell.name).not.toMatch(/王区长|李副区长|"leader"|"username"|passwordHash|argon2/);
    }
  });

  it.each(rows)('%s as %s → %i', async (_name, caller, status, cell) => {
    const response = await t.request(caller, await cell.request(t, caller));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(status);
    const code = ERROR_CODE_BY_STATUS[status];
    if (code !== undefined) expect(JSON.parse(response.body)).toMatchObject({ error: { code } });
  });
});
