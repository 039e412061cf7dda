import { describe, expect, it } from 'vitest';
import { deriveAttestedStage, findContradictions } from './contradictions.js';

describe('findContradictions', () => {
  it('flags a project whose stage is behind what its own quote says it reached', () => {
    const found = findContradictions({
      year: 2022,
      projects: [
        { id: 3, name: '国际研究型医院', stage: '主体结构封顶', kind: 'achievement', currentStage: '储备' },
        { id: 4, name: '疫苗检验中心', stage: '建成投用', kind: 'achievement', currentStage: '开工' },
        // A promise to start is no contradiction at 储备; a promise to cap the structure is.
        { id: 5, name: '创新中心', stage: '开工建设', kind: 'target', currentStage: '储备' },
        { id: 6, name: '人民医院新院区', stage: '加快建设', kind: 'target', currentStage: '储备' },
        // Where the stage agrees, nothing is said.
        { id: 7, name: '中学新校区', stage: '竣工开学', kind: 'achievement', currentStage: '建成投用' },
      ],
      targets: [],
      achievements: [],
    });
    expect(found.map((c) => [c.subject.id, c.stated, c.implied])).toEqual([
      [3, '储备', '开工'],
      [4, '开工', '建成投用'],
      [6, '储备', '开工'],
    ]);
    expect(found[0]).toMatchObject({
      rule: 'stage_behind_quote',
      name: '国际研究型医院',
      quote: '主体结构封顶',
    });
  });

  it("reads a project's own words in the report beside its promised step", () => {
    const found = findContradictions({
      year: 2022,
      projects: [{ id: 8, name: '体育中心', stage: '推进', kind: 'target', currentStage: '储备' }],
      targets: [],
      achievements: [],
      projectWords: () => '体育中心二期续建',
    });
    expect(found.map((c) => c.rule)).toEqual(['stage_behind_quote']);
  });

  it('flags a target whose direction its metric contradicts, and promises or results out of the year', () => {
    const found = findContradictions({
      year: 2022,
      projects: [],
      targets: [
        {
          id: 1,
          metric: '单位GDP能耗下降',
          quote: '单位地区生产总值能耗下降3%',
          period: '2022',
          direction: 'rising',
        },
        {
          id: 2,
          metric: '城镇居民收入增长',
          quote: '城镇居民收入增长6%',
          period: '2022',
          direction: 'rising',
        },
        { id: 3, metric: '新建保障房', quote: '2021年新建保障房1000套', period: '2021', direction: null },
        {
          id: 4,
          metric: '森林覆盖率',
          quote: '到2025年森林覆盖率达到46%',
          period: '2022-2025',
          direction: null,
        },
      ],
      achievements: [
        { id: 9, metric: '地区生产总值', quote: '2023年地区生产总值', period: '2023' },
        { id: 10, metric: '新增就业', quote: '过去五年新增就业', period: '2017-2021' },
      ],
    });
    expect(found.map((c) => [c.rule, c.subject.type, c.subject.id])).toEqual([
      ['direction_vs_metric', 'target', 1],
      ['promise_before_year', 'target', 3],
      ['result_after_year', 'achievement', 9],
    ]);
    expect(found[0]).toMatchObject({ stated: 'rising', implied: 'falling' });
  });

  it('attests a start only from words that follow one when promised', () => {
    expect(deriveAttestedStage('主体结构封顶', 'target')).toBe('开工');
    expect(deriveAttestedStage('开工建设', 'target')).toBeUndefined();
    expect(deriveAttestedStage('签约落地', 'achievement')).toBe('签约');
    expect(deriveAttestedStage('谋划储备', 'achievement')).toBeUndefined();
  });
});
