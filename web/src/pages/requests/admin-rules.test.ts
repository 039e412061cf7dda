import { describe, expect, it } from 'vitest';
import { ORDER_SOURCES } from '../../api/requests';
import { TEST_CATALOGUE_ROWS } from '../../test-fixtures/requests';
import type { CatalogueRow, CatalogueVersion, ScoringScheme } from '../../api/requests-admin';
import {
  deriveVersionStates,
  diffCatalogueRows,
  fromRowDraft,
  normaliseDate,
  parseHolidayText,
  toCatalogueDraft,
  toCatalogueForm,
  toRowDraft,
  toSchemeDraft,
  toSchemeForm,
  validateCatalogueForm,
  validateExemptionForm,
  validateSchemeForm,
} from './admin-rules';

const ROWS = TEST_CATALOGUE_ROWS;
const V1: CatalogueVersion = {
  version: 1,
  effectiveFrom: '2019-12-31T16:00:00.000Z',
  note: '示例',
  rows: ROWS,
};
const UNITS = new Set([203, 204, 205, 207, 208, 209, 301, 302]);
// 2026-11-26 10:00 Beijing.
const NOW = Date.parse('2026-11-26T02:00:00Z');

describe('catalogue rows as forms', () => {
  it('round-trip every example row unchanged', () => {
    for (const row of ROWS) expect(fromRowDraft(toRowDraft(row))).toEqual(row);
  });

  it('send the effective date as the start of that Beijing day', () => {
    const form = { ...toCatalogueForm(V1), effectiveDate: '2027-01-01' };
    expect(toCatalogueDraft(form).effectiveFrom).toBe('2027-01-01T00:00:00+08:00');
  });
});

describe('validateCatalogueForm', () => {
  const context = { latest: V1, now: NOW, units: UNITS };

  it('accepts the current rows from tomorrow', () => {
    const form = { ...toCatalogueForm(V1), effectiveDate: '2026-11-27' };
    expect(validateCatalogueForm(form, context)).toEqual({});
  });

  it('refuses today (never retroactive), and a date not after a scheduled version', () => {
    const today = { ...toCatalogueForm(V1), effectiveDate: '2026-11-26' };
    expect(validateCatalogueForm(today, context).effectiveDate?.key).toBe(
      'requests.admin.problems.dateNotFuture',
    );
    const scheduled = { ...V1, version: 2, effectiveFrom: '2026-12-31T16:00:00.000Z' };
    const early = { ...toCatalogueForm(scheduled), effectiveDate: '2026-12-15' };
    expect(validateCatalogueForm(early, { ...context, latest: scheduled }).effectiveDate).toEqual({
      key: 'requests.admin.problems.dateAfterLatest',
      values: { version: 2, date: '2027-01-01' },
    });
  });

  it('names each bad field of each row: amounts, duplicates, missing units', () => {
    const form = { ...toCatalogueForm(V1), effectiveDate: '2027-01-01' };
    form.rows[0] = { ...form.rows[0]!, finish: { amount: '1.5', calendar: 'natural_hours' } };
    form.rows[1] = { ...form.rows[1]!, category: '供暖' };
    form.rows[2] = { ...form.rows[2]!, ownerBy: 'unit', ownerUnitId: 999 };
    form.rows[3] = {
      ...form.rows[3]!,
      ownerBy: 'area',
      areaUnits: [{ area: '东湖街道', unitId: undefined }],
    };
    const problems = validateCatalogueForm(form, context);
    expect(Object.keys(problems).sort()).toEqual([
      'rows.0.category',
      'rows.0.finish',
      'rows.1.category',
      'rows.2.owner',
      'rows.3.areaUnits.0',
      'rows.3.fallback',
    ]);
    expect(problems['rows.1.category']).toEqual({
      key: 'requests.admin.problems.duplicateCategory',
      values: { category: '供暖' },
    });
  });

  it('needs at least one row', () => {
    const form = { ...toCatalogueForm(V1), effectiveDate: '2027-01-01', rows: [] };
    expect(validateCatalogueForm(form, context).rows?.key).toBe('requests.admin.problems.noRows');
  });
});

