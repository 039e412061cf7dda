import { describe, expect, it } from 'vitest';
import { checkCode, checkParent } from './codes.js';

describe('checkCode', () => {
  it('takes real codes at their level', () => {
    expect(checkCode('100000', '国家')).toBeUndefined();
    expect(checkCode('440000', '省')).toBeUndefined();
    expect(checkCode('310000', '省')).toBeUndefined();
    // A 直辖市 is a city at the level of a province: either level takes its code.
    expect(checkCode('310000', '市')).toBeUndefined();
    expect(checkCode('440300', '市')).toBeUndefined();
    expect(checkCode('310106', '区县')).toBeUndefined();
    expect(checkCode('440307', '区县')).toBeUndefined();
    expect(checkCode('310106013', '街乡')).toBeUndefined();
  });

  it('refuses a code of another level, saying which', () => {
    expect(checkCode('440300', '区县')).toMatch(/市一级/);
    expect(checkCode('440000', '市')).toMatch(/省级代码/);
    expect(checkCode('440307', '市')).toMatch(/440300/);
    expect(checkCode('440300', '省')).toMatch(/440000/);
    expect(checkCode('110000', '国家')).toMatch(/100000/);
  });

  it('refuses what is not a code', () => {
    expect(checkCode('31010', '区县')).toMatch(/六位数字/);
    expect(checkCode('3101O6', '区县')).toMatch(/六位数字/);
    expect(checkCode('990101', '区县')).toMatch(/不是省级代码/);
    expect(checkCode('310106', '街乡')).toMatch(/九位/);
  });
});

describe('checkParent', () => {
  it('puts a district under its city and a city under its province', () => {
    expect(checkParent({ code: '440307', level: '区县' }, { code: '440300', level: '市' })).toEqual([]);
    expect(checkParent({ code: '440300', level: '市' }, { code: '440000', level: '省' })).toEqual([]);
    expect(checkParent({ code: '440000', level: '省' }, { code: '100000', level: '国家' })).toEqual([]);
  });

  it("puts a municipality's district under it, whichever level the municipality is given", () => {
    expect(checkParent({ code: '310106', level: '区县' }, { code: '310000', level: '省' })).toEqual([]);
    expect(checkParent({ code: '310106', level: '区县' }, { code: '310000', level: '市' })).toEqual([]);
  });

  it('refuses a district of another city and a parent at the same level', () => {
    const other = checkParent({ code: '440307', level: '区县' }, { code: '440100', level: '市' }, 'parent');
    expect(other).toEqual([{ path: 'parent', message: expect.stringContaining('应以 4401 开头') }]);
    const sibling = checkParent({ code: '440307', level: '区县' }, { code: '440304', level: '区县' });
    expect(sibling.map((p) => p.message).join()).toMatch(/区县不能设在区县之下/);
  });
});
