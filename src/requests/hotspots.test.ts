import { describe, expect, it } from 'vitest';
import {
  confirmLink,
  countVolumes,
  deriveTopicCountables,
  deriveVolumeTable,
  detectHotspots,
  findRecurringAddresses,
  measureTopic,
  shiftMonth,
  suggestTaskLinks,
  validateTopic,
} from './hotspots.js';
import type { CountableOrder, MonthlyTopic } from './hotspots.js';
import type { OrderSource } from './types.js';

let nextId = 1;
/** `n` orders of a category in a month (received on the 10th, 10:00 Beijing). */
function mk(
  category: string,
  month: string,
  n: number,
  source: OrderSource = 'hotline',
  address = '某处',
  area = '回龙观街道',
): CountableOrder[] {
  return Array.from({ length: n }, () => ({
    id: nextId++,
    source,
    category,
    area,
    address,
    receivedAt: `${month}-10T02:00:00.000Z`,
  }));
}

describe('shiftMonth', () => {
  it('moves across years both ways', () => {
    expect([shiftMonth('2024-01', -1), shiftMonth('2024-12', 1), shiftMonth('2024-07', -12)]).toEqual([
      '2023-12',
      '2025-01',
      '2023-07',
    ]);
  });
});

describe('detectHotspots', () => {
  const orders = [
    ...mk('积水', '2023-07', 30),
    ...mk('积水', '2024-06', 10),
    ...mk('积水', '2024-07', 40),
    ...mk('物业', '2024-05', 50),
    ...mk('物业', '2024-06', 50),
    ...mk('物业', '2024-07', 45),
    ...mk('停车', '2024-07', 25),
    ...mk('噪声', '2024-07', 5),
    ...mk('噪声', '2024-07', 30, 'grid'),
  ];
  const hotspots = detectHotspots(countVolumes(orders, 'category'), 'category', '2024-07');

  it('finds what rises, what stays high and what peaks every summer, and leaves grid finds out', () => {
    expect(hotspots.map((h) => [h.key, h.count, h.previous, h.growth, h.reasons])).toEqual([
      ['物业', 45, 50, -0.1, ['high']],
      ['积水', 40, 10, 3, ['rising', 'seasonal']],
      ['停车', 25, 0, null, ['rising']],
    ]);
  });

  it('explains each hotspot in words', () => {
    expect(hotspots[1]?.explanation).toBe(
      '积水：2024-07共40件；环比增长300%（10→40件）；去年同月30件，为去年月均2.5件的12倍',
    );
    expect(hotspots[2]?.explanation).toBe('停车：2024-07共25件；上月为0，本月25件');
    expect(hotspots[0]?.explanation).toBe('物业：2024-07共45件；连续3个月位居前3');
  });

  it('counts by place, or by category and place together', () => {
    const table = countVolumes(mk('积水', '2024-07', 3, 'web', 'x', '南口镇'), 'category_area');
    expect([...table.keys()]).toEqual(['积水@南口镇']);
    expect(countVolumes(orders, 'area').get('回龙观街道')?.get('2024-07')).toBe(115);
  });
});

describe('findRecurringAddresses', () => {
  it('finds addresses that come back, spaces ignored, within the months asked', () => {
    const orders = [
      ...mk('噪声', '2024-03', 2, 'hotline', '龙腾苑社区 12号楼'),
      ...mk('物业', '2024-04', 1, 'web', '龙腾苑社区12号楼'),
      ...mk('物业', '2024-09', 5, 'web', '龙腾苑社区12号楼'),
      ...mk('垃圾', '2024-03', 2, 'web', '新龙城社区垃圾站'),
    ];
    const found = findRecurringAddresses(orders, '2024-03', '2024-04', 3);
    expect(found.map((f) => [f.address, f.count, f.categories])).toEqual([
      ['龙腾苑社区12号楼', 3, ['噪声', '物业']],
    ]);
  });
});

