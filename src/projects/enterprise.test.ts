import { describe, expect, it } from 'vitest';
import { checkEnterprise, checkServicePackage, checkTalent } from './enterprise.js';
import { ENTERPRISES, PACKAGES } from './test-fixtures.js';
import type { Enterprise } from './types.js';

describe('checkEnterprise', () => {
  const base = { ...ENTERPRISES[0]!, id: undefined };
  it('accepts a sound record, and its own code when edited', () => {
    expect(checkEnterprise(base, [])).toEqual([]);
    expect(checkEnterprise({ ...base, id: 1 }, ENTERPRISES)).toEqual([]);
  });
  it('names each bad field', () => {
    const cases: [string, Partial<Enterprise>, string, RegExp][] = [
      ['no name', { name: ' ' }, 'name', /needs its name/],
      [
        'a bad check character',
        { creditCode: '91330100MA2H0001XA' },
        'creditCode',
        /统一社会信用代码校验位应为“F”，填的是“A”/,
      ],
      ['a short code', { creditCode: '91330100' }, 'creditCode', /统一社会信用代码有8位，应为18位/],
      [
        'a code held by another',
        { creditCode: '91330100ma2h0002yk' },
        'creditCode',
        /already the code of "云杉智造有限公司"/,
      ],
      ['an unknown size', { size: '超大型' as '大型' }, 'size', /one of 大型、中型、小型、微型/],
    ];
    for (const [what, change, path, message] of cases) {
      const problems = checkEnterprise({ ...ENTERPRISES[0]!, ...change }, ENTERPRISES);
      expect(
        problems.map((p) => p.path),
        what,
      ).toEqual([path]);
      expect(problems[0]!.message, what).toMatch(message);
    }
  });
});

describe('checkTalent', () => {
  it('needs a name and a category', () => {
    expect(checkTalent({ name: '钱七', category: '领军人才', field: '生物医药', enterpriseId: 1 })).toEqual(
      [],
    );
    expect(
      checkTalent({ name: '', category: ' ', field: '', enterpriseId: null }).map((p) => p.path),
    ).toEqual(['name', 'category']);
  });
});

describe('checkServicePackage', () => {
  it('allows one 服务包 per holder per year', () => {
    expect(
      checkServicePackage({ holder: { kind: 'enterprise', id: 1 }, year: 2025, butler: '周管家' }, PACKAGES),
    ).toEqual([]);
    expect(
      checkServicePackage({ holder: { kind: 'talent', id: 2 }, year: 2024, butler: '周管家' }, PACKAGES),
    ).toEqual([]);
    expect(checkServicePackage({ ...PACKAGES[0]! }, PACKAGES)).toEqual([]);
    expect(
      checkServicePackage({ holder: { kind: 'enterprise', id: 1 }, year: 2024, butler: '周管家' }, PACKAGES),
    ).toEqual([{ path: 'holder', message: 'the holder already has a 服务包 for 2024 (#1)' }]);
    expect(
      checkServicePackage({ holder: { kind: 'talent', id: 9 }, year: 24, butler: ' ' }, PACKAGES).map(
        (p) => p.path,
      ),
    ).toEqual(['butler', 'year']);
  });
});
