import { describe, expect, it } from 'vitest';
import { describeEvidenceFindings, findEvidencePersonalData, publishableKind } from './public-evidence.js';

describe('publishable evidence', () => {
  it('publishes only the types whose metadata is stripped', () => {
    expect(publishableKind('application/pdf')).toBe('pdf');
    expect(publishableKind('IMAGE/JPEG')).toBe('jpeg');
    expect(publishableKind('image/gif')).toBeUndefined();
    expect(publishableKind('application/msword')).toBeUndefined();
  });

  it('finds phones, ID numbers and e-mails with their place, not amounts, codes or dates', () => {
    const found = findEvidencePersonalData([
      { where: '第1页', text: '完成投资12345678.90万元，项目编号2024110000123，2024-07-01验收' },
      { where: '第2页', text: '联系人电话：１３８ １２３４ ５６７８，办公室 010-6974 1234' },
      { where: '第3页', text: '身份证号 11010119900307851X，邮箱 wang@example.cn；再次 13812345678' },
    ]);
    expect(found).toEqual([
      { kind: 'mobile', where: '第2页' },
      { kind: 'landline', where: '第2页' },
      { kind: 'idCard', where: '第3页' },
      { kind: 'email', where: '第3页' },
      { kind: 'mobile', where: '第3页' },
    ]);
  });

  it('tells the office which kinds were found where, and what to do', () => {
    expect(
      describeEvidenceFindings('验收报告.pdf', [
        { kind: 'mobile', where: '第2页' },
        { kind: 'idCard', where: '第2页' },
        { kind: 'email', where: '第5页' },
      ]),
    ).toBe('“验收报告.pdf”第2页含有手机号码、身份证号码，第5页含有电子邮箱，请遮盖（脱敏）后重新上传再公开');
  });
});
