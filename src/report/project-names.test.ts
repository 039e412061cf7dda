import { describe, expect, it } from 'vitest';
import { extractReport } from './index.js';
import { isGenericName, splitNames } from './project-names.js';

/** Project names in wordings of reports the reader was not tuned on (issue 13, class 7), made up. */
const plan = (...lines: string[]) =>
  [
    '2026年某市政府工作报告',
    '一、2025年工作回顾',
    '全市生产总值增长5%。',
    '二、2026年工作安排',
    // each line follows a lead phrase, as the measures of a paragraph of the year's work do
    ...lines.map((l) => `坚持项目带动。${l}`),
  ].join('\n');
const projects = (...lines: string[]) => extractReport(plan(...lines)).projects.map((p) => [p.name, p.stage]);
const spans = (...lines: string[]) => {
  const text = plan(...lines);
  return extractReport(text).projects.map((p) => text.slice(...p.span));
};

describe('project names', () => {
  it('completes a shared ending in the name, the span on what is written', () => {
    const lines = ['加快大运河、长征国家文化公园建设。'];
    expect(projects(...lines)).toEqual([
      ['大运河国家文化公园', '建设'],
      ['长征国家文化公园', '建设'],
    ]);
    expect(spans(...lines)).toEqual(['大运河', '长征国家文化公园']);
  });

  it('keeps a 和 inside a name and splits at 和 between names', () => {
    expect(projects('推进和平区文化中心、协和医学中心建设。')).toEqual([
      ['和平区文化中心', '建设'],
      ['协和医学中心', '建设'],
    ]);
    expect(splitNames('西沙屯和满井西、小沙河', 0).map((n) => n.text)).toEqual([
      '西沙屯',
      '满井西',
      '小沙河',
    ]);
  });

  it('leaves the verbs and adverbs around a name out of it', () => {
    expect(projects('协调推进京雄高速、荣乌高速新线建设。')).toEqual([
      ['京雄高速', '建设'],
      ['荣乌高速新线', '建设'],
    ]);
    expect(projects('推动滨江大桥尽早开工。')).toEqual([['滨江大桥', '开工']]);
    expect(projects('支持湛江粤西机场迁建工程推进前期工作。')).toEqual([
      ['湛江粤西机场迁建工程', '前期工作'],
    ]);
  });

  it('takes no kind of facility or programme for a project', () => {
    expect(
      projects('加快产教融合实训基地建设。支持大学建设。推进标志性产业项目建设。创建平安校园。'),
    ).toEqual([]);
    expect(isGenericName('大数据中心')).toBe(true);
    expect(isGenericName('孵化基地')).toBe(true);
    expect(isGenericName('长江经济带多式联运中心')).toBe(false);
    expect(isGenericName('公共卫生服务大厦')).toBe(false);
    expect(isGenericName('全国一体化在线政务服务平台')).toBe(false);
  });

  it('reads whole enumerations closed by 等工程, 等地铁建设, 等建设, 建设进度, 顺利推进, 获国家核准', () => {
    expect(projects('加快南北中轴线、东西快速路等工程建设。')).toEqual([
      ['南北中轴线', '建设'],
      ['东西快速路', '建设'],
    ]);
    expect(projects('推进地铁3号线、地铁5号线等地铁建设。')).toEqual([
      ['地铁3号线', '建设'],
      ['地铁5号线', '建设'],
    ]);
    expect(projects('加快珠肇高铁、深南高铁等建设。')).toEqual([
      ['珠肇高铁', '建设'],
      ['深南高铁', '建设'],
    ]);
    expect(projects('加快沿江高铁、城东水厂建设进度。')).toEqual([
      ['沿江高铁', '建设'],
      ['城东水厂', '建设'],
    ]);
    expect(projects('东湖隧道、南湖大桥顺利推进。')).toEqual([
      ['东湖隧道', '推进'],
      ['南湖大桥', '推进'],
    ]);
    expect(projects('西江水库、北山抽水蓄能电站获国家核准。')).toEqual([
      ['西江水库', '获国家核准'],
      ['北山抽水蓄能电站', '获国家核准'],
    ]);
  });

  it('reads roads named by number, a phase named alone, and a zone set up', () => {
    expect(projects('改造完成G207、G325及S280等15条国省道。')).toEqual([
      ['G207', '改造完成'],
      ['G325', '改造完成'],
      ['S280', '改造完成'],
    ]);
    expect(projects('武青堤防一期初见雏形，二期建设稳步实施。')).toEqual([['二期', '建设']]);
    expect(
      projects('增设自贸试验区临港新片区，推进海南自贸试验区建设、探索建设中国特色自由贸易港。'),
    ).toEqual([
      ['自贸试验区临港新片区', '增设'],
      ['海南自贸试验区', '建设'],
    ]);
  });
});
