import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { HeadlineTargetGroups, HeadlineTargets, type HeadlineTarget } from './headline-targets';
import type { Target } from '../api/types';
import { groupHeadlineTargets } from '../lib/headline';

function target(id: number, metric: string, value: number, unit: string, period: string): Target {
  return {
    id,
    planId: 1,
    outlineNodeId: null,
    taskId: null,
    metric,
    comparator: '>=',
    value,
    unit,
    period,
    direction: null,
    span: [id * 100, id * 100 + 20],
    quote: `${metric}${value}${unit}`,
    sentence: '',
    baseline: null,
    leadUnitId: null,
    coUnitIds: [],
    leader: null,
    deadline: null,
    weight: 1,
    version: 0,
  };
}

// The example report's mix: this year's targets and the five-year plan's (2022-2026).
const targets = [
  target(1, '地区生产总值增长', 6.5, '%', '2022'),
  target(2, '全社会研发投入强度', 6, '%', '2022-2026'),
  target(3, '新增城乡劳动力就业', 9000, '人', '2022'),
  target(4, '细颗粒物年均浓度', 30, '微克/立方米', '2022-2026'),
];

function renderGroups(items: Target[], year = 2022) {
  const groups = groupHeadlineTargets(items, year, 12);
  const wrap = (t: Target): HeadlineTarget => ({ target: t, health: t.id === 1 ? 'on_track' : undefined });
  return render(
    <MemoryRouter>
      <HeadlineTargetGroups
        year={year}
        own={groups.year.map(wrap)}
        others={groups.others.map((g) => ({ ...g, items: g.items.map(wrap) }))}
        lang="zh-CN"
        hrefOf={(t) => `/plans/1/targets/${t.id}`}
      />
    </MemoryRouter>,
  );
}

describe('HeadlineTargetGroups', () => {
  it('leads with the plan year’s own targets, and keeps five-year targets in a collapsed group', async () => {
    renderGroups(targets);
    const own = screen.getAllByTestId('headline-targets')[0]!;
    expect(screen.getByText('2022年目标')).toBeTruthy();
    expect(
      within(own)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/plans/1/targets/1', '/plans/1/targets/3']);
    expect(within(own).getByText('正常')).toBeTruthy();
    // The five-year group is labelled as such and closed: its targets are not on the page yet.
    const header = screen.getByText('2022-2026年目标（多年期，2项）');
    expect(screen.queryByText('全社会研发投入强度')).toBeNull();
    await act(async () => {
      fireEvent.click(header);
    });
    const opened = await screen.findByText('全社会研发投入强度');
    const group = opened.closest('[data-testid="headline-targets"]') as HTMLElement;
    expect(group).not.toBe(own);
    expect(
      within(group)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/plans/1/targets/2', '/plans/1/targets/4']);
  });

  it('says so when the plan year has no targets of its own, and shows no empty group', () => {
    const first = renderGroups(targets.filter((t) => t.period !== '2022'));
    expect(screen.getByText('本年度暂无主要预期目标')).toBeTruthy();
    expect(screen.queryAllByTestId('headline-targets')).toHaveLength(0);
    expect(screen.getByText('2022-2026年目标（多年期，2项）')).toBeTruthy();
    first.unmount();
    renderGroups(targets.filter((t) => t.period === '2022'));
    expect(screen.queryByTestId('headline-other-periods')).toBeNull();
  });

  it('names each progress bar by its target and figures (a bar alone says nothing to a screen reader)', () => {
    render(
      <MemoryRouter>
        <HeadlineTargets
          items={[{ target: targets[2]!, health: 'on_track', actual: 4500, expected: 6000 }]}
          lang="zh-CN"
          hrefOf={(t) => `/plans/1/targets/${t.id}`}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('progressbar', { name: '新增城乡劳动力就业：4,500 / 6,000' })).toBeTruthy();
  });
});
