import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Role, Target } from '../api/types';
import type { LowerPlan, TargetCascade } from '../api/cascade';
import { renderSignedIn } from '../test-fixtures/session';
import { TargetCascadePanel } from './target-cascade';

const TARGET = {
  id: 9,
  planId: 1,
  metric: '城镇新增就业',
  value: 60,
  unit: '万人',
} as Target;

const LOWER: LowerPlan[] = [
  {
    id: 2,
    title: '2026年黄浦区政府工作报告',
    year: 2026,
    jurisdictionId: 2,
    jurisdictionName: '上海市黄浦区',
  },
  {
    id: 3,
    title: '2026年静安区政府工作报告',
    year: 2026,
    jurisdictionId: 3,
    jurisdictionName: '上海市静安区',
  },
];

const ROLLED: Omit<TargetCascade, 'target'> = {
  asOf: '2026-06-15',
  method: 'sum',
  total: 1.2,
  health: 'behind',
  ratio: 0.4,
  reporting: 1,
  linked: 2,
  byHealth: { behind: 1, no_data: 1 },
  evidence: 2,
  explain: '上海市黄浦区 1.2万人 = 1.2万人（上海市静安区未报送）',
  contributions: [
    {
      jurisdictionId: 2,
      jurisdictionName: '上海市黄浦区',
      planId: 2,
      targetId: 21,
      metric: '城镇新增就业',
      value: 3,
      unit: '万人',
      latest: { value: 1.2, asOf: '2026-05-31' },
      converted: 1.2,
      health: 'behind',
      ratio: 0.4,
      evidence: 2,
    },
    {
      jurisdictionId: 3,
      jurisdictionName: '上海市静安区',
      planId: 3,
      targetId: 31,
      metric: '城镇新增就业',
      value: 25000,
      unit: '人',
      latest: null,
      converted: null,
      health: 'no_data',
      ratio: null,
      evidence: 0,
    },
  ],
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server: the roll-up, the plans below, and the hand-down answering `handDown`. */
function stubServer(handDown: Response) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.includes('/lower-plans')) return json(200, { items: LOWER, total: LOWER.length });
    if (url.includes('/hand-down') && init?.method === 'POST') return handDown.clone();
    return json(200, { ...ROLLED, target: TARGET });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPanel(role: Role) {
  renderSignedIn(role, <TargetCascadePanel target={TARGET} lang="zh-CN" />);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('上下级汇总 on a target', () => {
  it('shows each district’s share, latest figure and the total with how it was made', async () => {
    stubServer(json(201, { items: [], total: 0 }));
    renderPanel('leader');
    await screen.findByText('上下级汇总');
    expect(screen.getByText('下级合计 1.2万人')).toBeTruthy();
    expect(screen.getByText('2 个下级辖区中 1 个已报送')).toBeTruthy();
    expect(screen.getByText('计算方法：上海市黄浦区 1.2万人 = 1.2万人（上海市静安区未报送）')).toBeTruthy();
    const rows = screen.getAllByRole('row');
    expect(rows[1]!.textContent).toContain('1.2万人（2026年5月31日）');
    expect(rows[2]!.textContent).toContain('未报送');
    // A leader reads; only the plan office hands down.
    expect(screen.queryByRole('button', { name: /下达到下级/ })).toBeNull();
  });

  it('hands down with a share, and shows a refusal at the plan it names', async () => {
    const fetch = stubServer(
      json(400, {
        error: {
          code: 'BAD_INPUT',
          message: '目标未下达',
          details: [{ path: 'to.0.planId', message: '已向计划「2026年黄浦区政府工作报告」下达过此目标' }],
        },
      }),
    );
    renderPanel('supervisor');
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /下达到下级/ }));
    });
    const dialog = await screen.findByRole('dialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByText(/上海市黄浦区 · /));
    });
    await act(async () => {
      fireEvent.change(within(dialog).getByLabelText('上海市黄浦区分解值'), { target: { value: '3' } });
    });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /下达到下级/ }));
    });
    await within(dialog).findByText('已向计划「2026年黄浦区政府工作报告」下达过此目标');
    const sent = fetch.mock.calls.find(
      ([url, init]) => url.includes('/hand-down') && init?.method === 'POST',
    );
    expect(JSON.parse(String(sent![1]!.body))).toEqual({
      to: [{ planId: 2, share: { value: 3, unit: '万人' } }],
    });
  });
});
