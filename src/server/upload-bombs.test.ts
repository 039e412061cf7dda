/**
 * Zip bombs and oversized honest files at every HTTP entry that takes a zip (issue 12.2): the
 * data-call form, the ledger import, a report upload (.docx) and the Decidim import. Each is
 * built at test time from a real file of its kind; each must be refused with a clear error,
 * without the server's memory growing by more than a fraction of what the bomb would inflate
 * to, with nothing stored, while other requests keep being answered.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { listLines, loadExampleReport, makeDocx } from '../ingest/test-fixtures.js';
import { deflatedZeros, honestSheetXml, measurePeakRss, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { createTestApp, json, multipart } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';
const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOW = new Date('2022-07-02T08:00:00.000Z');
const ALL = {
  what: 'x',
  maxEntries: 10_000,
  maxEntryBytes: 512 * MB,
  maxTotalBytes: 512 * MB,
  maxRatio: 1e9,
};
/** 2 GiB of zeros in about 2 MB. */
let zeros: Buffer;
let docxBomb: Buffer;

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

beforeAll(async () => {
  zeros = deflatedZeros(2 * 1024 * MB);
  const docx = await makeDocx(listLines(await loadExampleReport()));
  docxBomb = withBomb((await inflateZip(docx, ALL)).entries, {
    name: 'word/document.xml',
    body: zeros,
    declaredSize: 2 ** 31,
  });
});

/** Sends `send` while asking GET /health again and again: the answers that came first. */
async function alongsideHealth(t: TestApp, send: () => Promise<unknown>): Promise<number> {
  let done = false;
  let answered = 0;
  const pinging = (async () => {
    while (!done) {
      const health = await t.request('public', { url: `${V1}/health` });
      expect(health.statusCode).toBe(200);
      answered++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await send();
  done = true;
  await pinging;
  return answered;
}

describe.each(DIALECTS)('zip bombs over HTTP on %s', (dialect) => {
  let t: TestApp;
  let planId: number;
  let dataCallUrl: string;
  let form: Buffer;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    planId = t.published.plan.id;
    dataCallUrl = `${V1}/plans/${planId}/data-calls/2022-06/units/${t.unitA.id}`;
    form = (await t.request('reporter', { url: `${dataCallUrl}.xlsx` })).rawPayload;
  });

  it('refuses a 2 MB data-call form whose sheet claims 1,633 bytes and inflates to 2 GB (422)', async () => {
    const bomb = withBomb((await inflateZip(form, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      body: zeros,
      declaredSize: 1633,
    });
    expect(bomb.length).toBeLessThan(3 * MB);
    let response: Awaited<ReturnType<TestApp['request']>> | undefined;
    const { peakRise } = await measurePeakRss(async () => {
      const answered = await alongsideHealth(t, async () => {
        response = await t.request('reporter', {
          method: 'POST',
          url: dataCallUrl,
          ...multipart({ name: '数据填报表.xlsx', content: bomb, type: XLSX }),
        });
      });
      expect(answered).toBeGreaterThan(0);
    });
    expect(response!.statusCode, response!.body).toBe(422);
    expect(json<ErrorAnswer>(response!).error.message).toBe(
      '工作簿数据填报表.xlsx的部件xl/worksheets/sheet1.xml解压后比声明的1,633字节更大，已拒收（文件损坏或为恶意压缩包）',
    );
    expect(peakRise).toBeLessThan(150 * MB);
    expect(await t.store.tracking.findReport(planId, t.unitA.id, '2022-06')).toBeUndefined();
  });

  it('refuses a data-call form with honest sizes past its few megabytes of XML (413)', async () => {
    const big = withBomb((await inflateZip(form, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      ...honestPart(honestSheetXml(20 * MB)),
    });
    const response = await t.request('reporter', {
      method: 'POST',
      url: dataCallUrl,
      ...multipart({ name: 'form.xlsx', content: big, type: XLSX }),
    });
    expect(response.statusCode, response.body).toBe(413);
    const error = json<ErrorAnswer>(response).error;
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/^工作簿form\.xlsx(的部件.*)?解压后超过(4|8) MB，已拒收$/);
  });

  it('refuses an honest ledger of 60 MB of XML at 24 MB while other requests are answered (413)', async () => {
    const ledger = (await t.request('supervisor', { url: `${V1}/plans/${planId}/ledger.xlsx` })).rawPayload;
    const big = withBomb((await inflateZip(ledger, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      ...honestPart(honestSheetXml(60 * MB)),
    });
    expect(big.length).toBeLessThan(10 * MB);
    let response: Awaited<ReturnType<TestApp['request']>> | undefined;
    const { peakRise } = await measurePeakRss(() =>
      alongsideHealth(t, async () => {
        response = await t.request('supervisor', {
          method: 'POST',
          url: `${V1}/plans/${planId}/ledger`,
          ...multipart({ name: '任务分解表.xlsx', content: big, type: XLSX }),
        });
      }),
    );
    expect(response!.statusCode, response!.body).toBe(413);
    expect(json<ErrorAnswer>(response!).error.message).toBe('工作簿任务分解表.xlsx解压后超过24 MB，已拒收');
    expect(peakRise).toBeLessThan(150 * MB);
  });

  it('refuses a report .docx that inflates to 2 GB, storing no plan (413)', async () => {
    const before = (await t.store.plans.list({ limit: 1000 })).total;
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: '政府工作报告.docx', content: docxBomb, type: 'application/octet-stream' }),
    });
    expect(response.statusCode, response.body).toBe(413);
    const error = json<ErrorAnswer>(response).error;
    expect(error.message).toBe('Word文件解压后超过16 MB，已拒收');
    expect(error.details[0]?.path).toBe('body.file');
    expect((await t.store.plans.list({ limit: 1000 })).total).toBe(before);
  });

  it('refuses a workbook bomb sent as a Decidim CSV without opening it (415)', async () => {
    const bomb = withBomb((await inflateZip(form, ALL)).entries, {
      name: 'xl/worksheets/sheet1.xml',
      body: zeros,
      declaredSize: 1633,
    });
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/plans/import/decidim`,
      ...multipart({ name: 'results.csv', content: bomb, type: 'text/csv' }),
    });
    expect(response.statusCode, response.body).toBe(415);
    expect(json<ErrorAnswer>(response).error.message).toBe('应为结果CSV文件，上传的是Excel工作簿');
  });
});

/** A part with its honest deflated body and size. */
function honestPart(content: Buffer) {
  return { body: deflateRawSync(content), declaredSize: content.length, crc: crc32(content) };
}
