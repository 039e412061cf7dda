import { describe, expect, it } from 'vitest';
import {
  UNIT_HIDDEN_KINDS,
  findPersonalData,
  normalizeForRedaction,
  redactPersonalData,
  redactText,
} from './redact.js';

describe('normalizeForRedaction', () => {
  it('turns every digit form into 0–9 and every separator into one, keeping positions', () => {
    const text = '１３８－一二三４\u200B５六七·八\u3000壹贰〇';
    const plain = normalizeForRedaction(text);
    expect(plain).toBe('138-1234 567.8 120');
    expect(plain).toHaveLength(text.length);
  });

  it('reads circled and mathematical digits, and leaves Chinese numerals when asked', () => {
    expect(normalizeForRedaction('①②𝟑')).toBe('123 ');
    expect(normalizeForRedaction('李四住三号楼', false)).toBe('李四住三号楼');
  });
});

// Requests as the hotline types them: each row is what comes in, what the public sees, and what a
// unit sees when the citizen stays anonymous to it (the place stays: the unit goes there).
const EXAMPLES: [string, string, string][] = [
  [
    '您好，我是龙腾苑小区的业主王建国，电话138 1234 5678，家住3号楼2单元502室，楼上漏水三天了没人管。',
    '您好，我是龙腾苑小区的业主＊，电话＊，家住＊，楼上漏水三天了没人管。',
    '您好，我是龙腾苑小区的业主＊，电话＊，家住3号楼2单元502室，楼上漏水三天了没人管。',
  ],
  [
    '本人姓李，手机＋８６ １３９－１２３４－５６７８，小区东门外的雨水箅子堵了，下雨就积水。',
    '本人姓＊，手机＊，小区东门外的雨水箅子堵了，下雨就积水。',
    '本人姓＊，手机＊，小区东门外的雨水箅子堵了，下雨就积水。',
  ],
  [
    '我叫张小红，身份证 110101 19900307 123X，社保卡办不下来，麻烦给查一下。',
    '我叫＊，身份证 ＊，社保卡办不下来，麻烦给查一下。',
    '我叫＊，身份证 ＊，社保卡办不下来，麻烦给查一下。',
  ],
  [
    '反映人：赵六，座机010-6974 1234，回龙观西大街18号院门口路灯不亮。',
    '反映人：＊，座机＊，回龙观西大街＊门口路灯不亮。',
    '反映人：＊，座机＊，回龙观西大街18号院门口路灯不亮。',
  ],
  [
    '有辆京A·12345的车和新能源车京AD12345长期占用消防通道，物业不管。',
    '有辆＊的车和新能源车＊长期占用消防通道，物业不管。',
    '有辆京A·12345的车和新能源车京AD12345长期占用消防通道，物业不管。',
  ],
  [
    '邮箱 wang.xm@163.com，微信号 wxid_lh2024，有结果请告知。',
    '邮箱 ＊，微信号 ＊，有结果请告知。',
    '邮箱 ＊，微信号 ＊，有结果请告知。',
  ],
  [
    '家住5号院3号楼1702，楼下烧烤店每晚噪音到凌晨两点。',
    '家住＊，楼下烧烤店每晚噪音到凌晨两点。',
    '家住5号院3号楼1702，楼下烧烤店每晚噪音到凌晨两点。',
  ],
  [
    '3-2-502的住户在楼道堆放杂物，存在消防隐患，请刘女士所在的物业处理。',
    '＊的住户在楼道堆放杂物，存在消防隐患，请＊所在的物业处理。',
    '3-2-502的住户在楼道堆放杂物，存在消防隐患，请＊所在的物业处理。',
  ],
  [
    '联系方式一三九一二三四五六七八，地址3栋502，联系人王先生已确认。',
    '联系方式＊，地址＊，联系人＊已确认。',
    '联系方式＊，地址3栋502，联系人＊已确认。',
  ],
  [
    '电话 138 1234 5678，备用１３９１２３４５６７８，住…3号楼',
    '电话 ＊，备用＊，住…＊',
    '电话 ＊，备用＊，住…3号楼',
  ],
  ['我叫阿卜杜·热合曼，QQ：12345', '我叫＊，QQ：＊', '我叫＊，QQ：＊'],
];

