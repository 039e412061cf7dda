/**
 * The stocktake pack opened by LibreOffice (fails — never skips — without it) and read back from
 * the PDF: a cover, then exactly one page per commitment, each with its five parts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TargetLike } from '../plan/expected.js';
import { deriveStocktakePack, deriveTrajectory } from '../verdicts/index.js';
import type { ConfidenceAssessment, StocktakeInput } from '../verdicts/index.js';
import { writeStocktakeDocx } from './stocktake-docx.js';
import { convertToPdf, pdfPages, squash } from './testing/office.js';
import type { PdfPage } from './testing/office.js';

const jobs: TargetLike = {
  metric: '新增城乡劳动力就业',
  comparator: '>=',
  value: 9000,
  unit: '人',
  period: '2022',
  direction: 'rising',
  baseline: null,
};

function assessed(
  level: ConfidenceAssessment['level'],
  source: ConfidenceAssessment['source'],
  comment: string | null,
) {
  return {
    id: 1,
    subject: { type: 'task' as const, id: 1, planId: 1, leadUnitId: 11 },
    periodKey: '2022-06',
    source,
    level,
    comment,
    by: 5,
    at: '2022-07-01T00:00:00.000Z',
  };
}

const base: Omit<StocktakeInput, 'item'> = {
  health: {
    health: 'on_track',
    why: {
      code: 'PROGRESS_VS_EXPECTED',
      params: { progress: 50, expected: 50, date: '2022-06-30', ratio: 1, stale: false },
    },
  },
  promise: {
    deadline: {
      original: '2022-12-31',
      current: '2022-12-31',
      days: 0,
      rebaselines: 0,
      overdue: false,
      daysLeft: 170,
    },
    value: null,
    changes: [],
  },
  verdict: null,
  confidence: {
    unit: assessed('amber_green', 'lead_unit', null),
    independent: null,
    unitMissing: false,
    disagreements: [],
  },
  trajectory: null,
  progress: [],
  notices: [],
  extensions: [],
  latestNote: null,
};

const item = (id: number, type: 'task' | 'target', promise: string) => ({
  type,
  id,
  promise,
  chapter: '三、着力改善民生',
  leadUnit: '区人力社保局',
  coUnits: ['区经济和信息化局'],
  leader: '王副区长',
});

const inputs: StocktakeInput[] = [
  {
    ...base,
    item: item(1, 'target', '新增城乡劳动力就业9000人'),
    health: {
      health: 'at_risk',
      why: {
        code: 'RATIO_VS_EXPECTED',
        params: {
          actual: 4000,
          expected: 4463,
          unit: '人',
          date: '2022-06-30',
          ratio: 0.896,
          method: 'linear',
          stale: false,
        },
      },
    },
    promise: {
      deadline: null,
      value: { original: 9000, current: 9000, unit: '人', percent: 0, easing: false, rebaselines: 0 },
      changes: [],
    },
    trajectory: deriveTrajectory(jobs, [{ value: 4000, asOf: '2022-06-30' }], 2022, '2022-07-10'),
  },
  {
    ...base,
    item: item(2, 'task', '完成老旧小区综合整治12个'),
    health: {
      health: 'behind',
      why: { code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 60 } },
    },
    promise: {
      deadline: {
        original: '2022-06-30',
        current: '2022-06-30',
        days: 0,
        rebaselines: 0,
        overdue: true,
        daysLeft: null,
      },
      value: null,
      changes: [],
    },
    confidence: {
      unit: assessed('amber', 'lead_unit', '拆迁难度大'),
      independent: assessed('red', 'independent', '已无法按期完成'),
      unitMissing: false,
      disagreements: [{ kind: 'unit_vs_independent', direction: 'optimistic', gap: 2 }],
    },
    progress: [
      { label: '2022年5月', progress: 40, expected: 80 },
      { label: '2022年6月', progress: 60, expected: 100 },
    ],
    extensions: [{ requestedDeadline: '2022-09-30', reason: '征地手续未完成' }],
    latestNote: '3户未签约，拟申请司法程序',
  },
  { ...base, item: item(3, 'task', '建成社区养老服务驿站5个') },
];

let pages: PdfPage[] = [];

beforeAll(async () => {
  const pack = deriveStocktakePack('王副区长', '2022-07-10', inputs);
  const docx = await writeStocktakeDocx(pack, { planTitle: '2022年政府工作报告' });
  const { pack: pdf } = await convertToPdf({ pack: docx });
  pages = await pdfPages(pdf!);
}, 240_000);

describe('writeStocktakeDocx', () => {
  it('a cover, then exactly one A4 page per commitment, worst first', () => {
    expect(pages).toHaveLength(4);
    for (const p of pages) expect([p.width, p.height]).toEqual([595, 842]);
    const cover = squash(pages[0]!.text);
    expect(cover).toContain('王副区长分管工作盘点材料');
    expect(cover).toContain('（截至2022年7月10日）');
    expect(cover).toContain('共3项，其中正常推进1项、预警1项、滞后1项');
    expect(squash(pages[1]!.text)).toMatch(/^一、完成老旧小区综合整治12个/);
    expect(squash(pages[2]!.text)).toMatch(/^二、新增城乡劳动力就业9000人/);
    expect(squash(pages[3]!.text)).toMatch(/^三、建成社区养老服务驿站5个/);
  });

  it('each page says the promise, trajectory, confidence, issues and decisions', () => {
    const task = squash(pages[1]!.text);
    for (const part of ['一、承诺', '二、走势', '三、完成把握', '四、存在问题', '五、需领导研究决策事项']) {
      expect(task).toContain(part);
    }
    expect(task).toContain('已超过完成时限，尚未完成');
    expect(task).toContain('序时进度');
    expect(task).toContain('督查室评估难以按期完成（已无法按期完成）');
    expect(task).toContain('牵头单位申请延期至2022年9月30日（征地手续未完成），请研究是否同意');
    const target = squash(pages[2]!.text);
    expect(target).toContain('按当前进度推算全年约8066.3人');
    expect(target).toContain('实际4000');
    expect(squash(pages[3]!.text)).toContain('四、存在问题无。');
  });
});
