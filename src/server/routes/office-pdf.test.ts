/**
 * The office documents as PDF from their own routes (issues 14 and 19), on both engines, made by
 * LibreOffice and read back with pdfjs-dist: the 督办通知单 (.pdf beside .docx, a unit's reporter
 * only their own), the stocktake pack (?format=pdf or Accept), the year-end review (review.pdf);
 * a server without LibreOffice answers 503 saying so, and the .docx still comes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createLibreOfficeConverter } from '../../documents/pdf.js';
import type { PdfConverter } from '../../documents/pdf.js';
import { assertSofficeInstalled, pdfPages, squash } from '../../documents/testing/office.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('office documents as PDF on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let noticeId = 0;
  let otherNoticeId = 0;
  // The deployment's converter, or one looking for a LibreOffice this server does not have.
  let converter: PdfConverter = createLibreOfficeConverter();
  const send = (caller: Caller, url: string, headers: Record<string, string> = {}) =>
    t.request(caller, { url: `${plan}${url}`, headers });

  beforeAll(async () => {
    assertSofficeInstalled();
    t = await createTestApp(dialect, {
      now: () => new Date('2022-07-08T01:00:00.000Z'),
      pdf: { docxToPdf: (docx) => converter.docxToPdf(docx) },
      // Every read converts here: this file tests LibreOffice itself (held PDFs: office-pdf-cache).
      pdfCacheBytes: 0,
    });
    plan = `/api/v1/plans/${t.published.plan.id}`;
    const issue = async (taskId: number, content: string) => {
      const issued = await t.request('supervisor', {
        method: 'POST',
        url: `${plan}/notices`,
        payload: { subject: { type: 'task', id: taskId }, urgency: 'red', content, dueOn: '2022-07-20' },
      });
      expect(issued.statusCode).toBe(201);
      return json<{ id: number }>(issued).id;
    };
    noticeId = await issue(t.taskA.id, '进度滞后，请于10个工作日内报送整改措施');
    otherNoticeId = await issue(t.taskB.id, '请说明开工时间');
  });

  it('prints the 督办通知单 as a one-page A4 PDF with its 文号, task, unit and deadline', async () => {
    const response = await send('supervisor', `/notices/${noticeId}.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      encodeURIComponent('督办通知单督办〔2022〕1号.pdf'),
    );
    const pages = await pdfPages(response.rawPayload);
    expect(pages).toHaveLength(1);
    expect([pages[0]!.width, pages[0]!.height]).toEqual([595, 842]);
    const text = squash(pages[0]!.text);
    for (const part of [
      '督办通知单',
      '督办〔2022〕1号',
      t.unitA.name,
      squash(t.taskA.text),
      '2022年7月20日',
      '红色督办',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/—1—$/);
  }, 120_000);

  it('lets a unit’s reporter print its own 督办单 only', async () => {
    const own = await send('reporter', `/notices/${noticeId}.pdf`);
    expect(own.statusCode).toBe(200);
    expect(squash((await pdfPages(own.rawPayload))[0]!.text)).toContain(t.unitA.name);
    expect((await send('reporter', `/notices/${otherNoticeId}.pdf`)).statusCode).toBe(404);
    expect((await send('otherReporter', `/notices/${noticeId}.pdf`)).statusCode).toBe(404);
    expect((await send('public', `/notices/${noticeId}.pdf`)).statusCode).toBe(401);
  }, 120_000);

  it('makes the stocktake pack as PDF by ?format=pdf or by Accept: a cover and a page per item', async () => {
    const leaders = json<{ items: { name: string; items: number }[] }>(await send('leader', '/leaders'));
    const wang = leaders.items.find((l) => l.name === '王区长')!;
    const leader = encodeURIComponent('王区长');
    const byQuery = await send('leader', `/stocktake?leader=${leader}&format=pdf`);
    expect(byQuery.statusCode).toBe(200);
    expect(byQuery.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(byQuery.rawPayload);
    expect(pages).toHaveLength(1 + wang.items);
    expect(squash(pages[0]!.text)).toContain('王区长分管工作盘点材料');
    expect(pages.map((p) => squash(p.text)).join('')).toContain(squash(t.taskA.text).slice(0, 12));
    const byAccept = await send('leader', `/stocktake?leader=${leader}`, {
      accept:
        'application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.5',
    });
    expect(byAccept.headers['content-type']).toBe('application/pdf');
    // A browser's own Accept (*/*) and an explicit format keep the .docx.
    expect((await send('leader', `/stocktake?leader=${leader}`)).headers['content-type']).toContain(
      'wordprocessingml',
    );
    const docx = await send('leader', `/stocktake?leader=${leader}&format=docx`, {
      accept: 'application/pdf',
    });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
  }, 180_000);

  it('makes the year-end review as PDF; a draft plan’s stays hidden from the public', async () => {
    const response = await send('public', '/review.pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(response.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThan(60);
    expect(pages.every((p) => p.width === 595 && p.height === 842)).toBe(true);
    expect(squash(pages[0]!.text)).toContain(squash(t.published.plan.title));
    const draft = await t.request('public', { url: `/api/v1/plans/${t.draft.plan.id}/review.pdf` });
    expect(draft.statusCode).toBe(404);
  }, 180_000);

  it('answers 503 saying LibreOffice is missing on a server without it, and still gives the .docx', async () => {
    converter = createLibreOfficeConverter({ command: '/nonexistent/bin/soffice' });
    try {
      const response = await send('supervisor', `/notices/${noticeId}.pdf`);
      expect(response.statusCode).toBe(503);
      const body = json<ErrorAnswer>(response);
      expect(body.error.code).toBe('UNAVAILABLE');
      expect(body.error.message).toContain('LibreOffice (soffice) is not installed');
      expect(body.error.details).toEqual([
        { path: 'format', message: 'the .docx can be downloaded instead' },
      ]);
      expect(response.body).not.toMatch(/at \w+ \(|node:internal/);
      const stocktake = await send('leader', `/stocktake?leader=${encodeURIComponent('王区长')}&format=pdf`);
      expect(stocktake.statusCode).toBe(503);
      expect((await send('supervisor', `/notices/${noticeId}.docx`)).statusCode).toBe(200);
    } finally {
      converter = createLibreOfficeConverter();
    }
  });
});