describe('diffCatalogueRows', () => {
  it('lists added, removed and changed rows with the fields that changed', () => {
    const after = ROWS.filter((r) => r.category !== '教育').map((r) =>
      r.category === '供暖' ? { ...r, finish: { amount: 24, calendar: 'natural_hours' as const } } : r,
    );
    after.push({ ...ROWS[0]!, category: '充电桩', code: 'charging', owner: { by: 'territory' } });
    const diff = diffCatalogueRows(ROWS, after);
    expect(diff.added.map((r) => r.category)).toEqual(['充电桩']);
    expect(diff.removed.map((r) => r.category)).toEqual(['教育']);
    // coFinish defaults to finish, so it changes with it.
    expect(diff.changed).toEqual([
      expect.objectContaining({ category: '供暖', fields: ['finish', 'coFinish'] }),
    ]);
  });

  it('sees no change when only the order of per-area units differs', () => {
    const a: CatalogueRow = {
      ...ROWS[0]!,
      owner: { by: 'area', units: { 甲: 1, 乙: 2 }, fallbackUnitId: 3 },
    };
    const b: CatalogueRow = { ...a, owner: { by: 'area', units: { 乙: 2, 甲: 1 }, fallbackUnitId: 3 } };
    expect(diffCatalogueRows([a], [b]).changed).toEqual([]);
  });
});

describe('deriveVersionStates', () => {
  it('marks the version in force, the ones to come and the replaced ones', () => {
    const versions = [
      { version: 1, effectiveFrom: '2020-01-01T00:00:00Z' },
      { version: 2, effectiveFrom: '2026-01-01T00:00:00Z' },
      { version: 3, effectiveFrom: '2027-01-01T00:00:00Z' },
    ];
    expect([...deriveVersionStates(versions, NOW)]).toEqual([
      [1, 'past'],
      [2, 'current'],
      [3, 'scheduled'],
    ]);
  });
});

describe('scheme forms', () => {
  const latest: ScoringScheme = {
    version: 1,
    effectiveFrom: '2024-01',
    note: '',
    weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
    satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
    excludedSources: ['grid'],
    minVolume: 10,
  };
  const context = { currentMonth: '2026-11', latest, sources: ORDER_SOURCES };

  it('show weights as percentages and send them back as fractions adding up to 1', () => {
    const form = toSchemeForm(latest, '2026-12');
    expect(form.weights).toEqual({ response: '10', resolution: '60', satisfaction: '30' });
    form.weights = { response: '20', resolution: '50', satisfaction: '30' };
    expect(validateSchemeForm(form, context)).toEqual({ problems: {}, warnings: {} });
    const draft = toSchemeDraft(form);
    expect(draft.weights).toEqual({ response: 0.2, resolution: 0.5, satisfaction: 0.3 });
    expect(draft.weights.response + draft.weights.resolution + draft.weights.satisfaction).toBeCloseTo(1, 12);
  });

  it('say what the weights add up to when it is not 100%', () => {
    const form = {
      ...toSchemeForm(latest, '2026-12'),
      weights: { response: '10', resolution: '60', satisfaction: '25' },
    };
    expect(validateSchemeForm(form, context).problems.weights).toEqual({
      key: 'requests.admin.problems.weightsSum',
      values: { sum: 95 },
    });
  });

  it('refuse a past month, credits outside [0, 1] and excluding every source; warn on unordered credits', () => {
    const form = {
      ...toSchemeForm(latest, '2026-10'),
      credits: { 满意: '1', 基本满意: '0.8', 不满意: '-1' },
      excludedSources: [...ORDER_SOURCES],
    };
    const { problems, warnings } = validateSchemeForm(form, context);
    expect(Object.keys(problems).sort()).toEqual(['credits.不满意', 'effectiveFrom', 'excludedSources']);
    expect(problems.effectiveFrom?.key).toBe('requests.admin.problems.monthPast');
    expect(warnings).toEqual({});
    const unordered = {
      ...toSchemeForm(latest, '2026-12'),
      credits: { 满意: '0.7', 基本满意: '0.9', 不满意: '0' },
    };
    expect(validateSchemeForm(unordered, context).warnings.credits?.key).toBe(
      'requests.admin.problems.creditOrder',
    );
  });
  it('take the minimum volume from the latest version and accept only a whole number ≥ 0', () => {
    const form = toSchemeForm({ ...latest, minVolume: 6 }, '2026-12');
    expect(form.minVolume).toBe('6');
    expect(toSchemeForm(undefined, '2026-12').minVolume).toBe('10');
    for (const typed of ['', '-1', '2.5', 'ten']) {
      expect(validateSchemeForm({ ...form, minVolume: typed }, context).problems.minVolume?.key).toBe(
        'requests.admin.problems.wholeNonNegative',
      );
    }
    expect(validateSchemeForm({ ...form, minVolume: ' 0 ' }, context).problems).toEqual({});
    expect(toSchemeDraft({ ...form, minVolume: ' 0 ' }).minVolume).toBe(0);
  });
});

