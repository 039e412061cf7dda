/**
 * Office PDFs converted once per document (issue 19, documents/pdf-cache.ts), on both engines:
 * the year-end review, a stocktake pack, a 督办单 and a 通报 read twice convert once; a write that
 * changes the document makes the next read convert again; callers shown the same document share
 * its PDF, callers shown different ones never do (pdf-cache.test.ts: a different document is a
 * different fingerprint). The converter here counts its calls and answers bytes naming the call;
 * LibreOffice itself is tested in office-pdf.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { IssuedBulletinSummary } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

describe.each(DIALECTS)('office PDFs held by document on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let conversions = 0;
  const pdf = async (caller: Caller, url: string) => {
    const response = await t.request(caller, { url });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return response.body;
  };
  const converted = async <T>(read: () => Promise<T>) => {
    const before = conversions;
    const body = await read();
    return { body, conversions: conversions - before };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => new Date('2024-06-04T01:00:00.000Z'),
      pdf: {
        docxToPdf: async (docx) => {
          conversions++;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return Buffer.from(`%PDF-1.7 conversion ${conversions} of ${docx.length} bytes`);
        },
      },
    });
    plan = `/api/v1/plans/${t.published.plan.id}`;
  });

  it('converts review.pdf once for the public and the leader alike, and again after a write', async () => {
    const first = await converted(() => pdf('public', `${plan}/review.pdf`));
    expect(first.conversions).toBe(1);
    const again = await converted(() => pdf('public', `${plan}/review.pdf`));
    expect(again).toEqual({ body: first.body, conversions: 0 });
    // The leader's read is held apart (personal scope) and built again, but the .docx prints no
    // 责任领导: the same document, so the same PDF, not converted again.
    const leader = await converted(() => pdf('leader', `${plan}/review.pdf`));
    expect(leader).toEqual({ body: first.body, conversions: 0 });

    const task = await t.store.tasks.get(t.published.plan.id, t.taskA.id);
    const edited = await t.request('admin', {
      method: 'PATCH',
      url: `${plan}/tasks/${task.id}`,
      payload: { state: 'done', progress: 100, version: task.version },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const fresh = await converted(() => pdf('public', `${plan}/review.pdf`));
    expect(fresh.conversions).toBe(1);
    expect(fresh.body).not.toBe(first.body);
  });

  it('converts a stocktake pack once for every caller shown it, and again when its items change', async () => {
    const url = `${plan}/stocktake?leader=${encodeURIComponent('王区长')}&format=pdf`;
    // Built again on each read (not a plan read), the same document finds its PDF.
    const first = await converted(() => pdf('leader', url));
    expect(first.conversions).toBe(1);
    expect(await converted(() => pdf('leader', url))).toEqual({ body: first.body, conversions: 0 });
    expect(await converted(() => pdf('supervisor', url))).toEqual({ body: first.body, conversions: 0 });

    const rated = await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/items/task/${t.taskA.id}/confidence`,
      payload: { source: 'independent', level: 'red', comment: '征地尚未完成，难以按期完成' },
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const fresh = await converted(() => pdf('leader', url));
    expect(fresh.conversions).toBe(1);
    expect(fresh.body).not.toBe(first.body);
  });

  it('converts a 督办单 once for the office and its unit, and again once it is answered', async () => {
    const issued = await t.request('supervisor', {
      method: 'POST',
      url: `${plan}/notices`,
      payload: {
        subject: { type: 'task', id: t.taskA.id },
        urgency: 'red',
        content: '请加快推进',
        dueOn: '2024-06-20',
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const notice = json<{ id: number }>(issued);
    const url = `${plan}/notices/${notice.id}.pdf`;
    // Both reads start before either conversion ends: they wait for the one.
    const both = await converted(() => Promise.all([pdf('supervisor', url), pdf('reporter', url)]));
    expect(both.conversions).toBe(1);
    const [a, b] = both.body;
    expect(a).toBe(b);
    expect(await converted(() => pdf('supervisor', url))).toEqual({ body: a, conversions: 0 });

    const answered = await t.request('reporter', {
      method: 'POST',
      url: `${plan}/notices/${notice.id}/actions`,
      payload: { type: 'answer', text: '已完成土地征收' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const fresh = await converted(() => pdf('supervisor', url));
    expect(fresh.conversions).toBe(1);
    expect(fresh.body).not.toBe(a);
    // The other unit's reporter is refused before anything is converted or read from the cache.
    expect((await t.request('otherReporter', { url })).statusCode).toBe(404);
  });

  it('converts an issued 通报 once; its next revision is converted in turn', async () => {
    const draftUrl = '/api/v1/bulletins/drafts/2024-06';
    const issue = async (number: string) => {
      const draft = json<{ version: number }>(await t.request('supervisor', { url: draftUrl }));
      const saved = await t.request('supervisor', {
        method: 'PUT',
        url: draftUrl,
        payload: { data: { number, title: null, comments: [], requirements: [] }, version: draft.version },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const issued = await t.request('supervisor', {
        method: 'POST',
        url: `${draftUrl}/issue`,
        payload: { version: json<{ version: number }>(saved).version },
      });
      expect(issued.statusCode, issued.body).toBe(201);
      return json<IssuedBulletinSummary>(issued).id;
    };
    const first = await issue('督通〔2024〕6号');
    const url = (id: number) => `/api/v1/bulletins/${id}/file.pdf`;
    const once = await converted(() => pdf('supervisor', url(first)));
    expect(once.conversions).toBe(1);
    expect(await converted(() => pdf('leader', url(first)))).toEqual({ body: once.body, conversions: 0 });
    const second = await issue('督通〔2024〕7号');
    expect((await converted(() => pdf('supervisor', url(second)))).conversions).toBe(1);
    expect(await converted(() => pdf('supervisor', url(first)))).toEqual({ body: once.body, conversions: 0 });
  });
});
