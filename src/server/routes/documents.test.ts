import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../plan/types.js';
import { DIALECTS, writePlanRows } from '../../../test/factories.js';
import { convertToPdf, pdfPages, squash } from '../../documents/testing/office.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { updateTarget, updateTask } from '../../commands/items.js';

const V1 = '/api/v1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Mid-July 2022: the June data call is open, earlier months have ended. */
const NOW = new Date('2022-07-02T08:00:00.000Z');

async function load(bytes: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Header name → column number, and the row of each 任务ID / 指标ID, in a sheet. */
function layout(ws: ExcelJS.Worksheet, idHeader: string) {
  for (let r = 1; r <= 10; r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => cols.set(String(cell.value), c));
    const idCol = cols.get(idHeader);
    if (idCol === undefined) continue;
    const rows = new Map<number, number>();
    for (let k = r + 1; k <= ws.rowCount; k++) {
      const v = ws.getCell(k, idCol).value;
      if (typeof v === 'number') rows.set(v, k);
    }
    return { header: r, cols, rows, col: (name: string) => cols.get(name)! };
  }
  throw new Error(`no ${idHeader} header in ${ws.name}`);
}

function upload(name: string, content: Buffer, type = XLSX) {
  return multipart({ name, content, type });
}

function filenameOf(response: LightMyRequestResponse): string {
  const header = String(response.headers['content-disposition']);
  const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return decodeURIComponent(star ?? '');
}

/** Every task of a plan, by id, with what the ledger can change. */
async function snapshot(t: TestApp, planId: number) {
  const tasks = (await t.store.tasks.list(planId, { limit: 1000 })).items;
  return new Map(
    tasks.map((task: Task) => [
      task.id,
      {
        leadUnitId: task.leadUnitId,
        coUnitIds: [...task.coUnitIds].sort(),
        leader: task.leader,
        deadline: task.deadline,
        state: task.state,
        progress: task.progress,
      },
    ]),
  );
}

