import { describe, expect, it } from 'vitest';
import { exampleReport } from '../../test/fixtures/example.js';
import {
  bigramDice,
  createNameIndex,
  matchProjectName,
  matchReportProjects,
  normaliseProjectName,
  scoreNames,
} from './match.js';
import { makeProject } from './test-fixtures.js';

describe('normaliseProjectName', () => {
  it('drops what does not tell projects apart', () => {
    const cases: [string, string][] = [
      ['小米智慧园区', '小米智慧园区'],
      ['小米智慧园区项目', '小米智慧园区'],
      ['  小米 智慧园区 ', '小米智慧园区'],
      ['小米“灯塔工厂”', '小米灯塔工厂'],
      ['温榆河公园（二期）', '温榆河公园二期'],
      ['温榆河公园(2期)', '温榆河公园二期'],
      ['ＡＢＣ产业园', 'abc产业园'],
      ['信息园二期(一)', '信息园二期(一)'],
      ['南北通道工程', '南北通道'],
    ];
    for (const [name, normalised] of cases) expect(normaliseProjectName(name), name).toBe(normalised);
  });
});

describe('scoreNames and bigramDice', () => {
  it('scores equal, contained, similar and different-phase names', () => {
    const cases: [string, string, number, string][] = [
      ['小米智慧园区', '小米智慧园区', 1, 'equal'],
      ['兴唐创新中心', '兴唐创新中心一期', 0.825, 'contains'],
      ['国家电投二期', '国家电投一期', 0, 'similar'],
      ['兴唐创新中心', '兴唐科技创新中心', 0.6, 'similar'],
      ['青石河湿地公园', '东坡老旧小区综合整治', 0, 'similar'],
    ];
    for (const [a, b, confidence, via] of cases) {
      const s = scoreNames(a, b);
      expect(s.confidence, `${a} / ${b}`).toBeCloseTo(confidence, 3);
      expect(s.via, `${a} / ${b}`).toBe(via);
    }
    expect(bigramDice('兴唐创新中心', '兴唐科技创新中心')).toBeCloseTo(2 / 3, 5);
  });
});

const library = [
  makeProject({ id: 1, name: '星河生物医药产业基地', aliases: ['星河生物医药基地'] }),
  makeProject({ id: 2, name: '云杉智能制造产业园一期' }),
  makeProject({ id: 3, name: '云杉智能制造产业园二期' }),
  makeProject({ id: 4, name: '青石河湿地公园' }),
  makeProject({ id: 5, name: '东坡老旧小区综合整治' }),
  makeProject({ id: 6, name: '南山路改造' }),
  makeProject({ id: 7, name: '南山路改造' }),
];

describe('matchProjectName', () => {
  const index = createNameIndex(library);
  it('matches sure names, sends doubtful ones to review and leaves the rest unmatched', () => {
    const cases: [string, string, number | null, number][] = [
      ['星河生物医药产业基地', 'matched', 1, 1],
      ['星河生物医药产业基地项目', 'matched', 1, 1],
      ['星河生物医药基地', 'matched', 1, 1], // an alias
      ['云杉智能制造产业园（二期）', 'matched', 3, 1],
      ['云杉智能制造产业园', 'doubtful', 2, 0.845], // which phase?
      ['青石河湿地公园二期', 'doubtful', 4, 0.833], // a new phase of a known park?
      ['青石湿地公园', 'doubtful', 4, 0.655],
      ['南山路改造', 'doubtful', 6, 1], // two records with the name
      ['云杉智能制造产业园三期', 'unmatched', null, 0],
      ['白塔寺修缮', 'unmatched', null, 0],
    ];
    for (const [name, outcome, projectId, confidence] of cases) {
      const m = matchProjectName(name, index);
      expect([m.outcome, m.projectId], name).toEqual([outcome, projectId]);
      expect(m.confidence, name).toBeCloseTo(confidence, 3);
    }
    expect(matchProjectName('星河生物医药基地', index).candidates[0]).toEqual({
      projectId: 1,
      confidence: 1,
      via: 'alias',
    });
    expect(matchProjectName('南山路改造', index).candidates.map((c) => c.projectId)).toEqual([6, 7]);
  });
});

describe('matchReportProjects', () => {
  it("matches the example report's named projects to a library that knows some of them", () => {
    const { extraction } = exampleReport();
    const index = createNameIndex([
      makeProject({ id: 11, name: '科兴生物疫苗质量研究中心项目' }),
      makeProject({ id: 12, name: '兴唐创新中心（一期）' }),
      makeProject({ id: 13, name: '诺诚健华创新药生产基地', aliases: ['诺诚健华抗肿瘤创新药物生产基地'] }),
      makeProject({ id: 14, name: '国家电投一期' }),
      makeProject({ id: 15, name: '小米智慧园区' }),
    ]);
    const matches = matchReportProjects(extraction.projects, index);
    expect(matches).toHaveLength(extraction.projects.length);
    const byName = new Map(matches.map((m) => [m.name, m]));
    const cases: [string, string, number | null, string][] = [
      ['科兴生物疫苗质量研究中心', 'matched', 11, '签约落地'],
      ['兴唐创新中心', 'doubtful', 12, '签约落地'],
      ['诺诚健华抗肿瘤创新药物生产基地', 'matched', 13, '开工建设'],
      ['国家电投二期', 'unmatched', null, '开工建设'],
      ['小米智慧园区', 'matched', 15, '建成投用'],
      ['爱博诺德研发生产基地', 'unmatched', null, '建成投用'],
    ];
    for (const [name, outcome, projectId, step] of cases) {
      const m = byName.get(name)!;
      expect([m.outcome, m.projectId, m.step, m.kind], name).toEqual([outcome, projectId, step, 'target']);
      expect(extraction.projects[m.index]!.name).toBe(name);
    }
  });
});
