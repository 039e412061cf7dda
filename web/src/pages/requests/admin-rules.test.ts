import { describe, expect, it } from 'vitest';
import { TEST_CATALOGUE_ROWS } from '../../test-fixtures/requests';
import type { CatalogueRow, CatalogueVersion } from '../../api/requests-admin';
import {
  deriveVersionStates,
  diffCatalogueRows,
  fromRowDraft,
  toCatalogueDraft,
  toCatalogueForm,
  toRowDraft,
  validateCatalogueForm,
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
