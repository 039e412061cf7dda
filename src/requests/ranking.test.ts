import { describe, expect, it } from 'vitest';
import { defaultRankingClass, rankUnits } from './ranking.js';
import type { UnitMonthScore } from './scoring.js';
import type { RequestUnit } from './types.js';

const units: RequestUnit[] = [
  { id: 101, name: '城北街道办事处', kind: 'street', area: '城北街道' },
  { id: 102, name: '城南街道办事处', kind: 'street', area: '城南街道' },
  { id: 103, name: '回龙观街道办事处', kind: 'street', area: '回龙观街道' },
  { id: 104, name: '龙泽园街道办事处', kind: 'street', area: '龙泽园街道' },
  { id: 105, name: '史各庄街道办事处', kind: 'street', area: '史各庄街道' },
  { id: 106, name: '霍营街道办事处', kind: 'street', area: '霍营街道' },
  { id: 110, name: '南口镇人民政府', kind: 'town', area: '南口镇' },
  { id: 203, name: '区水务局', kind: 'department' },
  { id: 900, name: '某协会', kind: 'other' },
];

const score = (unitId: number, overall: number | null, volume: number): UnitMonthScore => ({
  unitId,
  month: '2024-07',
  schemeVersion: 1,
  volume,
  response: { numerator: 0, denominator: 0, value: null, orders: [] },
  resolution: { numerator: 0, denominator: 0, value: null, orders: [] },
  satisfaction: { numerator: 0, denominator: 0, value: null, orders: [] },
  overall,
  excluded: [],
  explanation: `得分说明${unitId}`,
});

const scores = [
  score(101, 90, 40),
  score(102, 95.5, 12),
  score(103, 90, 80),
  score(104, 99, 3),
  score(106, 70, 25),
  score(110, 88, 30),
  score(203, 91, 50),
];

describe('rankUnits', () => {
  const rankings = rankUnits(scores, units, '2024-07', {
    minVolume: 10,
    exemptions: [
      { unitId: 106, month: '2024-07', reason: '7月31日特大暴雨抢险', grantedBy: '区接诉即办领导小组' },
    ],
  });
  const streets = rankings.find((r) => r.className === '街道');

  it('ranks each class separately and leaves "other" units out', () => {
    expect(rankings.map((r) => r.className)).toEqual(['街道', '镇', '区政府部门']);
    expect(rankings[1]?.entries.map((e) => [e.unitId, e.rank])).toEqual([[110, 1]]);
  });

  it('gives equal scores one rank (1, 2, 2) and lists the others after with their reason', () => {
    expect(streets?.entries.map((e) => [e.unitId, e.rank, e.status])).toEqual([
      [102, 1, 'ranked'],
      [103, 2, 'ranked'],
      [101, 2, 'ranked'],
      // then by name in pinyin order: 霍营 huò, 龙泽园 lóng, 史各庄 shǐ
      [106, null, 'exempt'],
      [104, null, 'below_minimum'],
      [105, null, 'no_score'],
    ]);
  });

  it('explains every place', () => {
    const byId = new Map(streets?.entries.map((e) => [e.unitId, e.explanation]));
    expect(byId.get(102)).toBe('街道第1名（共3个单位参与排名），综合得分 95.5。得分说明102');
    expect(byId.get(104)).toBe('计入工单 3 件，少于排名所需的 10 件');
    expect(byId.get(106)).toBe('本月免于排名：7月31日特大暴雨抢险（区接诉即办领导小组批准）');
    expect(byId.get(105)).toBe('本月没有计入三率的工单');
  });

  it('ranks streets and towns together when the office compares them as one class', () => {
    const together = rankUnits(scores, units, '2024-07', {
      classOf: (u) => (u.kind === 'street' || u.kind === 'town' ? '街乡镇' : defaultRankingClass(u)),
    });
    expect(together[0]?.entries.filter((e) => e.rank !== null).map((e) => e.unitId)).toEqual([
      102, 103, 101, 110, 106,
    ]);
  });
});
