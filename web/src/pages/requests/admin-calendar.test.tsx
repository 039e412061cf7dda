import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { ApiError } from '../../api/client';
import type { CalendarStatus } from '../../api/requests-admin';
import { CalendarPanel } from './admin-calendar';

const STATUS: CalendarStatus = {
  asOf: '2026-11-26T02:00:00.000Z',
  currentYear: 2026,
  packageYears: { first: 2004, last: 2026 },
  years: [
    { year: 2025, source: 'package', holidays: null, workdays: null },
    { year: 2026, source: 'package', holidays: null, workdays: null },
    { year: 2027, source: 'weekends', holidays: null, workdays: null },
  ],
  loaded: [],
  history: [],
};

const LOADED: CalendarStatus = {
  ...STATUS,
  years: [...STATUS.years.slice(0, 2), { year: 2027, source: 'loaded', holidays: 2, workdays: 1 }],
  loaded: [
    {
      year: 2027,
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8' },
      workdays: { '2027-02-20': 'Spring Festival,春节,8' },
      source: '国办发明电〔2026〕12号',
      loadedBy: 2,
      loadedByName: '李科长',
      loadedAt: '2026-11-20T02:00:00.000Z',
    },
  ],
  history: [
    {
      at: '2026-11-20T02:00:00.000Z',
      action: 'load',
      year: 2027,
      by: 2,
      byName: '李科长',
      source: '国办发明电〔2026〕12号',
    },
  ],
};

function renderPanel(status: CalendarStatus, onLoad = vi.fn().mockResolvedValue({}), onRemove = vi.fn()) {
  render(
    <App>
      <CalendarPanel status={status} onLoad={onLoad} onRemove={onRemove} />
    </App>,
  );
  return { onLoad, onRemove };
}

const loadButton = () => screen.getByText('加载 2027 年日历').closest('button')!;

describe('CalendarPanel', () => {
  it('says where each year comes from and warns that next year counts weekends only', () => {
    renderPanel(STATUS);
    expect(screen.getByText('2027 年的放假安排尚未加载')).toBeTruthy();
    expect(screen.getByText(/内置数据（chinese-days）覆盖 2004–2026 年/)).toBeTruthy();
    const years = screen.getByTestId('calendar-years');
    expect(
      within(within(years).getByText('2027').closest('tr')!).getByText('仅按周末（无官方安排）'),
    ).toBeTruthy();
    expect(within(within(years).getByText('2026').closest('tr')!).getByText('内置数据')).toBeTruthy();
    expect(screen.queryByText(/当前服务尚未把它用于时限计算/)).toBeNull();
    expect(loadButton().disabled).toBe(true);
  });

  it('previews a pasted CSV, blocks it while a line is wrong, and loads it once right', async () => {
    const { onLoad } = renderPanel(STATUS);
    const text = screen.getByLabelText('放假安排');
    fireEvent.change(text, { target: { value: '2027-01-01,休,元旦\n2027-02-09,班,春节' } });
    expect(await screen.findByText('2027-02-09 不是周六或周日：调休上班日都在周末')).toBeTruthy();
    expect(loadButton().disabled).toBe(true);

    fireEvent.change(text, {
      target: { value: '2027-01-01,休,元旦\n2027-02-06,休,春节\n2027-02-20,班,春节' },
    });
    expect(await screen.findByText('2027 年（CSV）：放假 2 天，调休上班 1 天')).toBeTruthy();
    const preview = screen.getByTestId('calendar-preview');
    expect(within(within(preview).getByText('2027-02-20').closest('tr')!).getByText('调休上班')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('依据'), { target: { value: '国办发明电〔2026〕12号' } });
    await act(async () => {
      fireEvent.click(loadButton());
    });
    expect(onLoad).toHaveBeenCalledWith(2027, {
      holidays: { '2027-01-01': '元旦', '2027-02-06': '春节' },
      workdays: { '2027-02-20': '春节' },
      source: '国办发明电〔2026〕12号',
    });
  }, 60_000);

  it('reads an uploaded chinese-days JSON file, and shows the server refusing it', async () => {
    const onLoad = vi.fn().mockRejectedValue(
      new ApiError(400, 'BAD_INPUT', 'The holiday table of 2027 is not valid', [
        {
          path: 'params.year',
          message: 'only 2026 or 2027 may be loaded: past deadlines keep their calendar',
        },
      ]),
    );
    renderPanel(STATUS, onLoad);
    const json = JSON.stringify({
      holidays: { '2027-10-01': 'National Day,国庆节,7' },
      workdays: { '2027-10-09': 'National Day,国庆节,7' },
      inLieuDays: {},
    });
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, {
        target: { files: [new File([json], '2027.json', { type: 'application/json' })] },
      });
    });
    expect(await screen.findByText('2027 年（JSON）：放假 1 天，调休上班 1 天')).toBeTruthy();
    expect(screen.getByText('2027.json')).toBeTruthy();
    expect(within(screen.getByTestId('calendar-preview')).getAllByText('国庆节')).toHaveLength(2);
    await act(async () => {
      fireEvent.click(loadButton());
    });
    // With no source typed, the file's name is recorded as where the dates came from.
    expect(onLoad).toHaveBeenCalledWith(2027, expect.objectContaining({ source: '2027.json' }));
    const problems = await screen.findByTestId('server-problems');
    expect(problems.textContent).toBe('年份：只能加载 2026 年或 2027 年：过去的时限保持原日历');
  }, 60_000);

  it('lists loaded years with who loaded them, their dates and history, and removes one', async () => {
    const onRemove = vi.fn().mockResolvedValue({});
    renderPanel(LOADED, undefined, onRemove);
    expect(screen.queryByText('2027 年的放假安排尚未加载')).toBeNull();
    const label = screen.getByText(/^2027 年 · 国办发明电〔2026〕12号 · 李科长 于 .+ 加载$/);
    await act(async () => {
      fireEvent.click(label);
    });
    await waitFor(() => expect(screen.getByText('元旦')).toBeTruthy());
    expect(screen.getByTestId('calendar-history').textContent).toContain(
      '李科长 加载 2027 年（国办发明电〔2026〕12号）',
    );
    await act(async () => {
      fireEvent.click(screen.getByText(/^移\s?除$/));
    });
    const confirm = await screen.findByText(/移除 2027 年已加载的安排？/);
    await act(async () => {
      fireEvent.click(within(confirm.closest('.ant-popover')! as HTMLElement).getByText(/^移\s?除$/));
    });
    expect(onRemove).toHaveBeenCalledWith(2027);
  }, 60_000);
});