describe('redactPersonalData on requests as they come in', () => {
  it.each(EXAMPLES)('%s', (text, publicView, unitView) => {
    expect(redactPersonalData(text)).toBe(publicView);
    expect(redactPersonalData(text, { kinds: UNIT_HIDDEN_KINDS })).toBe(unitView);
  });
});

// What must stay: dates, times, amounts, counts, lines of the metro, a day of the month.
const UNTOUCHED = [
  '2024-07-01 10:30 报修后至今无人上门，地铁13号线回龙观站旁边。',
  '7月1号下午雨后小区积水约30厘米，影响出行。',
  '2024年7月1日起停水，预计7月3日恢复。',
  '报警电话110，急救120，已拨打过。',
  '物业费每月收取1,280.50元，去年涨了15%。',
  '全小区约300户居民受影响，持续100-200米。',
  '我是业主，我是龙腾苑小区的，我是王府井社区居民。',
  '业主委员会已开会三次，京东快递柜坏了。',
  '温度38度，老年人中暑了。',
];

describe('redactPersonalData leaves ordinary text alone', () => {
  it.each(UNTOUCHED)('%s', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });
});

describe('redactPersonalData spellings of one number', () => {
  const spellings = [
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '(+86)138-1234-5678',
    '８６－１３８１２３４５６７８',
    '１３８ １２３４ ５６７８',
    '一三八一二三四五六七八',
    '幺三八 幺二三四 五六七八',
    '壹叁捌壹贰叁肆伍陆柒捌',
    '1 3 8 1 2 3 4 5 6 7 8',
    '138\u200B1234\u200B5678',
    '138\u202E1234\u202C5678',
    '138—1234—5678',
    '138.1234.5678',
    '𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖',
    '①③⑧①②③④⑤⑥⑦⑧',
  ];
  it.each(spellings)('cuts %s whole', (phone) => {
    expect(redactPersonalData(`电话${phone}，谢谢`)).toBe('电话＊，谢谢');
  });
});

describe('redactPersonalData rooms and house numbers', () => {
  it.each([
    ['3-2-502', '＊'],
    ['3栋502', '＊'],
    ['5号院3号楼1702', '＊'],
    ['3号楼2单元502室', '＊'],
    ['三号楼二单元五零二', '＊'],
    ['B座1203', '＊'],
    ['3幢-1702', '＊'],
    ['西大街18号', '西大街＊'],
    ['胡同5-1号', '胡同＊'],
    ['12号楼前', '＊前'],
  ])('%s → %s', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });
});

describe('redactPersonalData names', () => {
  it.each([
    ['我叫王小明', '我叫＊'],
    ['本人姓李', '本人姓＊'],
    ['免贵姓欧阳', '免贵姓＊'],
    ['王先生和李女士都来过', '＊和＊都来过'],
    ['我是老王', '我是＊'],
    ['姓名：欧阳娜娜', '姓名：＊'],
    ['本人王建国，男', '本人＊，男'],
    ['请张师傅上门', '请＊上门'],
  ])('%s → %s', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it("cuts the citizen's own name wherever it appears, with separators, and the given name alone", () => {
    expect(redactText('王 小 明反映：小明家楼下', ['王小明'])).toBe('＊反映：＊家楼下');
    // A name that is a surname and a title has no given name: 先生 stays elsewhere.
    expect(redactText('王先生说，隔壁先生也知道', ['王先生'])).toBe('＊说，隔壁先生也知道');
  });
});

describe('findPersonalData', () => {
  it('gives kinds and positions in the original text, one stretch for neighbours', () => {
    expect(findPersonalData('电话 138 1234 5678，邮箱a@b.cn')).toEqual([
      { kind: 'number', start: 3, end: 16 },
      { kind: 'email', start: 19, end: 25 },
    ]);
    expect(findPersonalData('京A·12345 京AD12345')).toEqual([{ kind: 'plate', start: 0, end: 17 }]);
  });

  it('never splits a character outside the BMP', () => {
    const out = redactPersonalData('𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖号');
    expect(out).toBe('＊号');
    // No lone surrogate half is left behind.
    expect(out).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('takes linear time on long runs of digits and separators', () => {
    const long = '1 '.repeat(100_000) + '号楼'.repeat(10_000) + '王'.repeat(50_000);
    const start = performance.now();
    expect(redactPersonalData(long).length).toBeLessThan(long.length);
    // Generous: a quadratic pattern would take minutes here.
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});
