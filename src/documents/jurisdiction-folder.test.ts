import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors.js';
import { toCatalogue, toRequestJurisdiction, toRequestUnits } from '../jurisdictions/index.js';
import type { JurisdictionDefinition } from '../jurisdictions/index.js';
import { MANIFEST, parseDeadlineRule, parseJurisdictionFolder, parseOwner } from './jurisdiction-folder.js';
import { csvToWorkbook, readFolder, utf8 } from './testing/jurisdiction-files.js';
import { CHANGPING, CHANGPING_CATALOGUE, CHANGPING_UNITS } from '../../test/fixtures/changping-requests.js';

const EXAMPLE = 'examples/jurisdictions/changping';

/** The ids the example's constants gave: offices 101…, departments 201…, enterprises 301…. */
function exampleIds(def: JurisdictionDefinition): number[] {
  const next = { office: 101, department: 201, enterprise: 301 };
  return def.units.map((u) =>
    u.kind === 'street' || u.kind === 'town'
      ? next.office++
      : u.kind === 'enterprise'
        ? next.enterprise++
        : next.department++,
  );
}

async function problemsOf(files: Record<string, Uint8Array>): Promise<AppError> {
  const error = await parseJurisdictionFolder(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const manifest = (fields: Record<string, unknown>) =>
  utf8(JSON.stringify({ name: '上海市静安区', level: '区县', code: '310106', units: '单位.csv', ...fields }));

describe('parseJurisdictionFolder', () => {
  it("reads the example folder into exactly what the code's constants held", async () => {
    const def = await parseJurisdictionFolder(readFolder(EXAMPLE));
    expect([def.name, def.level, def.code, def.open311.jurisdictionId]).toEqual([
      '北京市昌平区',
      '区县',
      '110114',
      '110114',
    ]);
    expect(toRequestJurisdiction(def).areas).toEqual(CHANGPING.areas);
    const ids = exampleIds(def);
    const units = toRequestUnits(def, (_, i) => ids[i]!);
    // The constants' units, plus the plan's departments the demo used (区发展改革委, 区科委, 区财政局).
    expect(units.filter((u) => CHANGPING_UNITS.some((c) => c.id === u.id))).toEqual(CHANGPING_UNITS);
    expect(units.filter((u) => !CHANGPING_UNITS.some((c) => c.id === u.id)).map((u) => u.name)).toEqual([
      '区发展和改革委员会',
      '区科学技术委员会',
      '区财政局',
    ]);
    const withAliases = units.map((u, i) => ({ ...u, aliases: def.units[i]!.aliases }));
    expect(toCatalogue(def, withAliases)).toEqual(CHANGPING_CATALOGUE);
  });

  it('reads the fixture city and its two districts, the city owning by its departments', async () => {
    const dir = 'test/fixtures/jurisdictions';
    const [city, huangpu, jingan] = await Promise.all(
      ['shanghai', 'shanghai-huangpu', 'shanghai-jingan'].map((d) =>
        parseJurisdictionFolder(readFolder(`${dir}/${d}`)),
      ),
    );
    expect([city!.level, city!.areas.length, huangpu!.parentCode, jingan!.areas.at(-1)?.kind]).toEqual([
      '省',
      0,
      '310000',
      'town',
    ]);
    const cityUnits = toRequestUnits(city!, (_, i) => i + 1).map((u, i) => ({
      ...u,
      aliases: city!.units[i]!.aliases,
    }));
    // 市交通委员会 in the catalogue is 上海市交通委员会 by the naming rule.
    expect(toCatalogue(city!, cityUnits).versions[0]?.rows[0]?.owner).toEqual({ by: 'unit', unitId: 6 });
  });

  it('reads the same tables from an .xlsx workbook, from GBK CSV, and a sheet named after #', async () => {
    const files = readFolder(EXAMPLE);
    const fromCsv = await parseJurisdictionFolder(files);
    const workbook = await csvToWorkbook(files, ['区域.csv', '单位.csv', '派单目录.csv']);
    const fromXlsx = await parseJurisdictionFolder({
      [MANIFEST]: utf8(
        JSON.stringify({
          ...JSON.parse(new TextDecoder().decode(files[MANIFEST])),
          areas: '设置.xlsx',
          units: '设置.xlsx',
          catalogue: {
            file: '设置.xlsx#派单目录',
            effectiveFrom: '2020-01-01',
            note: '昌平区派单目录（示例）',
          },
        }),
      ),
      '设置.xlsx': workbook,
    });
    expect(fromXlsx).toEqual(fromCsv);
    const gbk = iconv.encode(new TextDecoder().decode(files['单位.csv']).replace(/^\uFEFF/, ''), 'gbk');
    expect(await parseJurisdictionFolder({ ...files, '单位.csv': new Uint8Array(gbk) })).toEqual(fromCsv);
  });

  it('answers every bad row with its sheet, row and column, and returns nothing', async () => {
    const error = await problemsOf({
      [MANIFEST]: manifest({
        areas: '区域.csv',
        catalogue: { file: '派单目录.csv', effectiveFrom: '2026-01-01' },
      }),
      '区域.csv': utf8(
        [
          '辖区街道一览',
          '街道（镇）,类型,社区（村）,纬度,经度',
          '江宁路街道,街道,"蒋家巷社区、蒋家巷社区",31.24,121.45',
          '石门二路街道,街道,,121.46,31.23',
          '彭浦镇,镇区,,,',
          '共和新路,,,,',
        ].join('\n'),
      ),
      '单位.csv': utf8(
        [
          '单位名称,简称（别名）,类型,管辖街道（镇）',
          '江宁路街道办事处,,街道办事处,江宁路街道',
          '石门二路街道办事处,,街道办事处,石门一路街道',
          '区水务局,,委员会,',
          '静安区江宁路街道,,,',
        ].join('\n'),
      ),
      '派单目录.csv': utf8(
        [
          '诉求类别,代码,承办单位,指定单位,签收时限,联系时限,办结时限',
          '积水,waterlogging,区水务局,否,1小时,4小时,3天',
          '供暖,heating,区热力公司,也许,1小时,,48小时',
          '垃圾,refuse,按区域：江宁路街道=江宁路街道办事处,否,2小时,1个工作日,5个工作日',
        ].join('\n'),
      ),
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/上海市静安区.*未建立/);
    expect(error.details).toEqual([
      { path: '区域.csv!B5', message: '类型「镇区」应为 街道、镇 或 乡' },
      { path: '区域.csv!A6', message: '名称不以街道、镇、乡结尾时，请填写类型' },
      { path: '单位.csv!C4', message: expect.stringContaining('类型「委员会」') },
      { path: '派单目录.csv!G2', message: '「3天」应写作「4小时」或「7个工作日」' },
      { path: '派单目录.csv!D3', message: '「也许」应为 是 或 否' },
      { path: '派单目录.csv!F3', message: '时限不能为空' },
      { path: '派单目录.csv!C4', message: '按区域承办时，最后写「其他=单位」' },
      { path: '区域.csv!C3', message: '社区（村）「蒋家巷社区」重复' },
      { path: '区域.csv!D4', message: expect.stringContaining('填反了') },
      { path: '单位.csv!A5', message: expect.stringContaining('「静安区江宁路街道」与「江宁路街道办事处」') },
      { path: '单位.csv!D3', message: '「石门一路街道」不是本辖区的街道或镇' },
      { path: '派单目录.csv!C3', message: '单位表中没有「区热力公司」' },
    ]);
  });

  it('answers a missing manifest, bad JSON, and every bad manifest key', async () => {
    expect((await problemsOf({})).details).toEqual([{ path: MANIFEST, message: '缺少辖区说明文件' }]);
    expect((await problemsOf({ [MANIFEST]: utf8('{ name: ') })).details[0]?.path).toBe(MANIFEST);
    const bad = await problemsOf({
      [MANIFEST]: utf8(
        JSON.stringify({ name: '', level: '地级', code: '31010', units: '单位.csv', colour: 'red' }),
      ),
    });
    expect(bad.details).toEqual([
      { path: `${MANIFEST}:name`, message: '辖区名称不能为空' },
      { path: `${MANIFEST}:level`, message: expect.stringContaining('国家、省、市、区县、街乡') },
      { path: `${MANIFEST}:code`, message: expect.stringContaining('六位数字') },
      { path: `${MANIFEST}:(整个文件)`, message: '不认识的项：colour' },
    ]);
  });

  it('names files the manifest lists but the folder lacks, and a code that does not fit the level', async () => {
    const error = await problemsOf({
      [MANIFEST]: manifest({ code: '310100', areas: '区域.xlsx', boundaries: '边界.geojson' }),
    });
    expect(error.details).toEqual([
      { path: `${MANIFEST}:areas`, message: '文件夹中没有「区域.xlsx」' },
      { path: `${MANIFEST}:units`, message: '文件夹中没有「单位.csv」' },
      { path: `${MANIFEST}:boundaries`, message: '文件夹中没有「边界.geojson」' },
      { path: `${MANIFEST}:code`, message: expect.stringContaining('市一级') },
    ]);
  });

  it('refuses a Word file or an old .xls in place of a table, naming the file', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await problemsOf({ [MANIFEST]: manifest({}), '单位.csv': ole });
    expect([error.code, error.details[0]?.path, error.message]).toEqual([
      'UNSUPPORTED_FORMAT',
      '单位.csv',
      expect.stringContaining('另存为 .xlsx'),
    ]);
  });

  it('takes boundaries from GeoJSON by area name, and points at the bad feature', async () => {
    const square = (long: number) => [
      [
        [long, 31.2],
        [long + 0.01, 31.2],
        [long + 0.01, 31.21],
        [long, 31.21],
        [long, 31.2],
      ],
    ];
    const feature = (name: unknown, geometry: unknown) => ({
      type: 'Feature',
      properties: { name },
      geometry,
    });
    const files = {
      [MANIFEST]: manifest({ areas: '区域.csv', boundaries: '边界.geojson' }),
      '区域.csv': utf8('街道（镇）\n江宁路街道\n石门二路街道\n'),
      '单位.csv': utf8('单位名称,管辖街道（镇）\n江宁路街道办事处,江宁路街道\n'),
      '边界.geojson': utf8(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [feature('江宁路街道', { type: 'Polygon', coordinates: square(121.44) })],
        }),
      ),
    };
    const def = await parseJurisdictionFolder(files);
    expect(def.areas[0]?.boundary).toEqual({ type: 'Polygon', coordinates: square(121.44) });
    expect(def.areas[1]?.boundary).toBeUndefined();
    const bad = await problemsOf({
      ...files,
      '边界.geojson': utf8(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            feature('江宁路街道', { type: 'Polygon', coordinates: square(121.44) }),
            feature('南京西路街道', { type: 'Polygon', coordinates: square(121.45) }),
            feature('江宁路街道', { type: 'Polygon', coordinates: square(121.46) }),
            feature('石门二路街道', { type: 'Point', coordinates: [121.46, 31.2] }),
            feature('石门二路街道', { type: 'Polygon', coordinates: [square(121.46)[0]!.slice(0, 3)] }),
          ],
        }),
      ),
    });
    expect(bad.details).toEqual([
      { path: '边界.geojson:features.1', message: '第2个区域「南京西路街道」不是区域表中的街道或镇' },
      { path: '边界.geojson:features.2', message: '「江宁路街道」的边界出现了两次（第1个和第3个区域）' },
      {
        path: '边界.geojson:features.3',
        message: '第4个区域「石门二路街道」的几何应为 Polygon 或 MultiPolygon，坐标为 [经度, 纬度]',
      },
      { path: '边界.geojson:features.4', message: expect.stringContaining('闭合') },
    ]);
  });

  it('reads the manifest settings: scoring, health, Open311, and a holiday table', async () => {
    const def = await parseJurisdictionFolder({
      [MANIFEST]: manifest({
        scoring: {
          effectiveFrom: '2026-01',
          weights: { response: 0.2, resolution: 0.5, satisfaction: 0.3 },
          satisfactionCredit: { 满意: 1, 基本满意: 0.6, 不满意: 0 },
        },
        health: { atRisk: 0.95 },
        open311: { jurisdictionId: 'jingan.sh.gov.cn' },
        calendar: { 2027: '2027.json' },
      }),
      '单位.csv': utf8('单位名称\n静安区水务局\n'),
      '2027.json': utf8(JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: {} })),
    });
    expect(def.scoring).toMatchObject({
      minVolume: 10,
      excludedSources: ['grid'],
      weights: { resolution: 0.5 },
    });
    expect(def.health.thresholds).toEqual({ atRisk: 0.95, behind: 0.7 });
    expect(def.open311).toEqual({ jurisdictionId: 'jingan.sh.gov.cn' });
    expect(def.calendar).toEqual([{ year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
    const bad = await problemsOf({
      [MANIFEST]: manifest({ health: { atRisk: 0.5, behind: 0.8 } }),
      '单位.csv': utf8('单位名称\n静安区水务局\n'),
    });
    expect(isAppError(bad, 'BAD_INPUT') && bad.details).toEqual([
      { path: `${MANIFEST}:health.behind`, message: 'must not be above thresholds.atRisk' },
    ]);
  });

  it('reads how long a named handler has before the unit is told (notify.inboxAfterHours)', async () => {
    const units = { '单位.csv': utf8('单位名称\n静安区水务局\n') };
    const def = await parseJurisdictionFolder({
      [MANIFEST]: manifest({ notify: { inboxAfterHours: 2 } }),
      ...units,
    });
    expect(def.notify).toEqual({ inboxAfterHours: 2 });
    expect((await parseJurisdictionFolder({ [MANIFEST]: manifest({}), ...units })).notify).toBeUndefined();
    const bad = await problemsOf({ [MANIFEST]: manifest({ notify: { inboxAfterHours: 100 } }), ...units });
    expect(isAppError(bad, 'BAD_INPUT') && bad.details.map((d) => d.path)).toEqual([
      `${MANIFEST}:notify.inboxAfterHours`,
    ]);
  });
});

describe('parseDeadlineRule and parseOwner', () => {
  it('reads deadlines as offices write them', () => {
    expect(parseDeadlineRule('48小时')).toEqual({ amount: 48, calendar: 'natural_hours' });
    expect(parseDeadlineRule('7个工作日')).toEqual({ amount: 7, calendar: 'working_days' });
    expect(parseDeadlineRule('５工作日')).toEqual({ amount: 5, calendar: 'working_days' });
    expect(parseDeadlineRule('3天')).toBeUndefined();
  });

  it('reads 属地, a unit, and owners by area with the rest', () => {
    expect(parseOwner('属地（街道、镇）')).toEqual({ by: 'territory' });
    expect(parseOwner('区水务局')).toEqual({ by: 'unit', unit: '区水务局' });
    expect(parseOwner('按区域：江宁路街道=甲公司；彭浦镇＝乙公司；其他=丙公司')).toEqual({
      by: 'area',
      units: { 江宁路街道: '甲公司', 彭浦镇: '乙公司' },
      fallback: '丙公司',
    });
  });
});
