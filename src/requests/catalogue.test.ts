import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  addCatalogueVersion,
  countRowsNamingUnit,
  findCatalogueRow,
  getCatalogueRow,
  getCatalogueVersion,
  mapOwnerUnits,
  ownerNamesUnit,
  resolveOwner,
} from './catalogue.js';
import {
  CHANGPING_CATALOGUE,
  CHANGPING_CATALOGUE_ROWS,
  CHANGPING_UNITS,
} from '../../test/fixtures/changping-requests.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const NOW = '2024-06-01T00:00:00.000Z';

describe('getCatalogueVersion', () => {
  it('finds the version in force at an instant, and none before the first', () => {
    const v2 = addCatalogueVersion(
      CHANGPING_CATALOGUE,
      { effectiveFrom: '2024-07-01T00:00:00Z', note: 'v2', rows: CHANGPING_CATALOGUE_ROWS },
      CHANGPING_UNITS,
      NOW,
    );
    expect(getCatalogueVersion(v2, '2024-06-30T23:59:59Z').version).toBe(1);
    expect(getCatalogueVersion(v2, '2024-07-01T00:00:00Z').version).toBe(2);
    expect(errorOf(() => getCatalogueVersion(v2, '2019-12-31T15:59:59Z')).code).toBe('NOT_FOUND');
  });
});

describe('addCatalogueVersion', () => {
  it('refuses a version that would take effect in the past, listing every problem', () => {
    const rows = [
      ...CHANGPING_CATALOGUE_ROWS,
      { ...CHANGPING_CATALOGUE_ROWS[0]!, owner: { by: 'unit' as const, unitId: 999 } },
    ];
    const e = errorOf(() =>
      addCatalogueVersion(
        CHANGPING_CATALOGUE,
        { effectiveFrom: '2024-05-01T00:00:00Z', note: '', rows },
        CHANGPING_UNITS,
        NOW,
      ),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details.map((d) => d.message)).toEqual([
      '「供暖」 appears twice',
      'code heating appears twice',
      'unit 999 does not exist',
      'is in the past: catalogues never change retroactively',
    ]);
  });

  it('keeps the earlier versions as they were', () => {
    const v2 = addCatalogueVersion(
      CHANGPING_CATALOGUE,
      { effectiveFrom: '2024-07-01T00:00:00Z', note: 'v2', rows: CHANGPING_CATALOGUE_ROWS.slice(0, 2) },
      CHANGPING_UNITS,
      NOW,
    );
    expect(v2.versions[0]).toBe(CHANGPING_CATALOGUE.versions[0]);
    expect(v2.versions[1]?.rows).toHaveLength(2);
    expect(CHANGPING_CATALOGUE.versions).toHaveLength(1);
  });
});

describe('getCatalogueRow', () => {
  it('finds a row or refuses an unknown category', () => {
    const v1 = CHANGPING_CATALOGUE.versions[0]!;
    expect(getCatalogueRow(v1, '供暖').finish).toEqual({ amount: 48, calendar: 'natural_hours' });
    expect(findCatalogueRow(v1, '外星人')).toBeUndefined();
    expect(errorOf(() => getCatalogueRow(v1, '外星人')).details[0]?.path).toBe('category');
  });
});

describe('resolveOwner', () => {
  it('finds the street office for a territorial row, the named unit otherwise', () => {
    expect(resolveOwner({ by: 'territory' }, '南口镇', CHANGPING_UNITS)).toBe(110);
    expect(resolveOwner({ by: 'unit', unitId: 203 }, '南口镇', CHANGPING_UNITS)).toBe(203);
    expect(
      resolveOwner({ by: 'area', units: { 南口镇: 301 }, fallbackUnitId: 302 }, '城北街道', CHANGPING_UNITS),
    ).toBe(302);
    expect(errorOf(() => resolveOwner({ by: 'territory' }, '海淀街道', CHANGPING_UNITS)).code).toBe(
      'BAD_INPUT',
    );
  });
});

describe('units in owner rules', () => {
  const area = { by: 'area' as const, units: { 南口镇: 301 }, fallbackUnitId: 302 };

  it('tells whether a rule routes orders to a unit, and maps its units', () => {
    expect(ownerNamesUnit({ by: 'unit', unitId: 203 }, 203)).toBe(true);
    expect(ownerNamesUnit(area, 301)).toBe(true);
    expect(ownerNamesUnit(area, 302)).toBe(true);
    expect(ownerNamesUnit({ by: 'territory' }, 110)).toBe(false);
    const to9 = (id: number) => (id === 301 ? 9 : id);
    expect(mapOwnerUnits(area, to9)).toEqual({ by: 'area', units: { 南口镇: 9 }, fallbackUnitId: 302 });
    expect(mapOwnerUnits({ by: 'territory' }, to9)).toEqual({ by: 'territory' });
  });

  it('counts the rows naming a unit in the version in force and those to come, not the past ones', () => {
    const rows = CHANGPING_CATALOGUE.versions[0]!.rows;
    const unitId = rows.flatMap((r) => (r.owner.by === 'unit' ? [r.owner.unitId] : []))[0]!;
    const naming = rows.filter((r) => ownerNamesUnit(r.owner, unitId)).length;
    expect(naming).toBeGreaterThan(0);
    expect(countRowsNamingUnit(CHANGPING_CATALOGUE, unitId, NOW)).toBe(naming);
    const without = rows.map((r) => ({
      ...r,
      owner: mapOwnerUnits(r.owner, (id) => (id === unitId ? 999 : id)),
    }));
    const later = addCatalogueVersion(
      CHANGPING_CATALOGUE,
      { effectiveFrom: '2024-07-01T00:00:00Z', note: 'v2', rows: without },
      [...CHANGPING_UNITS, { id: 999, name: '新单位', kind: 'department' }],
      NOW,
    );
    // Scheduled: v1 in force and v2 to come; once v2 is in force, v1 no longer counts.
    expect(countRowsNamingUnit(later, unitId, NOW)).toBe(naming);
    expect(countRowsNamingUnit(later, unitId, '2024-08-01T00:00:00.000Z')).toBe(0);
  });
});