describe.each(DIALECTS)('document routes on %s', (dialect) => {
  let t: TestApp;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    planId = t.published.plan.id;
  });

  describe('GET /plans/:id/ledger.xlsx', () => {
    it('sends the 任务分解表 with a Chinese file name, units and leaders, one sheet or one per chapter', async () => {
      const response = await t.request('supervisor', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(filenameOf(response)).toBe(`${t.published.plan.title}任务分解表.xlsx`);
      expect(String(response.headers['content-disposition'])).toMatch(
        /^attachment; filename="[ -~]+"; filename\*=/,
      );
      const wb = await load(response.rawPayload);
      const ws = wb.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      const row = l.rows.get(t.taskA.id)!;
      expect(ws.getCell(row, l.col('牵头单位')).value).toBe(t.unitA.name);
      expect(ws.getCell(row, l.col('责任领导')).value).toBe('王区长');
      expect(l.cols.has('3月进度(%)')).toBe(true);
      // Stamping the task versions keeps the layout: hidden meta sheet, A4 landscape, frozen header.
      expect(wb.getWorksheet('_luoshi')?.state).toBe('veryHidden');
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });

      const byChapter = await t.request('admin', {
        url: `${V1}/plans/${planId}/ledger.xlsx?layout=by-chapter`,
      });
      const sheets = (await load(byChapter.rawPayload)).worksheets.filter((s) => s.state === 'visible');
      expect(sheets.length).toBeGreaterThan(0);
      expect(sheets.map((s) => s.name)).not.toContain('任务分解表');
    });

    it("gives a reporter its own units' tasks only", async () => {
      const response = await t.request('reporter', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      expect(response.statusCode).toBe(200);
      const ws = (await load(response.rawPayload)).getWorksheet('任务分解表')!;
      const ids = [...layout(ws, '任务ID').rows.keys()];
      expect(ids).toContain(t.taskA.id);
      expect(ids).not.toContain(t.taskB.id);
    });
  });

  describe('POST /plans/:id/ledger', () => {
    it('round-trips: export → edit in Excel → import applies exactly those changes, in one go', async () => {
      const exported = await t.request('supervisor', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      const wb = await load(exported.rawPayload);
      const ws = wb.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      // Two rows besides taskA's: one changes state, one its leader and date.
      const [second, third] = [...l.rows.keys()].filter((id) => id !== t.taskA.id).slice(1);
      const rowA = l.rows.get(t.taskA.id)!;
      ws.getCell(rowA, l.col('牵头单位')).value = t.unitC.name;
      ws.getCell(rowA, l.col('配合单位')).value = `${t.unitA.name}、${t.unitB.name}`;
      // Within the plan's slippage threshold (30 days): a ledger may move it (issue 19).
      ws.getCell(rowA, l.col('完成时限')).value = '2022年7月20日';
      ws.getCell(l.rows.get(second!)!, l.col('状态')).value = '推进中';
      ws.getCell(l.rows.get(third!)!, l.col('责任领导')).value = '张副区长';
      // A date typed in Excel: a date value with a date format.
      const dateCell = ws.getCell(l.rows.get(third!)!, l.col('完成时限'));
      dateCell.value = new Date(Date.UTC(2022, 10, 30));
      // (A new style object: exceljs shares one between the cells of a column.)
      dateCell.style = { ...dateCell.style, numFmt: 'yyyy-mm-dd' };
      const bytes = await save(wb);

      const before = await snapshot(t, planId);
      const dry = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger?dryRun=1`,
        ...upload('任务分解表.xlsx', bytes),
      });
      expect(dry.statusCode, dry.body).toBe(200);
      expect(json(dry)).toMatchObject({ dryRun: true, applied: false, tasksChanged: 3 });
      expect(await snapshot(t, planId)).toEqual(before);

      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('任务分解表.xlsx', bytes),
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = json<{
        applied: boolean;
        changes: { taskId: number; column: string; after: string; cell: string }[];
      }>(response);
      expect(body.applied).toBe(true);
      expect(body.changes).toHaveLength(6);
      expect(body.changes).toContainEqual(
        expect.objectContaining({ taskId: t.taskA.id, column: '牵头单位', after: t.unitC.name }),
      );
      expect(body.changes.every((c) => /^任务分解表![A-Z]+\d+$/.test(c.cell))).toBe(true);

      const after = await snapshot(t, planId);
      const expected = new Map(before);
      expected.set(t.taskA.id, {
        ...before.get(t.taskA.id)!,
        leadUnitId: t.unitC.id,
        coUnitIds: [t.unitA.id, t.unitB.id].sort(),
        deadline: '2022-07-20',
      });
      expected.set(second!, { ...before.get(second!)!, state: 'in_progress' });
      expected.set(third!, { ...before.get(third!)!, leader: '张副区长', deadline: '2022-11-30' });
      expect(after).toEqual(expected);

      // The changes are in the audit trail, with the file named as the reason.
      const events = await t.store.audit.list(planId, { entity: { type: 'task', id: t.taskA.id } });
      expect(events.at(-1)).toMatchObject({
        action: 'task.ledger_import',
        reason: '任务分解表导入（任务分解表.xlsx）',
      });

      // The same file again changes nothing more.
      const again = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('任务分解表.xlsx', bytes),
      });
      expect(again.statusCode).toBe(200);
      expect(json(again)).toMatchObject({ applied: false, changes: [] });

      // A file exported before someone changed the task in Luoshi cannot overwrite it: 409.
      ws.getCell(rowA, l.col('责任领导')).value = '旧文件里的名字';
      const stale = await save(wb);
      const current = await t.store.tasks.get(planId, t.taskA.id);
      await updateTask(t.store, planId, t.taskA.id, { weight: 2 }, current.version);
      const conflict = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('任务分解表.xlsx', stale),
      });
      expect(conflict.statusCode, conflict.body).toBe(409);
      expect(conflict.body).toContain(`任务分解表!${ws.getColumn(l.col('责任领导')).letter}${rowA}`);
      expect((await t.store.tasks.get(planId, t.taskA.id)).leader).toBe(after.get(t.taskA.id)?.leader);
    });

    it('refuses a published deadline moved past the slippage threshold, naming its cell (issue 19)', async () => {
      const exported = await t.request('supervisor', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      const wb = await load(exported.rawPayload);
      const ws = wb.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      const rowA = l.rows.get(t.taskA.id)!;
      ws.getCell(rowA, l.col('完成时限')).value = '2022年12月底';
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('任务分解表.xlsx', await save(wb)),
      });
      expect(response.statusCode, response.body).toBe(400);
      const problem = json<{ error: { details: { path: string; message: string }[] } }>(response).error
        .details[0]!;
      expect(problem.path).toBe(`任务分解表!${ws.getColumn(l.col('完成时限')).letter}${rowA}`);
      expect(problem.message).toBe('比原定完成时限推迟184天，超过30天：请在系统中调整并填写偏差说明');
      expect((await t.store.tasks.get(planId, t.taskA.id)).deadline).toBe('2022-07-20');
    });

    it('rejects the whole file, naming sheet, row and column of every problem, and applies nothing', async () => {
      const exported = await t.request('admin', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      const wb = await load(exported.rawPayload);
      const ws = wb.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      const [first, second, third] = [...l.rows.keys()];
      ws.getCell(l.rows.get(first!)!, l.col('责任领导')).value = '一个合法的修改';
      ws.getCell(l.rows.get(second!)!, l.col('牵头单位')).value = '不存在的单位';
      ws.getCell(l.rows.get(third!)!, l.col('完成时限')).value = '明年';
      ws.getCell(l.rows.get(third!)!, l.col('任务ID')).value = 999_999;
      const before = await snapshot(t, planId);
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('ledger.xlsx', await save(wb)),
      });
      expect(response.statusCode, response.body).toBe(400);
      const details = json<{ error: { details: { path: string; message: string }[] } }>(response).error
        .details;
      const cell = (row: number, header: string) => `任务分解表!${ws.getColumn(l.col(header)).letter}${row}`;
      expect(details.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          cell(l.rows.get(second!)!, '牵头单位'),
          cell(l.rows.get(third!)!, '完成时限'),
          cell(l.rows.get(third!)!, '任务ID'),
        ]),
      );
      expect(await snapshot(t, planId)).toEqual(before);
    });

    it('refuses progress typed into a period that is not locked, and corrects a locked one', async () => {
      const exported = await t.request('admin', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      const wb = await load(exported.rawPayload);
      const ws = wb.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      ws.getCell(l.rows.get(t.taskB.id)!, l.col('3月进度(%)')).value = 40;
      const bytes = await save(wb);
      const open = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('ledger.xlsx', bytes),
      });
      expect(open.statusCode).toBe(400);
      expect(open.body).toContain('尚未锁定：进度以各单位报送为准，如需在台账中更正，请先锁定该报送期');

      await writePlanRows(t.store, planId, (tx) =>
        tx.tracking.insertLock(planId, {
          key: '2022-03',
          lockedAt: NOW.toISOString(),
          lockedBy: t.users.admin.id,
        }),
      );
      const locked = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('ledger.xlsx', bytes),
      });
      expect(locked.statusCode, locked.body).toBe(200);
      const corrections = await t.store.tracking.listCorrections(planId);
      expect(corrections).toContainEqual(
        expect.objectContaining({ periodKey: '2022-03', item: { type: 'task', id: t.taskB.id }, value: 40 }),
      );
    });

    it('answers 415 for a .docx or a GBK CSV, and 400 for a ledger of another plan', async () => {
      const review = await t.request('admin', { url: `${V1}/plans/${planId}/review.docx` });
      const docx = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('ledger.xlsx', review.rawPayload),
      });
      expect(docx.statusCode, docx.body).toBe(415);
      expect(json<{ error: { message: string } }>(docx).error.message).toContain('.docx');
      const csv = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload(
          'ledger.csv',
          iconv.encode('序号,任务内容,牵头单位\r\n1,推进回天计划,区发展改革委\r\n', 'gbk'),
          'text/csv',
        ),
      });
      expect(csv.statusCode).toBe(415);
      expect(json<{ error: { message: string } }>(csv).error.message).toMatch(/CSV|text/);

      const other = await t.request('admin', { url: `${V1}/plans/${t.draft.plan.id}/ledger.xlsx` });
      const wrong = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${planId}/ledger`,
        ...upload('ledger.xlsx', other.rawPayload),
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('_luoshi!B3');
    });
    it('points at renamed sheets, merged cells, duplicate ids, formulas without a value and missing columns', async () => {
      const exported = await t.request('admin', { url: `${V1}/plans/${planId}/ledger.xlsx` });
      const send = async (wb: ExcelJS.Workbook) => {
        const response = await t.request('admin', {
          method: 'POST',
          url: `${V1}/plans/${planId}/ledger`,
          ...upload('ledger.xlsx', await save(wb)),
        });
        expect(response.statusCode, response.body).toBe(400);
        return json<{ error: { details: { path: string; message: string }[] } }>(response).error.details;
      };
      const before = await snapshot(t, planId);

      const renamed = await load(exported.rawPayload);
      renamed.getWorksheet('任务分解表')!.name = '分解表（改）';
      expect((await send(renamed))[0]).toMatchObject({
        path: '任务分解表!A1',
        message: expect.stringContaining('可能被删除或改名'),
      });

      const broken = await load(exported.rawPayload);
      const ws = broken.getWorksheet('任务分解表')!;
      const l = layout(ws, '任务ID');
      const [first, second, third] = [...l.rows.values()];
      const letter = (name: string) => ws.getColumn(l.col(name)).letter;
      ws.mergeCells(`${letter('牵头单位')}${first}:${letter('配合单位')}${first}`);
      ws.getCell(second!, l.col('任务ID')).value = ws.getCell(third!, l.col('任务ID')).value;
      ws.getCell(third!, l.col('完成时限')).value = {
        formula: 'DATE(2022,6,30)',
      } as ExcelJS.CellFormulaValue;
      const details = await send(broken);
      const paths = details.map((d) => d.path);
      expect(paths).toContain(`任务分解表!${letter('牵头单位')}${first}:${letter('配合单位')}${first}`);
      expect(details.find((d) => d.message.includes('重复'))?.path).toBe(
        `任务分解表!${letter('任务ID')}${third}`,
      );
      expect(paths).toContain(`任务分解表!${letter('完成时限')}${third}`);

      const missing = await load(exported.rawPayload);
      const ms = missing.getWorksheet('任务分解表')!;
      const m = layout(ms, '任务ID');
      ms.getCell(m.header, m.col('牵头单位')).value = '单位';
      expect((await send(missing)).map((d) => d.message)).toContain('缺少必填列“牵头单位”：请不要删除或改名');
      expect(await snapshot(t, planId)).toEqual(before);
    });
  });

  describe('data calls', () => {
    it("exports a unit's form for a period and takes it back as the unit's report", async () => {
      const url = `${V1}/plans/${planId}/data-calls/2022-06/units/${t.unitA.id}`;
      const target = (await t.store.targets.list(planId, { limit: 1 })).items[0]!;
      await updateTarget(t.store, planId, target.id, { leadUnitId: t.unitA.id }, target.version);
      const form = await t.request('reporter', { url: `${url}.xlsx` });
      expect(form.statusCode, form.body).toBe(200);
      expect(form.headers['content-type']).toBe(XLSX);
      expect(filenameOf(form)).toContain(t.unitA.name);
      const wb = await load(form.rawPayload);
      const ws = wb.getWorksheet('任务进展')!;
      const l = layout(ws, '任务ID');
      const row = l.rows.get(t.taskA.id)!;

      // A row deleted: the task is owed and missing, pointed at its sheet.
      const cut = await load(form.rawPayload);
      cut.getWorksheet('任务进展')!.spliceRows(row, 1);
      const missing = await t.request('reporter', {
        method: 'POST',
        url,
        ...upload('form.xlsx', await save(cut)),
      });
      expect(missing.statusCode, missing.body).toBe(400);
      expect(
        json<{ error: { details: { path: string; message: string }[] } }>(missing).error.details,
      ).toContainEqual({
        path: '任务进展!A1',
        message: '本期应报的任务还有1项未填报',
      });

      ws.getCell(row, l.col('本期进度(%)')).value = 120;
      ws.getCell(row, l.col('状态')).value = '推进中';
      const bad = await t.request('reporter', {
        method: 'POST',
        url,
        ...upload('form.xlsx', await save(wb)),
      });
      expect(bad.statusCode, bad.body).toBe(400);
      const cell = `任务进展!${ws.getColumn(l.col('本期进度(%)')).letter}${row}`;
      const badDetails = json<{ error: { details: { path: string; message: string }[] } }>(bad).error.details;
      expect(badDetails.map((d) => d.path)).toContain(cell);
      // The target's value was left blank: named at its cell, in the same answer.
      const sheet = wb.getWorksheet('指标数据')!;
      const g0 = layout(sheet, '指标ID');
      expect(badDetails).toContainEqual({
        path: `指标数据!${sheet.getColumn(g0.col('本期累计值')).letter}${g0.rows.get(target.id)}`,
        message: '未填写：请填写截至目前的数值',
      });
      expect(await t.store.tracking.findReport(planId, t.unitA.id, '2022-06')).toBeUndefined();

      ws.getCell(row, l.col('本期进度(%)')).value = 55;
      ws.getCell(row, l.col('进展情况')).value = '已完成主体工程';
      const targets = wb.getWorksheet('指标数据')!;
      const g = layout(targets, '指标ID');
      for (const r of g.rows.values()) targets.getCell(r, g.col('本期累计值')).value = 1;
      const ok = await t.request('reporter', { method: 'POST', url, ...upload('form.xlsx', await save(wb)) });
      expect(ok.statusCode, ok.body).toBe(201);
      const report = await t.store.tracking.findReport(planId, t.unitA.id, '2022-06');
      expect(report?.status).toBe('submitted');
      expect(report?.tasks).toContainEqual(
        expect.objectContaining({ taskId: t.taskA.id, progress: 55, note: '已完成主体工程' }),
      );
    });

    it("refuses another unit's form to a reporter", async () => {
      const response = await t.request('reporter', {
        url: `${V1}/plans/${planId}/data-calls/2022-06/units/${t.unitB.id}.xlsx`,
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('list exports and the review', () => {
    it('sends tasks as CSV (UTF-8 with BOM) and .xlsx; the public gets no 责任领导', async () => {
      const staff = await t.request('leader', { url: `${V1}/plans/${planId}/exports/tasks.csv` });
      expect(staff.statusCode).toBe(200);
      expect(staff.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(staff.body.startsWith('\ufeff任务ID,')).toBe(true);
      expect(staff.body).toContain('责任领导');
      const open = await t.request('public', { url: `${V1}/plans/${planId}/exports/tasks.csv` });
      expect(open.statusCode).toBe(200);
      expect(open.body).not.toContain('责任领导');
      expect(open.body).not.toContain('王区长');
      const xlsx = await t.request('public', { url: `${V1}/plans/${planId}/exports/targets.xlsx` });
      expect(xlsx.headers['content-type']).toBe(XLSX);
      expect((await load(xlsx.rawPayload)).worksheets[0]?.name).toBe('主要指标');
      const audit = await t.request('public', { url: `${V1}/plans/${planId}/exports/audit.csv` });
      expect(audit.statusCode).toBe(401);
      const staffAudit = await t.request('supervisor', { url: `${V1}/plans/${planId}/exports/audit.csv` });
      expect(staffAudit.body).toContain('task.ledger_import');
    });

    it('answers the review as JSON, .docx and .xlsx', async () => {
      const review = await t.request('public', { url: `${V1}/plans/${planId}/review?asOf=2022-12-31` });
      expect(review.statusCode, review.body).toBe(200);
      const body = json<{ asOf: string; targets: { verdict: string; rule: string }[]; chapters: unknown[] }>(
        review,
      );
      expect(body.asOf).toBe('2022-12-31');
      expect(body.targets.length).toBe(t.published.counts.targets);
      expect(body.targets.every((row) => typeof row.rule === 'string')).toBe(true);
      const docx = await t.request('leader', { url: `${V1}/plans/${planId}/review.docx` });
      expect(docx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(filenameOf(docx)).toBe(`${t.published.plan.title}落实情况报告.docx`);
      const xlsx = await t.request('leader', { url: `${V1}/plans/${planId}/review.xlsx` });
      expect(xlsx.statusCode).toBe(200);
      expect((await load(xlsx.rawPayload)).worksheets.length).toBeGreaterThan(0);
      const draft = await t.request('public', { url: `${V1}/plans/${t.draft.plan.id}/review` });
      expect(draft.statusCode).toBe(404);
    });
  });
});

describe('document downloads open in LibreOffice', () => {
  it('converts the ledger, a data-call form and the review from HTTP to PDF with their Chinese text', async () => {
    const t = await createTestApp('sqlite', { now: () => NOW });
    const id = t.published.plan.id;
    const get = async (url: string) =>
      (await t.request('admin', { url: `${V1}/plans/${id}/${url}` })).rawPayload;
    const pdfs = await convertToPdf({
      'ledger.xlsx': await get('ledger.xlsx'),
      'form.xlsx': await get(`data-calls/2022-06/units/${t.unitA.id}.xlsx`),
      'review.docx': await get('review.docx'),
    });
    const text = async (name: string) => squash((await pdfPages(pdfs[name]!)).map((p) => p.text).join('\n'));
    expect(await text('ledger.xlsx')).toContain(squash(`${t.published.plan.title}重点任务分解表`));
    expect(await text('ledger.xlsx')).toContain(t.unitA.name);
    expect(await text('form.xlsx')).toContain(squash(`填报单位：${t.unitA.name}`));
    expect(await text('review.docx')).toContain(squash(t.published.plan.title));
  }, 120_000);
});
