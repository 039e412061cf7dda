import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { ApiError } from '../../api/client';
import { ORDER_SOURCES } from '../../api/requests';
import type { ScoringScheme } from '../../api/requests-admin';
import { SchemesPanel } from './admin-schemes';

const V1: ScoringScheme = {
  version: 1,
  effectiveFrom: '2024-01',
  note: '响应率10%、解决率60%、满意率30%；基本满意按0.8计',
  weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
  satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
  excludedSources: ['grid'],
  minVolume: 10,
  options: { directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 },
};
const V2: ScoringScheme = {
  ...V1,
  version: 2,
  effectiveFrom: '2026-03',
  note: '加重满意率',
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 },
  minVolume: 5,
};

function renderPanel(onCreate = vi.fn().mockResolvedValue({})) {
  render(
    <App>
      <SchemesPanel schemes={[V1, V2]} currentMonth="2026-11" sources={ORDER_SOURCES} onCreate={onCreate} />
    </App>,
  );
  return onCreate;
}

const submit = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText('创建新版本'));
  });
};

describe('SchemesPanel', () => {
  it('shows the scheme in force this month, its denominator rule, partial credit and minimum, and every version', () => {
    renderPanel();
    expect(screen.getByText('本月执行：第 2 版（2026-03 起）')).toBeTruthy();
    expect(screen.getAllByText('响应率 10%、解决率 50%、满意率 40%').length).toBeGreaterThan(0);
    expect(screen.getAllByText('满意 1、基本满意 0.8、不满意 0').length).toBeGreaterThan(0);
    expect(screen.getByText(/不计入的来源：网格员（未诉先办）。/)).toBeTruthy();
    expect(screen.getByText('当月计入 5 件及以上的单位参与排名。')).toBeTruthy();
    expect(screen.queryByText(/不属于考核方案的版本内容/)).toBeNull();
    const table = screen.getByTestId('schemes-table');
    const first = within(table).getByText('2026-03').closest('tr')!;
    expect(within(first).getByText('现行')).toBeTruthy();
    expect(within(first).getByText('5')).toBeTruthy();
    const past = within(table).getByText('2024-01').closest('tr')!;
    expect(within(past).getByText('已停用')).toBeTruthy();
    expect(within(past).getByText('10')).toBeTruthy();
  });

  it('checks the weights as they are typed and sends them as fractions from the chosen month', async () => {
    const onCreate = renderPanel();
    // The form starts from the latest version, from the first month after it that is open.
    expect(screen.getByTestId('weights-sum').textContent).toBe('合计 100%');
    const satisfaction = screen.getByLabelText('满意率');
    fireEvent.change(satisfaction, { target: { value: '35' } });
    expect(screen.getByTestId('weights-sum').textContent).toBe('合计 95%');
    expect(screen.getByText('三项权重之和必须为 100%，现在是 95%')).toBeTruthy();
    await submit();
    expect(onCreate).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('响应率'), { target: { value: '15' } });
    expect(screen.getByTestId('weights-sum').textContent).toBe('合计 100%');
    expect(screen.getByTestId('scheme-example').textContent).toContain('综合得分为 85.75');
    fireEvent.change(screen.getByLabelText('基本满意'), { target: { value: '1.2' } });
    expect(screen.getByText('请输入 0 到 1 之间的数')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('基本满意'), { target: { value: '0.6' } });
    fireEvent.change(screen.getByLabelText('说明'), { target: { value: '提高响应率权重' } });
    // The minimum starts from the latest version's and must be a whole number ≥ 0.
    const minimum = screen.getByLabelText('最低件数');
    expect((minimum as HTMLInputElement).value).toBe('5');
    fireEvent.change(minimum, { target: { value: '2.5' } });
    expect(screen.getByText('请输入 0 或正整数')).toBeTruthy();
    await submit();
    expect(onCreate).not.toHaveBeenCalled();
    fireEvent.change(minimum, { target: { value: '8' } });
    await submit();
    expect(onCreate).toHaveBeenCalledWith({
      effectiveFrom: '2026-11',
      note: '提高响应率权重',
      weights: { response: 0.15, resolution: 0.5, satisfaction: 0.35 },
      satisfactionCredit: { 满意: 1, 基本满意: 0.6, 不满意: 0 },
      excludedSources: ['grid'],
      minVolume: 8,
    });
  }, 60_000);

  it("shows the server's refusal with each field named in Chinese", async () => {
    const onCreate = vi.fn().mockRejectedValue(
      new ApiError(400, 'BAD_INPUT', 'The scoring scheme is not valid', [
        { path: 'effectiveFrom', message: 'must come after version 3 (2026-12)' },
        { path: 'weights', message: 'must add up to 1' },
        { path: 'minVolume', message: 'must be a whole number ≥ 0' },
      ]),
    );
    renderPanel(onCreate);
    await submit();
    expect(onCreate).toHaveBeenCalledTimes(1);
    const problems = await screen.findByTestId('server-problems');
    expect(problems.textContent).toContain('起始月份：必须晚于第 3 版（2026-12）');
    expect(problems.textContent).toContain('权重：三项权重之和必须为 100%');
    expect(problems.textContent).toContain('最低件数：必须是 0 或正整数');
    expect(screen.getByText('提交的内容有误，请检查后重试。')).toBeTruthy();
  }, 60_000);
});
