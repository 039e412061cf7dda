import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  describeCreditCodeProblem,
  findCreditCodeProblem,
  normaliseCreditCode,
  parseCreditCode,
} from './credit-code.js';
import type { CreditCodeProblem } from './credit-code.js';

describe('findCreditCodeProblem', () => {
  it('accepts codes of the real format: published codes of listed companies and made-up codes of every kind', () => {
    const valid = [
      // Published on business licences (companies, 9 1 = 工商 / 企业).
      '91110108551385082Q',
      '914403001922038216',
      '91330100716105852F',
      '9144030071526726XG',
      '91310000607206953D',
      '911100001000128855',
      // Made up, the check character computed: 个体工商户, 农民专业合作社, 社会团体, 事业单位, 其他.
      '92330100MA2H00042U',
      '93330100MA2H00031L',
      '52330100MJ00000011',
      '12330100MB0000002R',
      'Y1330100MA2H0005XX',
    ];
    for (const code of valid) expect(findCreditCodeProblem(code), code).toBeUndefined();
  });

  it('names the first thing wrong with each kind of bad code', () => {
    const cases: [string, CreditCodeProblem][] = [
      ['', { code: 'EMPTY' }],
      ['   ', { code: 'EMPTY' }],
      ['91110108551385082', { code: 'LENGTH', length: 17 }],
      ['91110108551385082QQ', { code: 'LENGTH', length: 19 }],
      ['911101085513850 82Q1', { code: 'LENGTH', length: 19 }],
      ['91110108551385082统', { code: 'CHARACTER', position: 18, char: '统' }],
      ['9111010855138508IQ', { code: 'CHARACTER', position: 17, char: 'I' }],
      ['91110108551385O82Q', { code: 'CHARACTER', position: 15, char: 'O' }],
      ['9111010855138S082Q', { code: 'CHARACTER', position: 14, char: 'S' }],
      ['91110108V51385082Q', { code: 'CHARACTER', position: 9, char: 'V' }],
      ['91110108551385082Z', { code: 'CHARACTER', position: 18, char: 'Z' }],
      ['9111010855138508_Q', { code: 'CHARACTER', position: 17, char: '_' }],
      ['01110108551385082Q', { code: 'AUTHORITY', char: '0' }],
      ['94110108551385082Q', { code: 'KIND', authority: '9', char: '4' }],
      ['55110108551385082Q', { code: 'KIND', authority: '5', char: '5' }],
      ['Y2110108551385082Q', { code: 'KIND', authority: 'Y', char: '2' }],
      ['91A10108551385082Q', { code: 'DIVISION', division: 'A10108' }],
      ['91990108551385082Q', { code: 'DIVISION', division: '990108' }],
      ['91110108551385082A', { code: 'CHECK', expected: 'Q', got: 'A' }],
      ['91110108551385083Q', { code: 'CHECK', expected: creditCodeCheckChar('91110108551385083'), got: 'Q' }],
      // Two characters swapped: the weighted sum catches it.
      ['91110108553185082Q', { code: 'CHECK', expected: creditCodeCheckChar('91110108553185082'), got: 'Q' }],
    ];
    for (const [code, problem] of cases) {
      expect(findCreditCodeProblem(code), code).toEqual(problem);
    }
  });
});

describe('normaliseCreditCode and parseCreditCode', () => {
  it('folds what people type: full-width forms, lower case, spaces and dashes', () => {
    const cases: [string, string][] = [
      [' 91110108551385082q ', '91110108551385082Q'],
      ['9111 0108 5513 8508 2Q', '91110108551385082Q'],
      ['91110108-551385082-Q', '91110108551385082Q'],
      ['９１１１０１０８５５１３８５０８２Ｑ', '91110108551385082Q'],
    ];
    for (const [typed, code] of cases) {
      expect(normaliseCreditCode(typed), typed).toBe(code);
      expect(parseCreditCode(typed), typed).toBe(code);
    }
    expect(parseCreditCode('91110108551385082A')).toBeUndefined();
  });
});

describe('creditCodeCheckChar', () => {
  it('computes the mod-31 check over the first 17 characters, 0 when the remainder is 0', () => {
    expect(creditCodeCheckChar('91110108551385082')).toBe('Q');
    // Every check character is one of the 31: try all values of the last position.
    const seen = new Set<string>();
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') seen.add(creditCodeCheckChar(`9111010855138508${c}`));
    expect(seen.size).toBe(31);
  });
});

describe('describeCreditCodeProblem', () => {
  it('says each problem in one sentence', () => {
    const cases: [CreditCodeProblem, string][] = [
      [{ code: 'EMPTY' }, '未填写'],
      [{ code: 'LENGTH', length: 17 }, '有17位，应为18位'],
      [
        { code: 'CHARACTER', position: 17, char: 'I' },
        '第17位“I”不是代码用字（数字和除I、O、S、V、Z以外的大写字母）',
      ],
      [{ code: 'AUTHORITY', char: '0' }, '第1位“0”不是登记管理部门代码'],
      [{ code: 'KIND', authority: '9', char: '4' }, '第2位“4”不是登记管理部门9下的机构类别代码'],
      [{ code: 'DIVISION', division: '990108' }, '第3至8位“990108”不是行政区划代码'],
      [{ code: 'CHECK', expected: 'Q', got: 'A' }, '校验位应为“Q”，填的是“A”'],
    ];
    for (const [problem, sentence] of cases) expect(describeCreditCodeProblem(problem)).toBe(sentence);
  });
});
