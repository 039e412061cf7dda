import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { convertDocxToPdf, listLines, loadExampleReport, makeDocx } from '../ingest/test-fixtures.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { exportLedger } from './ledger.js';
import { createParsePool } from './parse-pool.js';
import * as fx from './testing/fixtures.js';
import { quarterlyPeriods } from './types.js';
import { WORKBOOK_LIMITS } from './xlsx.js';

const pool = createParsePool({ size: 1 });
afterAll(() => pool.close());

const periods = quarterlyPeriods(2022);
const ledgerInput = {
  plan: fx.plan,
  outline: fx.outline,
  tasks: fx.tasks,
  units: fx.units,
  periods,
  progress: {},
  health: {},
  asOf: '2022年6月30日',
};

describe('createParsePool', () => {
  it('reads a .docx and a PDF report in a worker, as readReport does in this thread', async () => {
    const lines = listLines(await loadExampleReport());
    const docx = await makeDocx(lines);
    const fromDocx = await pool.run('readReport', docx, 'report.docx');
    expect(fromDocx).toMatchObject({ format: 'docx', text: lines.join('\n') });
    const pdf = await convertDocxToPdf(docx);
    const fromPdf = await pool.run('readReport', pdf, 'report.pdf');
    expect(fromPdf.format).toBe('pdf');
    expect(fromPdf.text).toContain(lines[3]!);
  });

  it("imports a ledger in a worker and answers its changes and hidden sheet's meta", async () => {
    const ctx = { planId: 7, tasks: fx.tasks, units: fx.units, periods, progress: {} };
    const result = await pool.run('importLedger', await exportLedger(ledgerInput), ctx, '任务分解表.xlsx');
    expect(result).toMatchObject({ changes: [], rows: fx.tasks.length, meta: { planId: '7' } });
  });

  it('brings back the AppError a job throws, with its code, message and details', async () => {
    const parts = (
      await inflateZip(await exportLedger(ledgerInput), { ...WORKBOOK_LIMITS.ledger.zip, what: 'x' })
    ).entries;
    const bomb = withBomb(parts, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(2 * 1024 * 1024 * 1024),
      declaredSize: 1633,
    });
    const expected = { planId: 7, unitId: 1, periodKey: '2022-06' };
    const error = await pool
      .run('parseDataCallWorkbook', bomb, expected, 'form.xlsx')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'UNPROCESSABLE',
      details: [{ path: 'form.xlsx', message: expect.stringContaining('解压后比声明的1,633字节更大') }],
    });
  });
});
