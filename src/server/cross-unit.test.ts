/**
 * Cross-unit reads (issue 12.3): a unit's user reads and cites only its own units' evidence (and
 * files it uploaded for no unit), never another unit's — through the download, a report's
 * `evidence` and a 销号 application; the plan-wide audit trail, which names every unit's
 * 督办单, answers and extension reasons, is exported to the plan office and leaders only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { createTestApp, json, multipart } from './testing/test-app.js';
import type { Caller, TestApp } from './testing/test-app.js';

const V1 = '/api/v1';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32)]);

describe.each(DIALECTS)('cross-unit reads on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  /** Files unitB's reporter uploaded: one for unitB, one for no unit. */
  let unitBFile: number;
  let unitlessFile: number;
  let ownFile: number;
  const upload = async (caller: Caller, name: string, unitId?: number) => {
    const body = multipart(
      { name, content: PDF, type: 'application/pdf' },
      unitId === undefined ? {} : { unitId: String(unitId) },
    );
    const answer = await t.request(caller, { method: 'POST', url: `${plan}/evidence`, ...body });
    expect(answer.statusCode, answer.body).toBe(201);
    return json<{ id: number }>(answer).id;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-04-02T09:00:00.000Z') });
    plan = `${V1}/plans/${t.published.plan.id}`;
    unitBFile = await upload('otherReporter', '回龙观项目-机密.pdf', t.unitB.id);
    unitlessFile = await upload('otherReporter', '无单位附件.pdf');
    ownFile = await upload('reporter', '本单位台账.pdf', t.unitA.id);
  });

  it('lets a unit download its own files, never another unit’s or one another user uploaded for no unit', async () => {
    const status = async (caller: Caller, id: number) =>
      (await t.request(caller, { url: `${plan}/evidence/${id}` })).statusCode;
    expect(await status('reporter', unitBFile)).toBe(403);
    expect(await status('reporter', unitlessFile)).toBe(403);
    expect(await status('reporter', ownFile)).toBe(200);
    expect(await status('otherReporter', unitlessFile)).toBe(200);
    expect(await status('otherReporter', unitBFile)).toBe(200);
    for (const staff of ['supervisor', 'admin', 'leader'] as const)
      expect(await status(staff, unitBFile), staff).toBe(200);
  });

  it('refuses another unit’s file cited in a report as an unknown one, and stores nothing', async () => {
    for (const id of [unitBFile, unitlessFile]) {
      const answer = await t.request('reporter', {
        method: 'POST',
        url: `${plan}/reports`,
        payload: {
          unitId: t.unitA.id,
          periodKey: '2022-03',
          tasks: [{ taskId: t.taskA.id, progress: 30, state: 'in_progress', note: '' }],
          targets: [],
          evidence: [id],
        },
      });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.body).toContain(`no evidence file ${id} in this plan`);
      expect(answer.body).not.toContain('机密');
    }
    expect(await t.store.tracking.listReports(t.published.plan.id)).toEqual([]);
  });

  it('refuses another unit’s file cited in a 销号 application', async () => {
    const apply = (evidence: number[]) =>
      t.request('reporter', {
        method: 'POST',
        url: `${plan}/tasks/${t.taskA.id}/closure`,
        payload: { evidence, note: '已竣工验收' },
      });
    const foreign = await apply([unitBFile]);
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect(foreign.body).not.toContain('机密');
    expect(foreign.body).toContain(`no evidence file ${unitBFile} in this plan`);
    // The unit's own file passes the evidence check: what stops it is the task (not done yet).
    const own = await apply([ownFile]);
    expect([own.statusCode, own.body]).toEqual([409, expect.stringContaining('is not done')]);
  });

  it('exports the audit trail of all units to the plan office and leaders, never to a unit', async () => {
    const status = async (caller: Caller) =>
      (await t.request(caller, { url: `${plan}/exports/audit.csv` })).statusCode;
    expect(await status('public')).toBe(401);
    expect(await status('reporter')).toBe(403);
    expect(await status('otherReporter')).toBe(403);
    for (const staff of ['supervisor', 'admin', 'leader'] as const)
      expect(await status(staff), staff).toBe(200);
    const xlsx = await t.request('reporter', { url: `${plan}/exports/audit.xlsx` });
    expect(xlsx.statusCode).toBe(403);
  });
});
