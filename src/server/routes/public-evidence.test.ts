/**
 * Evidence made public with a verdict (issue 19.4) over HTTP on both engines: the plan office
 * publishes a phone photo, a PDF and a .docx; anyone downloads their copies without the
 * author, GPS or comments, by version and with the headers a download needs; a PDF or .docx
 * with a phone number in it is refused with where it was found; everything else answers 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedExamplePlan } from '../../../test/factories.js';
import { inflateZip } from '../../ingest/zip.js';
import { readJpegOrientation } from '../../documents/public-evidence.js';
import { DOCX_TYPE, docxBy, PDF_TYPE, pdfBy, pdfHex } from '../../documents/testing/evidence-files.js';
import { jpegWithExif } from '../testing/evidence-pictures.js';
import { PNG } from '../testing/pictures.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const OWNER = 'Wang Jianguo';
const caps = {
  what: 'a test',
  maxEntries: 100,
  maxEntryBytes: 1 << 24,
  maxTotalBytes: 1 << 24,
  maxRatio: 1000,
};

interface PageEvidence {
  id: number;
  name: string;
  contentType: string;
  size: number;
  version: string | null;
}

describe.each(DIALECTS)('public evidence downloads on %s', (dialect) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  let page: PageEvidence[] = [];
  const plan = () => `${V1}/plans/${t.published.plan.id}`;
  const download = (fileId: number, planId = t.published.plan.id, headers: Record<string, string> = {}) =>
    t.request('public', { url: `${V1}/public/plans/${planId}/evidence/${fileId}`, headers });
  const upload = async (key: string, name: string, content: Buffer, type: string) => {
    const answer = await t.request('reporter', {
      method: 'POST',
      url: `${plan()}/evidence`,
      ...multipart({ name, content, type }, { unitId: String(t.unitA.id) }),
    });
    if (answer.statusCode !== 201) throw new Error(`evidence: ${answer.body}`);
    ids[key] = json<{ id: number }>(answer).id;
  };
  const verdict = (evidenceIds: number[]) =>
    t.request('admin', {
      method: 'POST',
      url: `${plan()}/items/task/${t.taskA.id}/verdict`,
      payload: { verdict: 'on_track', note: '按计划推进', evidenceIds },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-07-10T09:00:00.000Z') });
    await upload('photo', '现场照片.jpg', jpegWithExif(6, OWNER), 'image/jpeg');
    await upload('pdf', '验收报告.pdf', await pdfBy(OWNER, 'Acceptance report'), PDF_TYPE);
    await upload('docx', '完工说明.docx', await docxBy(OWNER, '道路工程已完工'), DOCX_TYPE);
    await upload('pdfPhone', '联系单.pdf', await pdfBy('x', 'Contact: 138 1234 5678'), PDF_TYPE);
    await upload('docxPhone', '名单.docx', await docxBy('x', '负责人电话13812345678'), DOCX_TYPE);
    await upload('internal', '内部.png', PNG, 'image/png');
    const given = await verdict([ids.photo!, ids.pdf!, ids.docx!]);
    expect(given.statusCode, given.body).toBe(200);
    page = json<{ evidence: PageEvidence[] }>(
      await t.request('public', {
        url: `${V1}/public/plans/${t.published.plan.id}/commitments/task/${t.taskA.id}`,
      }),
    ).evidence;
  });

  it('serves the photo without GPS or owner, turned as it was, with a download’s headers', async () => {
    const answer = await download(ids.photo!);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('image/jpeg');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`,
    );
    const bytes = answer.rawPayload;
    expect(bytes.toString('latin1')).not.toContain(OWNER);
    expect(bytes.includes(Buffer.from([0, 0, 0x06, 0x6c, 0, 0, 0, 0x64]))).toBe(false); // 16.44″
    expect(readJpegOrientation(bytes)).toBe(6);
  });

  it('serves the PDF without its Info author or XMP, and the .docx without creator or comments', async () => {
    const pdf = (await download(ids.pdf!)).rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).not.toContain(pdfHex(OWNER));
    expect(pdf).not.toContain(OWNER);
    const docx = await download(ids.docx!);
    expect(docx.headers['content-type']).toBe(DOCX_TYPE);
    const parts = await inflateZip(docx.rawPayload, caps);
    for (const [name, data] of parts.entries) expect(data.toString('utf8'), name).not.toContain(OWNER);
    expect([...parts.entries.keys()].some((n) => n.includes('comments'))).toBe(false);
  });

  it('links each file on the public page by the version of its copy, cached by that version', async () => {
    const photo = page.find((e) => e.id === ids.photo)!;
    expect(page.map((e) => e.name).sort()).toEqual(['完工说明.docx', '现场照片.jpg', '验收报告.pdf']);
    expect(photo.version).toMatch(/^[0-9a-f]{16}$/);
    const first = await download(ids.photo!);
    expect(photo.size).toBe(first.rawPayload.length);
    const versioned = await t.request('public', {
      url: `${V1}/public/plans/${t.published.plan.id}/evidence/${ids.photo}?v=${photo.version}`,
    });
    expect(versioned.headers['cache-control']).toContain('immutable');
    expect(first.headers['cache-control']).not.toContain('immutable');
    const again = await download(ids.photo!, t.published.plan.id, {
      'if-none-match': String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
  });

  it('refuses a PDF or .docx with a phone number in it, saying where', async () => {
    const pdf = await verdict([ids.pdfPhone!]);
    expect(pdf.statusCode).toBe(422);
    const pdfError = json<{ error: { details: { path: string; message: string }[] } }>(pdf).error;
    expect(pdfError.details).toEqual([
      { path: 'evidenceIds.0', message: expect.stringMatching(/“联系单\.pdf”第1页含有手机号码，请遮盖/) },
    ]);
    const docx = await verdict([ids.docx!, ids.docxPhone!]);
    expect(docx.statusCode).toBe(422);
    expect(json<{ error: { details: { path: string; message: string }[] } }>(docx).error.details).toEqual([
      { path: 'evidenceIds.1', message: expect.stringContaining('“名单.docx”正文第1段含有手机号码') },
    ]);
    expect((await download(ids.pdfPhone!)).statusCode).toBe(404);
    expect((await download(ids.docxPhone!)).statusCode).toBe(404);
  });

  it('answers 404 for an internal file, a draft plan, another plan’s file and an unknown id', async () => {
    expect((await download(ids.internal!)).statusCode).toBe(404);
    expect((await download(ids.photo!, t.draft.plan.id)).statusCode).toBe(404);
    const other = await seedExamplePlan(t.store);
    expect((await download(ids.photo!, other.plan.id)).statusCode).toBe(404);
    expect((await download(999_999)).statusCode).toBe(404);
    expect((await download(ids.photo!, 999_999)).statusCode).toBe(404);
  });
});
