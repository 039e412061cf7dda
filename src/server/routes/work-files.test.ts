/**
 * The files of the other sources of work (issue 18): a 批示件's scan uploaded at registration and
 * a 建议/提案's answer letter, each checked on the server, shown to whoever may see the item —
 * and nothing of one jurisdiction's ledger to another's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { EvidenceFileInfo, WorkItem, WorkItemPage } from '../../contract/index.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const NOW = new Date('2024-06-04T01:00:00.000Z');
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0x20), Buffer.from('%%EOF\n')]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);

interface ErrorAnswer {
  error: { code: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('files of 批示件 and 建议提案 on %s', (dialect) => {
  let t: TestApp;
  let otherToken: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => NOW,
      notify: { publicUrl: 'https://luoshi.example.gov.cn', channels: ['email'] },
    });
    const other = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    const outsider = await seedUser(t.store, 'supervisor', {
      username: 'shanghai-duchashi',
      jurisdictionId: other,
    });
    otherToken = `lst_test_shanghai_${dialect}`;
    await t.store.sessions.insertToken({
      tokenHash: hashSecret(otherToken),
      userId: outsider.id,
      expiresAt: '2999-01-01T00:00:00.000Z',
      name: 'tests',
    });
  });

  const upload = (
    caller: Parameters<TestApp['request']>[0],
    url: string,
    name: string,
    content: Buffer,
    type: string,
  ) => t.request(caller, { method: 'POST', url: `${V1}${url}`, ...multipart({ name, content, type }) });

  it('a scan uploaded at registration is kept with the 批示件, shown to its unit, hidden from others', async () => {
    expect(
      (await upload('reporter', '/work/instructions/scans', '批示.pdf', PDF, 'application/pdf')).statusCode,
    ).toBe(403);
    const stored = await upload(
      'supervisor',
      '/work/instructions/scans',
      '区委办呈〔2024〕8号批示.pdf',
      PDF,
      'application/pdf',
    );
    expect(stored.statusCode, stored.body).toBe(201);
    const scan = json<EvidenceFileInfo>(stored);
    expect(scan).toMatchObject({
      name: '区委办呈〔2024〕8号批示.pdf',
      mimeType: 'application/pdf',
      size: PDF.length,
    });

    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions`,
      payload: {
        docNumber: '区委办呈〔2024〕8号',
        title: '关于汛期安全工作的报告',
        leader: '张明区长',
        instructedOn: '2024-06-03',
        class: 'document',
        scanFileId: scan.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = json<WorkItem>(created);
    expect(item).toMatchObject({ source: 'instruction', scanFileId: scan.id, planId: scan.planId });
    const assigned = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions/${item.id}/actions`,
      payload: { type: 'assign', leadUnitId: t.unitA.id, dueOn: '2024-06-20', version: item.version },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const url = `${V1}/work/items/${item.id}/files/${scan.id}`;
    const seen = await t.request('reporter', { url });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('application/pdf');
    expect(seen.headers['content-disposition']).toMatch(/^inline;/);
    expect(seen.rawPayload.equals(PDF)).toBe(true);
    expect((await t.request('otherReporter', { url })).statusCode).toBe(404);
    // A file of the ledger that is not this item's is not reached through it.
    const stray = json<EvidenceFileInfo>(
      await upload(
        'supervisor',
        '/work/instructions/scans',
        '另一份.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
        'image/png',
      ),
    );
    expect(
      (await t.request('reporter', { url: `${V1}/work/items/${item.id}/files/${stray.id}` })).statusCode,
    ).toBe(404);

    // Another jurisdiction neither lists nor opens the item or its scan.
    const outsider = (path: string) =>
      t.app.inject({ url: `${V1}${path}`, headers: { authorization: `Bearer ${otherToken}` } });
    expect(json<WorkItemPage>(await outsider('/work/items')).items.map((i) => i.id)).not.toContain(item.id);
    expect((await outsider(`/work/items/${item.id}`)).statusCode).toBe(404);
    expect((await outsider(`/work/items/${item.id}/files/${scan.id}`)).statusCode).toBe(404);
    expect(
      json<WorkItemPage>(await t.request('supervisor', { url: `${V1}/work/items` })).items.map((i) => i.id),
    ).toContain(item.id);
  });

  it('refuses a scan that is not a PDF or an image, naming what is wrong', async () => {
    const program = await upload(
      'supervisor',
      '/work/instructions/scans',
      '批示.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(40)]),
      'application/pdf',
    );
    expect(program.statusCode).toBe(415);
    expect(json<ErrorAnswer>(program).error.details).toContainEqual({
      path: 'content',
      message: '“批示.pdf”是可执行程序，不能作为佐证材料',
    });
    const word = await upload('supervisor', '/work/instructions/scans', '批示.docx', DOCX, DOCX_TYPE);
    expect(word.statusCode).toBe(415);
    expect(json<ErrorAnswer>(word).error.details[0]!.message).toContain('可上传pdf、jpg、jpeg、png');
    const empty = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions/scans`,
      ...multipart(undefined),
    });
    expect(empty.statusCode).toBe(400);
    const big = await upload(
      'supervisor',
      '/work/instructions/scans',
      '大扫描件.pdf',
      Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]),
      'application/pdf',
    );
    expect(big.statusCode).toBe(413);
  });

  it('the 主办 unit uploads its answer letter (.docx only) and answers with it; the office opens it', async () => {
    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/proposals`,
      payload: {
        kind: 'suggestion',
        number: '第0042号',
        session: '区十七届人大三次会议',
        title: '关于增设社区养老服务站的建议',
        authors: [{ name: '刘强', group: '城南代表组' }],
      },
    });
    let item = json<WorkItem>(created);
    const letterUrl = `/work/proposals/${item.id}/letters`;
    // Not yet with a unit: no letter.
    expect((await upload('supervisor', letterUrl, '答复函.docx', DOCX, DOCX_TYPE)).statusCode).toBe(409);
    item = json<WorkItem>(
      await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/work/proposals/${item.id}/actions`,
        payload: { type: 'assign', leadUnitId: t.unitA.id, dueOn: '2024-08-31', version: item.version },
      }),
    );
    expect((await upload('otherReporter', letterUrl, '答复函.docx', DOCX, DOCX_TYPE)).statusCode).toBe(404);
    const pdf = await upload('reporter', letterUrl, '答复函.pdf', PDF, 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    expect(json<ErrorAnswer>(pdf).error.details[0]!.message).toContain('可上传docx文件');
    const stored = await upload('reporter', letterUrl, '关于第0042号建议的答复.docx', DOCX, DOCX_TYPE);
    expect(stored.statusCode, stored.body).toBe(201);
    const letter = json<EvidenceFileInfo>(stored);
    expect(letter).toMatchObject({ unitId: t.unitA.id, planId: item.planId });
    const answered = await t.request('reporter', {
      method: 'POST',
      url: `${V1}/work/proposals/${item.id}/actions`,
      payload: {
        type: 'answer',
        letterFileId: letter.id,
        category: 'A',
        summary: '已增设两处',
        version: item.version,
      },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const opened = await t.request('supervisor', { url: `${V1}/work/items/${item.id}/files/${letter.id}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-disposition']).toMatch(/^attachment;/);
    expect(opened.rawPayload.equals(DOCX)).toBe(true);
  });
});
