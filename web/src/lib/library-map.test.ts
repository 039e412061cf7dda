import { describe, expect, it } from 'vitest';
import type { LibraryMap } from '../api/library';
import { BOUNDARY_MAP, libraryMapOption } from './library-map';

const MAP: LibraryMap = {
  libraries: [{ code: 'major', name: '重大项目库' }],
  stages: [
    { id: '入库', name: '入库', role: 'entered' },
    { id: '开工', name: '开工', role: 'started' },
    { id: '建设', name: '建设', role: 'building' },
  ],
  boundary: { type: 'FeatureCollection', features: [] },
  points: [
    {
      id: 1,
      name: '示例甲项目',
      library: 'major',
      stage: '开工',
      leadUnitId: 1,
      lng: 116.2,
      lat: 40.2,
      exited: false,
    },
    {
      id: 2,
      name: '示例乙项目',
      library: 'major',
      stage: '入库',
      leadUnitId: 2,
      lng: 116.3,
      lat: 40.1,
      exited: false,
    },
    {
      id: 3,
      name: '已出库项目',
      library: 'major',
      stage: '开工',
      leadUnitId: 2,
      lng: 116.4,
      lat: 40.3,
      exited: true,
    },
  ],
};

describe('libraryMapOption', () => {
  it('draws the points over the jurisdiction’s own boundary, one series per stage, exited ones left out', () => {
    const option = libraryMapOption(MAP, { library: '所属库', stage: '阶段' });
    expect('geo' in option && option.geo.map).toBe(BOUNDARY_MAP);
    expect(option.series.map((s) => [s.name, s.coordinateSystem, s.data.map((d) => d.name)])).toEqual([
      ['入库', 'geo', ['示例乙项目']],
      ['开工', 'geo', ['示例甲项目']],
    ]);
    expect(option.series[1]!.data[0]).toEqual({
      name: '示例甲项目',
      value: [116.2, 40.2, 1],
      tip: '示例甲项目<br/>所属库：重大项目库<br/>阶段：开工',
    });
  });

  it('escapes what offices typed before the tooltip shows it as HTML', () => {
    const named = { ...MAP, points: [{ ...MAP.points[0]!, name: '<img src=x onerror=alert(1)>' }] };
    const tip = libraryMapOption(named, { library: '所属库', stage: '阶段' }).series[0]!.data[0]!.tip;
    expect(tip).toBe('&#60;img src=x onerror=alert(1)&#62;<br/>所属库：重大项目库<br/>阶段：开工');
  });

  it('falls back to plain axes without a boundary (no online tiles)', () => {
    const option = libraryMapOption({ ...MAP, boundary: null }, { library: '所属库', stage: '阶段' });
    expect('geo' in option).toBe(false);
    expect('xAxis' in option && option.xAxis).toEqual({ type: 'value', scale: true });
    expect(option.series.every((s) => s.coordinateSystem === undefined)).toBe(true);
  });
});
