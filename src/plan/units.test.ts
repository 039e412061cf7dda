import { describe, expect, it } from 'vitest';
import type { Unit } from './types.js';
import {
  UNIT_USAGE_KEYS,
  checkUnitArea,
  checkUnitFields,
  deriveMergedItemUnits,
  deriveUnitKind,
  describeUnitUsage,
  findMergeRefusal,
  isUnitInUse,
} from './units.js';
import type { UnitUsage } from './units.js';

const none = Object.fromEntries(UNIT_USAGE_KEYS.map((key) => [key, 0])) as unknown as UnitUsage;
const street = (id: number, area?: string): Unit => ({
  id,
  name: `街道${id}`,
  kind: 'street',
  ...(area ? { area } : {}),
});

describe('unit rules', () => {
  it('says a unit is in use while anything refers to it, naming each count', () => {
    expect(isUnitInUse(none)).toBe(false);
    const used = { ...none, tasksLed: 3, catalogueRows: 1 };
    expect(isUnitInUse(used)).toBe(true);
    expect(describeUnitUsage(used)).toEqual([
      { path: 'usage.tasksLed', message: '3 tasks it leads' },
      { path: 'usage.catalogueRows', message: '1 rows of the dispatch catalogue in force' },
    ]);
  });

  it('lets only a street or town office govern an area, and refuses an empty name or unknown kind', () => {
    expect(checkUnitArea('street', '城北街道')).toEqual([]);
    expect(checkUnitArea('department', '城北街道')).toEqual([
      { path: 'area', message: 'a department governs no area: only a street or town office does' },
    ]);
    expect(checkUnitArea('department', undefined)).toEqual([]);
    expect(checkUnitFields({ name: '', kind: 'bank' as never }).map((p) => p.path)).toEqual(['name', 'kind']);
  });

  it('refuses a merge when both reported for a period, or the area cannot pass on', () => {
    expect(findMergeRefusal(street(1), street(2), [])).toBeUndefined();
    expect(findMergeRefusal(street(1), street(2), [{ planId: 3, periodKey: '2022-03' }])?.details).toEqual([
      { path: 'reports.3.2022-03', message: 'reported by both units' },
    ]);
    expect(findMergeRefusal(street(1, '城北街道'), street(2, '南口镇'), [])?.code).toBe('CONFLICT');
    const department: Unit = { id: 2, name: '区科委', kind: 'department' };
    expect(findMergeRefusal(street(1, '城北街道'), department, [])?.details).toEqual([
      { path: 'area', message: 'governs 城北街道' },
    ]);
    expect(findMergeRefusal(street(1, '城北街道'), street(2), [])).toBeUndefined();
  });

  it('puts the absorbing unit in the merged one’s place, once, never co-unit of what it leads', () => {
    expect(deriveMergedItemUnits({ leadUnitId: 5, coUnitIds: [2, 7] }, 5, 2)).toEqual({
      leadUnitId: 2,
      coUnitIds: [7],
    });
    expect(deriveMergedItemUnits({ leadUnitId: 9, coUnitIds: [5, 2] }, 5, 2)).toEqual({
      leadUnitId: 9,
      coUnitIds: [2],
    });
    expect(deriveMergedItemUnits({ leadUnitId: null, coUnitIds: [8, 5] }, 5, 3)).toEqual({
      leadUnitId: null,
      coUnitIds: [3, 8],
    });
  });

  it('tells a unit’s kind from its name', () => {
    expect(deriveUnitKind('回龙观街道')).toBe('street');
    expect(deriveUnitKind('南口镇')).toBe('town');
    expect(deriveUnitKind('京能集团')).toBe('enterprise');
    expect(deriveUnitKind('区科委')).toBe('department');
  });
});