describe('measureTopic', () => {
  const topic: MonthlyTopic = validateTopic({
    id: 1,
    month: '2024-07',
    title: '下凹桥区积水治理',
    leadUnitId: 203,
    categories: ['积水'],
    problems: ['下凹桥区雨后积水'],
    tasks: [{ text: '改造雨水泵站', unitId: 203, due: '2024-09-30' }],
    planTaskIds: [],
  });
  const orders = [
    ...mk('积水', '2023-08', 10),
    ...mk('积水', '2024-04', 12),
    ...mk('积水', '2024-05', 9),
    ...mk('积水', '2024-06', 15),
    ...mk('积水', '2024-07', 9),
    ...mk('积水', '2024-08', 6),
    ...mk('积水', '2024-08', 40, 'grid'),
    ...mk('物业', '2024-08', 99),
  ];

  it('measures the fall against the three months before and against the same month last year', () => {
    const measure = measureTopic(topic, orders, '2024-08');
    expect(measure.baseline).toBe(12);
    expect(measure.months).toEqual([
      { month: '2024-07', count: 9, sameMonthLastYear: 0, changeFromBaseline: -0.25 },
      { month: '2024-08', count: 6, sameMonthLastYear: 10, changeFromBaseline: -0.5 },
    ]);
    expect([measure.fall, measure.fallYearOnYear]).toEqual([0.5, 0.4]);
    expect(measure.explanation).toBe(
      '「下凹桥区积水治理」自2024-07起：启动前3个月月均12件，2024-08为6件，较启动前下降50%，较去年同月下降40%',
    );
  });

  it('refuses a topic without categories or problems', () => {
    expect(() => validateTopic({ ...topic, categories: [], problems: [] })).toThrow(/not complete/);
  });
});

describe('suggestTaskLinks', () => {
  const tasks = [
    { id: 1, text: '推进重点区域积水点治理' },
    { id: 2, text: '加快推进回天地区教育设施建设' },
    { id: 3, text: '推进老旧小区综合整治，完善物业管理' },
  ];

  it('links waterlogging complaints to the task on 积水点 and property complaints to 物业管理', () => {
    const links = suggestTaskLinks(
      [
        { key: '积水', text: '积水 道路、小区、下凹式立交桥等处积水 内涝 排水' },
        { key: '物业', text: '物业 物业服务、维修、收费纠纷' },
        { key: '供暖', text: '供暖 暖气不热' },
      ],
      tasks,
    );
    expect(links.map((l) => [l.key, l.taskId])).toEqual([
      ['积水', 1],
      ['物业', 3],
    ]);
    expect(links[0]?.sharedTerms).toContain('积水');
    expect(links[0]?.score).toBeGreaterThan(0.1);
  });

  it('records the person who confirms or rejects a suggestion', () => {
    const [link] = suggestTaskLinks([{ key: '积水', text: '积水' }], tasks);
    expect(confirmLink(link!, true, 5, '2024-07-01T00:00:00Z')).toEqual({
      key: '积水',
      taskId: 1,
      score: link!.score,
      status: 'confirmed',
      decidedBy: 5,
      decidedAt: '2024-07-01T00:00:00.000Z',
    });
  });
});

describe('counts by month as orders', () => {
  const rows = [
    { month: '2024-05', category: '积水', area: '南口镇', source: 'hotline', count: 3 },
    { month: '2024-05', category: '积水', area: '南口镇', source: 'grid', count: 5 },
    { month: '2024-06', category: '积水', area: '城北街道', source: 'web', count: 2 },
    { month: '2024-06', category: '噪音', area: '城北街道', source: 'hotline', count: 4 },
  ];

  it('builds the volume table countVolumes would, grid finds left out', () => {
    expect(deriveVolumeTable(rows, 'category')).toEqual(
      new Map([
        [
          '积水',
          new Map([
            ['2024-05', 3],
            ['2024-06', 2],
          ]),
        ],
        ['噪音', new Map([['2024-06', 4]])],
      ]),
    );
    expect([...deriveVolumeTable(rows, 'category_area').keys()]).toEqual([
      '积水@南口镇',
      '积水@城北街道',
      '噪音@城北街道',
    ]);
  });

  it("expands a topic's categories into one countable per order, mid-month", () => {
    const countables = deriveTopicCountables(rows, ['积水']);
    expect(countables).toHaveLength(10);
    expect(countables.filter((c) => c.source === 'grid')).toHaveLength(5);
    expect(countables[0]).toMatchObject({
      category: '积水',
      area: '南口镇',
      receivedAt: '2024-05-15T00:00:00.000Z',
    });
  });
});
