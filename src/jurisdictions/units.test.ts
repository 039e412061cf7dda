import { describe, expect, it } from 'vitest';
import { deriveUnitKind } from '../plan/units.js';
import { createUnitMatcher, deriveOfficeName, listUnitConflicts, unitKey } from './units.js';

// Names as a Shanghai district writes them (静安区, 310106).
const PLACE = '上海市静安区';

describe('unitKey', () => {
  it("makes a street's office and the street one key", () => {
    expect(unitKey('江宁路街道办事处', PLACE)).toBe(unitKey('江宁路街道', PLACE));
    expect(unitKey('静安区江宁路街道办事处', PLACE)).toBe('江宁路街道');
    expect(unitKey('上海市静安区江宁路街道办事处', PLACE)).toBe('江宁路街道');
  });

  it("makes a town's government, written long or short, and the town one key", () => {
    expect(unitKey('彭浦镇人民政府', PLACE)).toBe('彭浦镇');
    expect(unitKey('彭浦镇政府', PLACE)).toBe('彭浦镇');
    expect(unitKey('某乡人民政府', PLACE)).toBe('某乡');
  });

  it("drops the place's own name before a department, keeping its level word", () => {
    expect(unitKey('静安区财政局', PLACE)).toBe('区财政局');
    expect(unitKey('上海市静安区财政局', PLACE)).toBe('区财政局');
    expect(unitKey('上海市财政局', '上海市')).toBe('市财政局');
    // Another district's department is not this district's.
    expect(unitKey('黄浦区财政局', PLACE)).toBe('黄浦区财政局');
  });

  it('reads a closing 委员会 as 委, full-width as half-width, and ignores spaces', () => {
    expect(unitKey('区教育委员会', PLACE)).toBe(unitKey('区教育委', PLACE));
    expect(unitKey('区 财政局', PLACE)).toBe('区财政局');
    expect(unitKey('区１２３４５热线', PLACE)).toBe('区12345热线');
  });
});

describe('createUnitMatcher', () => {
  const units = [
    { name: '静安区发展和改革委员会', aliases: ['区发展改革委', '区发改委'] },
    { name: '江宁路街道办事处', aliases: [] },
    { name: '彭浦镇人民政府', aliases: [] },
  ];
  const matcher = createUnitMatcher(units, PLACE);

  it('finds a unit by name, by alias and by the rule, and says how', () => {
    expect(matcher.match('江宁路街道办事处')).toEqual({ unit: units[1], by: 'name' });
    expect(matcher.match('区发改委')).toEqual({ unit: units[0], by: 'alias' });
    expect(matcher.match('江宁路街道')).toEqual({ unit: units[1], by: 'rule' });
    expect(matcher.match('彭浦镇')).toEqual({ unit: units[2], by: 'rule' });
    expect(matcher.match('区发展和改革委员会')).toEqual({ unit: units[0], by: 'rule' });
  });

  it('finds nothing for a name no rule joins', () => {
    expect(matcher.match('区财政局')).toBeUndefined();
    expect(matcher.match('石门二路街道')).toBeUndefined();
  });

  it('finds nothing when the rule joins a name to two units', () => {
    const twice = createUnitMatcher([{ name: '甲街道' }, { name: '甲街道办事处' }], PLACE);
    expect(twice.match('甲街道')?.by).toBe('name');
    expect(twice.match('静安区甲街道')).toBeUndefined();
  });
});

describe('listUnitConflicts', () => {
  it('names both rows when two units are one under the rule', () => {
    const problems = listUnitConflicts(
      [
        { name: '江宁路街道', aliases: [], kind: 'street' },
        { name: '区财政局', aliases: [], kind: 'department' },
        { name: '江宁路街道办事处', aliases: [], kind: 'street' },
        { name: '静安区财政局', aliases: ['区财政局'], kind: 'department' },
      ],
      PLACE,
    );
    expect(problems).toEqual([
      { path: 'units.2.name', message: expect.stringContaining('「江宁路街道办事处」与「江宁路街道」') },
      { path: 'units.3.name', message: expect.stringContaining('「静安区财政局」与「区财政局」') },
    ]);
  });

  it('lets a unit list an alias that is its own name under the rule', () => {
    expect(listUnitConflicts([{ name: '彭浦镇人民政府', aliases: ['彭浦镇'], kind: 'town' }], PLACE)).toEqual(
      [],
    );
  });
});

describe('deriveOfficeName and deriveUnitKind', () => {
  it("names a street's and a town's office", () => {
    expect(deriveOfficeName('江宁路街道')).toBe('江宁路街道办事处');
    expect(deriveOfficeName('彭浦镇')).toBe('彭浦镇人民政府');
  });

  it('tells the kind from the name', () => {
    expect(deriveUnitKind('江宁路街道办事处')).toBe('street');
    expect(deriveUnitKind('彭浦镇政府')).toBe('town');
    expect(deriveUnitKind('上海市自来水市北有限公司')).toBe('enterprise');
    expect(deriveUnitKind('区财政局')).toBe('department');
  });
});
