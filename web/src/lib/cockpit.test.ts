import { describe, expect, it } from 'vitest';
import { chaptersOption, describeReasons, formatRate, itemPath, trajectoryOption } from './cockpit';
import { describeDeadline, filterCommitments, looksLikeEmail } from './promises';
import { COCKPIT } from '../test-fixtures/cockpit';
import { setupI18n } from '../i18n';

const t = setupI18n('zh-CN').t.bind(setupI18n('zh-CN')) as (k: string, p?: Record<string, unknown>) => string;

describe('the cockpit’s pieces', () => {
  it('draws a target’s expected and actual lines month by month, gaps left open', () => {
    const option = trajectoryOption(COCKPIT.headline[0]!, t) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };
    expect(option.xAxis.data).toEqual(['05', '06', '07']);
    expect(option.series.map((s) => s.name)).toEqual(['序时目标', '实际完成']);
    expect(option.series[1]!.data).toEqual([3000, 4000, null]);
  });

  it('stacks each chapter’s tasks by health', () => {
    const option = chaptersOption(COCKPIT.chapters, t) as { series: { name: string; data: number[] }[] };
    const behind = option.series.find((s) => s.name === '进度滞后')!;
    expect(behind.data).toEqual([0, 2]);
  });

  it('puts reasons, rates and drill-down addresses in words and paths', () => {
    expect(describeReasons(COCKPIT.worst[0]!, t)).toBe('逾期 10 天；自评与评估不一致');
    expect(formatRate(null, t)).toBe('暂无');
    expect(formatRate(96.5, t)).toBe('96.5%');
    expect(itemPath(3, { type: 'target', id: 11 })).toBe('/plans/3/targets/11');
  });
});

describe('the promise tracker’s pieces', () => {
  const row = {
    type: 'task' as const,
    id: 1,
    title: '完成回龙观地块征收',
    chapterId: 2,
    leadUnit: null,
    health: 'behind' as const,
    verdict: 'behind' as const,
    verdictLabel: '滞后',
    deadline: {
      original: '2022-06-30',
      current: '2022-10-31',
      days: 123,
      rebaselines: 1,
      overdue: false,
      daysLeft: 5,
    },
    value: null,
    comments: 0,
  };

  it('writes the due date, the original when moved, and the slip', () => {
    expect(describeDeadline(row.deadline, t)).toEqual([
      '完成时限：2022年10月31日',
      '原定：2022年6月30日',
      '推迟 123 天',
    ]);
    expect(describeDeadline({ ...row.deadline, current: '2022-06-30', days: 0 }, t)).toEqual([
      '完成时限：2022年6月30日',
    ]);
    expect(describeDeadline(null, t)).toEqual([]);
  });

  it('filters by words and verdict; checks an address', () => {
    expect(filterCommitments([row], '地块 征收', 'all')).toHaveLength(1);
    expect(filterCommitments([row], '地块', 'done')).toHaveLength(0);
    expect(filterCommitments([row], '公园', 'all')).toHaveLength(0);
    expect(looksLikeEmail('a@b.cn')).toBe(true);
    expect(looksLikeEmail('a@b')).toBe(false);
  });
});
