import { describe, expect, it } from 'vitest';
import { defaultRankingClass, deriveRankingRule, rankUnits } from './ranking.js';
import { DEFAULT_SCHEMES, addScoringScheme } from './scoring.js';
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

const score = (
  unitId: number,
  overall: number | null,
  volume: number,
  month = '2024-07',
): UnitMonthScore => ({
  unitId,
  month,
  schemeVersion: month < '2025-01' ? 1 : 2,
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
    expect(byId.get(104)).toBe('计入工单 3 件，少于评分方案第1版规定的排名最低件数 10 件');
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

describe('the minimum volume of a month', () => {
  // v1 (from 2024-01) ranks from 10 counted orders; v2 from 2025-01 ranks from 3.
  const history = addScoringScheme(
    DEFAULT_SCHEMES,
    { ...DEFAULT_SCHEMES.schemes[0]!, effectiveFrom: '2025-01', note: '小单位也排名', minVolume: 3 },
    '2024-12',
  );
  const streetsOf = (month: string, minVolume?: number) => {
    const monthly = [score(102, 95.5, 12, month), score(104, 99, 3, month)];
    const ranking = rankUnits(monthly, units, month, { history, minVolume }).find(
      (r) => r.className === '街道',
    );
    return new Map(ranking?.entries.map((e) => [e.unitId, e]));
  };

  it('ranks each month under the scheme in force then, and says which rule left a unit out', () => {
    const july = streetsOf('2024-07');
    expect(july.get(104)).toMatchObject({
      rank: null,
      status: 'below_minimum',
      explanation: '计入工单 3 件，少于评分方案第1版规定的排名最低件数 10 件',
    });
    const march = streetsOf('2025-03');
    expect([march.get(104)?.rank, march.get(104)?.status]).toEqual([1, 'ranked']);
    expect(march.get(102)?.rank).toBe(2);
  });

  it('applies a what-if minimum only when asked, naming the scheme’s own', () => {
    expect(deriveRankingRule(history, '2024-07')).toEqual({
      schemeVersion: 1,
      schemeMinVolume: 10,
      minVolume: 10,
      overridden: false,
    });
    expect(deriveRankingRule(history, '2025-03', 3).overridden).toBe(false);
    expect(deriveRankingRule(history, '2025-03', 5)).toEqual({
      schemeVersion: 2,
      schemeMinVolume: 3,
      minVolume: 5,
      overridden: true,
    });
    expect(streetsOf('2025-03', 5).get(104)?.explanation).toBe(
      '计入工单 3 件，少于试算指定的排名最低件数 5 件（评分方案第2版规定 3 件）',
    );
    expect(streetsOf('2024-07', 1).get(104)?.status).toBe('ranked');
  });
});
