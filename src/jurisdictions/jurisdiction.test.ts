import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { DEFAULT_HEALTH_CONFIG } from '../plan/thresholds.js';
import { DEFAULT_SCHEMES } from '../requests/scoring.js';
import {
  assertJurisdiction,
  listJurisdictionProblems,
  toCatalogue,
  toRequestJurisdiction,
  toRequestUnits,
} from './jurisdiction.js';
import type { CatalogueRowDef, JurisdictionDefinition } from './types.js';

const hours = (amount: number) => ({ amount, calendar: 'natural_hours' as const });
const days = (amount: number) => ({ amount, calendar: 'working_days' as const });

function row(category: string, owner: CatalogueRowDef['owner'], code?: string): CatalogueRowDef {
  return {
    category,
    ...(code ? { code } : {}),
    group: '城市服务',
    description: category,
    keywords: [category],
    owner,
    designated: false,
    sign: hours(2),
    contact: days(1),
    finish: days(5),
  };
}

/** A small district in the shape its files give (静安区's first two streets and its town). */
function district(): JurisdictionDefinition {
  return {
    name: '上海市静安区',
    level: '区县',
    code: '310106',
    parentCode: '310000',
    areas: [
      {
        name: '江宁路街道',
        kind: 'street',
        communities: ['甲社区', '乙社区'],
        centre: { lat: 31.24, long: 121.45 },
      },
      { name: '石门二路街道', kind: 'street', communities: [] },
      { name: '彭浦镇', kind: 'town', communities: [] },
    ],
    units: [
      { name: '江宁路街道办事处', aliases: [], kind: 'street', area: '江宁路街道' },
      { name: '石门二路街道办事处', aliases: [], kind: 'street', area: '石门二路街道' },
      { name: '彭浦镇人民政府', aliases: [], kind: 'town', area: '彭浦镇' },
      { name: '静安区水务局', aliases: ['区水务局'], kind: 'department' },
    ],
    catalogue: {
      effectiveFrom: '2026-01-01T00:00:00+08:00',
      note: '派单目录',
      rows: [
        row('噪声', { by: 'territory' }, 'noise'),
        row('积水', { by: 'unit', unit: '区水务局' }, 'waterlogging'),
      ],
    },
    calendar: [],
    health: structuredClone(DEFAULT_HEALTH_CONFIG),
    open311: { jurisdictionId: '310106', services: ['noise'] },
  };
}

describe('listJurisdictionProblems', () => {
  it('finds nothing wrong with a sound definition', () => {
    expect(listJurisdictionProblems(district())).toEqual([]);
  });

  it('lists every problem with its path', () => {
    const def = district();
    def.code = '310100';
    def.areas.push({ name: '江宁路街道', kind: 'street', communities: ['丙', '丙'] });
    def.areas[0]!.centre = { lat: 121.45, long: 31.24 };
    def.units.push({ name: '江宁路街道', aliases: [], kind: 'street', area: '江宁路街道' });
    def.units[3]!.area = '彭浦镇';
    def.catalogue!.rows.push(row('供暖', { by: 'unit', unit: '区热力公司' }, 'noise'));
    def.open311.services = ['heating'];
    def.scoring = {
      ...DEFAULT_SCHEMES.schemes[0]!,
      weights: { response: 0.5, resolution: 0.5, satisfaction: 0.5 },
    };
    const problems = listJurisdictionProblems(def);
    expect(problems).toEqual([
      { path: 'code', message: expect.stringMatching(/市一级/) },
      { path: 'areas.0.centre', message: expect.stringMatching(/填反了/) },
      { path: 'areas.3.name', message: expect.stringMatching(/重复/) },
      { path: 'areas.3.communities', message: expect.stringMatching(/「丙」重复/) },
      { path: 'units.4.name', message: expect.stringMatching(/同一单位/) },
      { path: 'units.3.area', message: expect.stringMatching(/只有街道办事处和镇/) },
      { path: 'units.4.area', message: expect.stringMatching(/已由「江宁路街道办事处」管辖/) },
      { path: 'catalogue.rows.2.code', message: expect.stringMatching(/「noise」重复/) },
      { path: 'catalogue.rows.2.owner', message: '单位表中没有「区热力公司」' },
      { path: 'open311.services.0', message: expect.stringMatching(/heating/) },
      { path: 'scoring.weights', message: 'must add up to 1' },
    ]);
  });

  it('refuses 属地 dispatch while an area has no office', () => {
    const def = district();
    def.units = def.units.filter((u) => u.area !== '彭浦镇');
    expect(listJurisdictionProblems(def)).toEqual([
      { path: 'catalogue.rows.0.owner', message: expect.stringMatching(/彭浦镇 没有/) },
    ]);
  });

  it('refuses an open boundary ring', () => {
    const def = district();
    def.areas[1]!.boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.2],
          [121.5, 31.2],
          [121.5, 31.3],
        ],
      ],
    };
    expect(listJurisdictionProblems(def)).toEqual([
      { path: 'areas.1.boundary.0.0', message: expect.stringMatching(/闭合/) },
    ]);
  });
});

describe('assertJurisdiction', () => {
  it('throws BAD_INPUT with every problem and creates nothing', () => {
    const def = district();
    def.level = '市';
    try {
      assertJurisdiction(def);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT') && error.details).toEqual([
        { path: 'code', message: expect.stringMatching(/310100/) },
      ]);
    }
  });
});

describe('conversions for 接诉即办', () => {
  it('gives the areas with their centres and the units with the given ids', () => {
    const def = district();
    expect(toRequestJurisdiction(def).areas[0]).toEqual({
      name: '江宁路街道',
      kind: 'street',
      communities: ['甲社区', '乙社区'],
      lat: 31.24,
      long: 121.45,
    });
    expect(toRequestUnits(def, (_, i) => 11 + i).map((u) => [u.id, u.name, u.area])).toEqual([
      [11, '江宁路街道办事处', '江宁路街道'],
      [12, '石门二路街道办事处', '石门二路街道'],
      [13, '彭浦镇人民政府', '彭浦镇'],
      [14, '静安区水务局', undefined],
    ]);
  });

  it('resolves owners by name, alias or rule to unit ids', () => {
    const def = district();
    def.catalogue!.rows.push(
      row('供水', { by: 'area', units: { 彭浦镇: '彭浦镇政府' }, fallback: '静安区水务局' }, 'water'),
    );
    const units = toRequestUnits(def, (_, i) => 11 + i).map((u, i) => ({
      ...u,
      aliases: def.units[i]!.aliases,
    }));
    const catalogue = toCatalogue(def, units);
    expect(catalogue.versions[0]?.effectiveFrom).toBe('2025-12-31T16:00:00.000Z');
    expect(catalogue.versions[0]?.rows.map((r) => r.owner)).toEqual([
      { by: 'territory' },
      { by: 'unit', unitId: 14 },
      { by: 'area', units: { 彭浦镇: 13 }, fallbackUnitId: 14 },
    ]);
  });
});
