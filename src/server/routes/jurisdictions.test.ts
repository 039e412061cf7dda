/**
 * 新建辖区 over HTTP (issue 16.1), on both engines: a city's administrator uploads a district's
 * office files one by one (a units/areas workbook, a catalogue CSV), sees every problem at its
 * file, sheet, row and column or a preview that creates nothing, then creates it all or nothing
 * through the command the CLI uses. Who may: an administrator who sees below the parent.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { JurisdictionCreated, JurisdictionPreview, JurisdictionSummary } from '../../contract/index.js';
import { csvToWorkbook, readFolder } from '../../documents/testing/jurisdiction-files.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { SETUP_FILE_BYTES } from './jurisdictions.js';

const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
const HUANGPU = `${FIXTURES}shanghai-huangpu`;

interface FilePart {
  field: string;
  name: string;
  bytes: Uint8Array;
}

/** A multipart body of several files and text fields, as the 新建辖区 page sends it. */
function setupForm(fields: Record<string, string>, files: FilePart[]) {
  const boundary = '----luoshi-setup-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\n` +
          'content-type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const HUANGPU_FIELDS = {
  name: '上海市黄浦区',
  level: '区县',
  code: '310101',
  parent: '310000',
  catalogueFrom: '2026-01-01',
};

describe.each(DIALECTS)('新建辖区 on %s', (dialect) => {
  let t: TestApp;
  let cityId: number;
  let workbook: Uint8Array;
  let catalogue: Uint8Array;
  const tokens = { cityAdmin: '', cityAdminNoBelow: '', citySupervisor: '' };

  const send = (who: keyof typeof tokens | 'admin', url: string, body: ReturnType<typeof setupForm>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: body.payload,
      headers: {
        ...body.headers,
        authorization: `Bearer ${who === 'admin' ? t.tokens.admin : tokens[who]}`,
      },
    });
  const files = (units = workbook): FilePart[] => [
    { field: 'units', name: '单位和区域.xlsx', bytes: units },
    { field: 'catalogue', name: '派单目录.csv', bytes: catalogue },
  ];
  const jurisdictionCount = async () => (await t.store.jurisdictions.list()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-06-15T02:00:00.000Z') });
    cityId = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    const make = async (key: keyof typeof tokens, role: 'admin' | 'supervisor', below: boolean) => {
      const user = await seedUser(t.store, role, {
        username: `${key}-${dialect}`,
        jurisdictionId: cityId,
        seesDescendants: below,
      });
      tokens[key] = `lst_setup_${key}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[key]),
        userId: user.id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    };
    await make('cityAdmin', 'admin', true);
    await make('cityAdminNoBelow', 'admin', false);
    await make('citySupervisor', 'supervisor', true);
    const folder = readFolder(HUANGPU);
    workbook = await csvToWorkbook(
      { 单位: folder['单位.csv']!, 区域: folder['区域.csv']! } as Record<string, Uint8Array>,
      ['单位', '区域'],
    );
    catalogue = new Uint8Array(readFileSync(`${HUANGPU}/派单目录.csv`));
  });

  it('previews what the files set up and creates nothing', async () => {
    const before = await jurisdictionCount();
    const response = await send('cityAdmin', '/jurisdictions/check', setupForm(HUANGPU_FIELDS, files()));
    expect(response.statusCode, response.body).toBe(200);
    const preview = json<JurisdictionPreview>(response);
    expect(preview).toMatchObject({
      name: '上海市黄浦区',
      level: '区县',
      code: '310101',
      parentName: '上海市',
    });
    expect(preview.areas.map((a) => a.name)).toContain('南京东路街道');
    expect(preview.units.find((u) => u.name === '南京东路街道办事处')).toMatchObject({
      kind: 'street',
      area: '南京东路街道',
    });
    expect(preview.catalogue.find((c) => c.category === '噪声')).toMatchObject({
      owner: { by: 'territory' },
      finish: { amount: 5, calendar: 'working_days' },
    });
    expect(preview.unitsCreated).toBe(preview.units.length);
    expect(preview.catalogueAdded).toBe(true);
    expect(await jurisdictionCount()).toBe(before);
    expect(await t.store.jurisdictions.findByCode('310101')).toBeUndefined();
  });

  it('answers every problem at its file, sheet, row and column, or form field, and creates nothing', async () => {
    const before = await jurisdictionCount();
    const folder = readFolder(HUANGPU);
    const badUnits = new TextDecoder()
      .decode(folder['单位.csv'])
      .replace('外滩街道办事处,,街道办事处', '外滩街道办事处,,街道委员会');
    const bad = await csvToWorkbook(
      { 单位: new TextEncoder().encode(badUnits), 区域: folder['区域.csv']! } as Record<string, Uint8Array>,
      ['单位', '区域'],
    );
    const response = await send(
      'cityAdmin',
      '/jurisdictions/check',
      setupForm({ ...HUANGPU_FIELDS, code: '31010' }, files(bad)),
    );
    expect(response.statusCode).toBe(400);
    const details = json<{ error: { details: { path: string; message: string }[] } }>(response).error.details;
    expect(
      details.map((d) => d.path),
      JSON.stringify(details),
    ).toEqual(expect.arrayContaining(['form.code', '单位和区域.xlsx#单位!C3']));
    expect(details.find((d) => d.path === '单位和区域.xlsx#单位!C3')?.message).toContain('街道委员会');
    expect(await jurisdictionCount()).toBe(before);
  });

  it('names a missing file by its form field, and a workbook without the 区域 sheet by the file', async () => {
    const noUnits = await send('cityAdmin', '/jurisdictions/check', setupForm(HUANGPU_FIELDS, []));
    expect(noUnits.statusCode).toBe(400);
    const paths = json<{ error: { details: { path: string }[] } }>(noUnits).error.details.map((d) => d.path);
    expect(paths).toContain('form.units');
    const folder = readFolder(HUANGPU);
    const onlyUnits = await csvToWorkbook({ 单位: folder['单位.csv']! } as Record<string, Uint8Array>, [
      '单位',
    ]);
    const noAreas = await send(
      'cityAdmin',
      '/jurisdictions/check',
      setupForm(HUANGPU_FIELDS, files(onlyUnits)),
    );
    const missing = json<{ error: { details: { path: string; message: string }[] } }>(noAreas).error.details;
    expect(missing).toContainEqual({
      path: '单位和区域.xlsx',
      message: expect.stringContaining('区域') as unknown as string,
    });
  });

  it('creates the district all at once; the city sees it; the same code again is a conflict at its field', async () => {
    const response = await send('cityAdmin', '/jurisdictions', setupForm(HUANGPU_FIELDS, files()));
    expect(response.statusCode, response.body).toBe(201);
    const created = json<JurisdictionCreated>(response);
    const stored = await t.store.jurisdictions.findByCode('310101');
    expect(stored).toMatchObject({ id: created.id, name: '上海市黄浦区', parentId: cityId });
    const units = await t.store.units.list([created.id]);
    expect(units.map((u) => u.name)).toContain('南京东路街道办事处');
    const events = await t.store.audit.listUnplanned('jurisdiction', created.id);
    expect(events.filter((e) => e.entityId === String(created.id)).map((e) => e.action)).toEqual([
      'jurisdiction.create',
    ]);

    const list = await t.app.inject({
      url: '/api/v1/jurisdictions',
      headers: { authorization: `Bearer ${tokens.cityAdmin}` },
    });
    const names = json<{ items: JurisdictionSummary[] }>(list).items.map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(['上海市', '上海市黄浦区']));

    const again = await send('cityAdmin', '/jurisdictions', setupForm(HUANGPU_FIELDS, files()));
    expect(again.statusCode).toBe(409);
    expect(json<{ error: { details: { path: string }[] } }>(again).error.details[0]?.path).toBe('form.code');
  });

  it('refuses callers who may not set up below the parent, and creates nothing', async () => {
    const before = await jurisdictionCount();
    const form = setupForm({ ...HUANGPU_FIELDS, name: '上海市静安区', code: '310106' }, files());
    const answers = await Promise.all([
      send('citySupervisor', '/jurisdictions', form),
      send('cityAdminNoBelow', '/jurisdictions', form),
      // The default admin is of another jurisdiction: the city is not theirs to name.
      send('admin', '/jurisdictions', form),
    ]);
    expect(answers.map((r: LightMyRequestResponse) => r.statusCode)).toEqual([403, 403, 400]);
    expect(json<{ error: { details: { path: string }[] } }>(answers[2]!).error.details[0]?.path).toBe(
      'form.parent',
    );
    expect(await jurisdictionCount()).toBe(before);
  });

  it('caps each file: one over the size answers 413 and nothing is created', async () => {
    const before = await jurisdictionCount();
    const huge = new Uint8Array(SETUP_FILE_BYTES + 1).fill(0x41);
    const response = await send(
      'cityAdmin',
      '/jurisdictions',
      setupForm({ ...HUANGPU_FIELDS, code: '310106' }, [
        ...files(),
        { field: 'boundaries', name: '边界.geojson', bytes: huge },
      ]),
    );
    expect(response.statusCode).toBe(413);
    expect(await jurisdictionCount()).toBe(before);
  });
});