describe('validateExemptionForm', () => {
  it('needs a unit, a month and a reason, and refuses a unit already exempt that month', () => {
    expect(Object.keys(validateExemptionForm({ unitId: undefined, month: '', reason: ' ' }, []))).toEqual([
      'unitId',
      'month',
      'reason',
    ]);
    const existing = [
      {
        unitId: 5,
        unitName: '城关街道',
        month: '2026-11',
        reason: '机构改革',
        createdBy: 1,
        createdByName: '管理员',
        createdAt: '2026-11-01T00:00:00Z',
      },
    ];
    expect(validateExemptionForm({ unitId: 5, month: '2026-11', reason: '暴雨' }, existing).month?.key).toBe(
      'requests.admin.problems.alreadyExempt',
    );
    expect(validateExemptionForm({ unitId: 5, month: '2026-10', reason: '暴雨' }, existing)).toEqual({});
  });
});

describe('parseHolidayText', () => {
  it('reads chinese-days JSON (date → name), ignoring its other keys', () => {
    const text = JSON.stringify({
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8' },
      workdays: { '2027-02-20': 'Spring Festival,春节,8' },
      inLieuDays: {},
    });
    expect(parseHolidayText(text, 2027)).toEqual({
      format: 'json',
      problems: [],
      table: {
        holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8' },
        workdays: { '2027-02-20': 'Spring Festival,春节,8' },
      },
    });
  });

  it('reads lists of dates too (the domain’s own shape)', () => {
    const parsed = parseHolidayText('{"holidays":["2027-01-01"],"workdays":[]}', 2027);
    expect(parsed.table).toEqual({ holidays: { '2027-01-01': '' }, workdays: {} });
  });

  it('reads CSV with a header, 休/班 and loose dates', () => {
    const csv = '日期,类型,名称\n2027/1/1,休,元旦\n2027-2-6，放假，春节\n2027-02-20,班,春节\n';
    expect(parseHolidayText(csv, 2027)).toEqual({
      format: 'csv',
      problems: [],
      table: { holidays: { '2027-01-01': '元旦', '2027-02-06': '春节' }, workdays: { '2027-02-20': '春节' } },
    });
  });

  it('names every problem: line, wrong year, a weekday “worked”, a day both off and worked', () => {
    const csv =
      '2027-01-01,休,元旦\n2027-13-01,休,x\n2026-12-31,休,x\n2027-02-09,班,春节\n2027-01-01,上班,x\n2027-02-10,休息吧';
    const keys = parseHolidayText(csv, 2027).problems.map((p) => [p.key.split('.').at(-1), p.line ?? p.date]);
    expect(keys).toEqual([
      ['csvDate', 2],
      ['csvType', 6],
      ['wrongYear', '2026-12-31'],
      ['workdayNotWeekend', '2027-02-09'],
      ['bothOffAndWorked', '2027-01-01'],
    ]);
  });

  it('refuses broken JSON and an empty paste', () => {
    expect(parseHolidayText('{"holidays": ', 2027).problems[0]?.key).toBe(
      'requests.admin.problems.jsonSyntax',
    );
    expect(parseHolidayText('  ', 2027).format).toBe('empty');
  });

  it('normalises the ways offices write dates', () => {
    expect(normaliseDate('2027年2月6日')).toBe('2027-02-06');
    expect(normaliseDate('2027.02.06')).toBe('2027-02-06');
    expect(normaliseDate('2027-02-30')).toBeUndefined();
  });
});
