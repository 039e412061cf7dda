import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { ApiError } from '../../api/client';
import type { ExemptionList } from '../../api/requests-admin';
import type { Unit } from '../../api/types';
import { ExemptionsPanel } from './admin-exemptions';

const UNITS: Unit[] = [
  { id: 11, name: '城关街道办事处', kind: 'street' },
  { id: 12, name: '南岭镇人民政府', kind: 'town' },
];
const LIST: ExemptionList = {
  items: [
    {
      unitId: 11,
      unitName: '城关街道办事处',
      month: '2026-10',
      reason: '机构改革，职责划转中',
      createdBy: 1,
      createdByName: '张主任',
      createdAt: '2026-10-08T02:00:00.000Z',
    },
  ],
  total: 1,
  history: [
    {
      at: '2026-11-02T03:00:00.000Z',
      action: 'remove',
      by: 2,
      byName: '李科长',
      unitId: 12,
      unitName: '南岭镇人民政府',
      month: '2026-09',
      exemptionReason: '暴雨',
      note: '误录',
    },
    {
      at: '2026-10-08T02:00:00.000Z',
      action: 'add',
      by: 1,
      byName: '张主任',
      unitId: 11,
      unitName: '城关街道办事处',
      month: '2026-10',
      exemptionReason: '机构改革，职责划转中',
      note: null,
    },
  ],
};

function renderPanel(props: Partial<Parameters<typeof ExemptionsPanel>[0]> = {}) {
  const onAdd = vi.fn().mockResolvedValue({});
  const onRemove = vi.fn().mockResolvedValue({});
  render(
    <App>
      <ExemptionsPanel
        list={LIST}
        units={UNITS}
        currentMonth="2026-11"
        onAdd={onAdd}
        onRemove={onRemove}
        {...props}
      />
    </App>,
  );
  return { onAdd, onRemove };
}

async function choose(label: string, option: string) {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label));
  });
  const options = await screen.findAllByTitle(option);
  await act(async () => {
    fireEvent.click(options.at(-1)!);
  });
}

const record = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText(/^登\s?记$/));
  });
};

describe('ExemptionsPanel', () => {
  it('lists exemptions with who recorded them, and the additions and removals kept on record', () => {
    renderPanel();
    const row = within(screen.getByTestId('exemptions-table'))
      .getByText('机构改革，职责划转中')
      .closest('tr')!;
    expect(within(row).getByText('城关街道办事处')).toBeTruthy();
    expect(within(row).getByText('张主任')).toBeTruthy();
    expect(screen.getByText('登记与移除记录')).toBeTruthy();
    const rows = within(screen.getByTestId('exemption-history')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [removal, addition] = rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(removal?.slice(1)).toEqual(['移除', '李科长', '南岭镇人民政府', '2026-09', '暴雨', '误录']);
    expect(addition?.slice(1)).toEqual([
      '新增',
      '张主任',
      '城关街道办事处',
      '2026-10',
      '机构改革，职责划转中',
      '—',
    ]);
  });

  it('shows no history while nothing was added or removed', () => {
    renderPanel({ list: { ...LIST, history: [] } });
    expect(screen.queryByTestId('exemption-history')).toBeNull();
    expect(screen.queryByText('登记与移除记录')).toBeNull();
  });

  it('requires a reason, refuses a unit already exempt that month, and records a valid one', async () => {
    const { onAdd } = renderPanel();
    await record();
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByText('请选择单位')).toBeTruthy();
    expect(screen.getByText('请填写免考核理由')).toBeTruthy();

    await choose('单位', '城关街道办事处');
    await choose('月份', '2026-10');
    expect(screen.getByText('该单位这个月已免考核')).toBeTruthy();
    await choose('月份', '2026-11');
    fireEvent.change(screen.getByLabelText('理由'), { target: { value: '  辖区调整，新设街道  ' } });
    await record();
    expect(onAdd).toHaveBeenCalledWith({ unitId: 11, month: '2026-11', reason: '辖区调整，新设街道' });
  }, 60_000);

  it('shows a conflict from the server in words', async () => {
    const onAdd = vi
      .fn()
      .mockRejectedValue(new ApiError(409, 'CONFLICT', 'unit 12 is already exempt in 2026-11'));
    render(
      <App>
        <ExemptionsPanel list={LIST} units={UNITS} currentMonth="2026-11" onAdd={onAdd} onRemove={vi.fn()} />
      </App>,
    );
    await choose('单位', '南岭镇人民政府');
    fireEvent.change(screen.getByLabelText('理由'), { target: { value: '暴雨' } });
    await record();
    const problems = await screen.findByTestId('server-problems');
    expect(problems.textContent).toBe('该单位 2026-11 已免考核');
    expect(screen.getByText('其他人刚刚修改了这条内容，请重新加载后再改。')).toBeTruthy();
  }, 60_000);

  it('removes an exemption with an optional note', async () => {
    const { onRemove } = renderPanel();
    await act(async () => {
      fireEvent.click(screen.getByLabelText('移除 城关街道办事处 2026-10'));
    });
    expect(await screen.findByText('移除 城关街道办事处 2026-10 的免考核？')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('移除说明'), { target: { value: '改革完成' } });
    const dialog = screen
      .getByText('移除 城关街道办事处 2026-10 的免考核？')
      .closest('.ant-modal')! as HTMLElement;
    await act(async () => {
      fireEvent.click(within(dialog).getByText(/^移\s?除$/));
    });
    expect(onRemove).toHaveBeenCalledWith(LIST.items[0], '改革完成');
  }, 60_000);
});
