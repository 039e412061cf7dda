import { describe, expect, it } from 'vitest';
import { deriveLevel, parseReportMeta } from './meta.js';

describe('parseReportMeta', () => {
  it('reads a title block on one line (Changping)', () => {
    const text =
      '2022年北京市昌平区政府工作报告 ——2021年12月15日在北京市昌平区第六届人民代表大会第一次会议上 北京市昌平区人民政府代区长 支现伟 各位代表:\n现在,我代表昌平区人民政府,向大会报告政府工作';
    expect(parseReportMeta(text)).toEqual({
      title: '2022年北京市昌平区政府工作报告',
      place: '北京市昌平区',
      level: '区县',
      year: 2022,
      deliveredOn: '2021-12-15',
      meeting: '北京市昌平区第六届人民代表大会第一次会议',
      speakerTitle: '北京市昌平区人民政府代区长',
      speaker: '支现伟',
    });
  });

  it('reads a title block split over lines, with the year from the date (Guangdong)', () => {
    const text =
      '政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n各位代表：\n';
    expect(parseReportMeta(text)).toEqual({
      title: '政府工作报告',
      place: '广东省',
      level: '省',
      year: 2026,
      deliveredOn: '2026-01-26',
      meeting: '广东省第十四届人民代表大会第五次会议',
      speakerTitle: '广东省省长',
      speaker: '孟凡利',
    });
  });

  it('joins a speaker name spaced for layout and counts a municipality as 省 (Shanghai)', () => {
    const text =
      '2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n上海市市长 龚 正\n各位代表：\n';
    const meta = parseReportMeta(text);
    expect(meta).toMatchObject({
      place: '上海市',
      level: '省',
      year: 2026,
      speaker: '龚正',
      speakerTitle: '上海市市长',
    });
  });

  it('finds the State Council as a national report with no title block', () => {
    const text =
      '各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n';
    expect(parseReportMeta(text)).toEqual({ place: '国务院', level: '国家' });
  });

  it('gives an empty object for text that says none of this', () => {
    expect(parseReportMeta('')).toEqual({});
    expect(parseReportMeta('hello world')).toEqual({});
  });
});

describe('deriveLevel', () => {
  it.each([
    ['国务院', '国家'],
    ['广东省', '省'],
    ['上海市', '省'],
    ['广西壮族自治区', '省'],
    ['北京市昌平区', '区县'],
    ['长兴县', '区县'],
    ['杭州市', '市'],
    ['延边朝鲜族自治州', '市'],
  ] as const)('reads %s as %s', (place, level) => {
    expect(deriveLevel(place)).toBe(level);
  });
});

describe('parseReportMeta on other title blocks', () => {
  it('reads the national title block with its formal date', () => {
    const text =
      '政府工作报告\n——二〇一九年三月五日在第十三届全国人民代表大会第二次会议上\n国务院总理 李克强\n各位代表：\n';
    expect(parseReportMeta(text)).toEqual({
      title: '政府工作报告',
      place: '国务院',
      level: '国家',
      year: 2019,
      deliveredOn: '2019-03-05',
      meeting: '第十三届全国人民代表大会第二次会议',
      speakerTitle: '国务院总理',
      speaker: '李克强',
    });
  });
});

describe('parseReportMeta on titles and dates written otherwise', () => {
  it('reads a date in brackets and a year after the place', () => {
    const text =
      '北京市2023年政府工作报告\n（2023年1月15日在北京市第十六届人民代表大会第一次会议上）\n北京市市长 殷勇\n各位代表：\n';
    expect(parseReportMeta(text)).toMatchObject({
      title: '北京市2023年政府工作报告',
      place: '北京市',
      level: '省',
      year: 2023,
      deliveredOn: '2023-01-15',
      meeting: '北京市第十六届人民代表大会第一次会议',
      speaker: '殷勇',
    });
  });
});

describe('parseReportMeta on title blocks without a dash or a day', () => {
  // Layouts of county and prefecture reports: the date line may lose its dash or its day.
  it('reads a county head of government and a date line without a dash', () => {
    const text =
      '政府工作报告\n2015年1月8日在武功县第十七届人民代表大会第五次会议上\n武功县人民政府县长 李 明\n各位代表：\n';
    expect(parseReportMeta(text)).toMatchObject({
      place: '武功县',
      level: '区县',
      year: 2015,
      deliveredOn: '2015-01-08',
      speaker: '李明',
    });
  });

  it('takes the year from a date without its day, and gives no delivery day', () => {
    const meta = parseReportMeta(
      '政府工作报告\n——2016年1月在大理白族自治州第十三届人民代表大会第五次会议上\n州长 何华\n各位代表：\n',
    );
    expect(meta).toMatchObject({ place: '大理白族自治州', level: '市', year: 2016, speakerTitle: '州长' });
    expect(meta.deliveredOn).toBeUndefined();
  });
});
