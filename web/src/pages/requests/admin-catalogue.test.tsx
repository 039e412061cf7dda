import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { ApiError } from '../../api/client';
import type { CatalogueVersion } from '../../api/requests-admin';
import { TEST_AREAS, TEST_CATALOGUE_ROWS, TEST_UNITS } from '../../test-fixtures/requests';
import { CataloguePanel } from './admin-catalogue';
import { DRAFT_KEY } from './admin-catalogue-draft';
import { toCatalogueForm } from './admin-rules';

// 2026-11-26 10:00 Beijing.
const NOW = Date.parse('2026-11-26T02:00:00Z');
// A few rows keep jsdom quick: a round-the-clock one, a territorial one, a designated one.
const ROWS = TEST_CATALOGUE_ROWS.filter((r) => ['供暖', '物业', '拖欠工资', '教育'].includes(r.category));
const V1: CatalogueVersion = {
  version: 1,
  effectiveFrom: '2019-12-31T16:00:00.000Z',
  note: '示例',
  rows: ROWS,
};
const V2: CatalogueVersion = {
  version: 2,
  effectiveFrom: '2025-12-31T16:00:00.000Z',
  note: '供暖提速',
  rows: [
    ...ROWS.map((r) =>
      r.category === '供暖' ? { ...r, finish: { amount: 24, calendar: 'natural_hours' as const } } : r,
    ),
    { ...ROWS[0]!, category: '充电桩', code: 'charging', owner: { by: 'territory' } },
  ],
};
const V3: CatalogueVersion = {
  ...V2,
  version: 3,
  effectiveFrom: '2026-12-31T16:00:00.000Z',
  note: '新年',
};

function renderPanel(onPublish = vi.fn().mockResolvedValue({})) {
  render(
    <App>
      <CataloguePanel
        versions={[V1, V2, V3]}
        units={TEST_UNITS}
        areas={TEST_AREAS.map((a) => a.name)}
        now={NOW}
        onPublish={onPublish}
      />
    </App>,
  );
  return onPublish;
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

// jsdom renders antd's tables, modals and pickers slowly: the interaction tests get more time.
afterEach(() => localStorage.clear());

describe('CataloguePanel', () => {
  it('says open orders keep their deadlines, and shows the rows in force with their calendars', () => {
    renderPanel();
    expect(screen.getByText('调整目录不影响已派出的工单')).toBeTruthy();
    expect(screen.getByText(/已派出的工单（包括正在办理的）保留派单时所用的目录版本/)).toBeTruthy();
    expect(screen.getByText('第 3 版已发布，将于 2027年1月1日 起生效')).toBeTruthy();
    const heating = screen.getByText('供暖').closest('tr')!;
    expect(within(heating).getByText('示范区热力公司')).toBeTruthy();
    expect(within(heating).getByText('24 小时（自然时）')).toBeTruthy();
    const property = screen.getByText('物业').closest('tr')!;
    expect(within(property).getByText('由诉求所在街道（镇）办事处承办')).toBeTruthy();
    expect(within(property).getByText('7 个工作日')).toBeTruthy();
    expect(
      within(screen.getByText('拖欠工资').closest('tr')!).getByText('指定单位（不可退单）'),
    ).toBeTruthy();
  });

  it('lists past versions newest first with what changed from the one before', async () => {
    renderPanel();
    await click(screen.getByText('历史版本'));
    const history = screen.getByTestId('catalogue-history');
    const headers = within(history)
      .getAllByText(/^第 \d 版$/)
      .map((h) => h.textContent);
    expect(headers).toEqual(['第 3 版', '第 2 版', '第 1 版']);
    expect(within(history).getByText('待生效')).toBeTruthy();
    expect(within(history).getByText('现行')).toBeTruthy();
    expect(within(history).getByText('已停用')).toBeTruthy();
    await click(within(history).getByText('供暖提速'));
    const diff = within(history).getByTestId('catalogue-diff');
    expect(diff.textContent).toContain('充电桩');
    expect(diff.textContent).toContain('办结时限 48 小时（自然时） → 24 小时（自然时）');
  });

  it('drafts a new version, checks it as it is edited, and publishes it with its effective date', async () => {
    const onPublish = renderPanel();
    await click(screen.getByText('编辑新版本'));
    await click(screen.getByText('基于第 3 版起草'));
    await click(screen.getByLabelText('编辑 供暖'));
    const finish = screen.getByLabelText('办结时限');
    fireEvent.change(finish, { target: { value: '0' } });
    expect(await screen.findByText('请输入大于 0 的整数')).toBeTruthy();
    const item = finish.closest('.ant-form-item')!;
    expect(item.className).toContain('ant-form-item-has-error');
    fireEvent.change(finish, { target: { value: '12' } });
    expect(item.className).not.toContain('ant-form-item-has-error');
    await click(screen.getByText(/^完\s?成$/));

    // The draft lives in this browser until published.
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!).rows[0].finish).toEqual({
      amount: '12',
      calendar: 'natural_hours',
    });
    const draft = screen.getByTestId('catalogue-draft');
    expect(within(draft).getByTestId('catalogue-diff').textContent).toContain(
      '办结时限 24 小时（自然时） → 12 小时（自然时）',
    );

    // Publishing without a date is refused, naming the date.
    await click(within(draft).getByText(/^发\s?布$/));
    expect(onPublish).not.toHaveBeenCalled();
    expect(screen.getByText('请选择生效日期')).toBeTruthy();

    const date = screen.getByLabelText('生效日期');
    await act(async () => {
      fireEvent.mouseDown(date);
      fireEvent.change(date, { target: { value: '2027-02-01' } });
      fireEvent.keyDown(date, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    expect(date.closest('.ant-form-item')!.className).not.toContain('ant-form-item-has-error');
    await click(within(draft).getByText(/^发\s?布$/));
    const confirm = await screen.findByText(/发布第 4 版，自 2027年2月1日 起生效/);
    await click(within(confirm.closest('.ant-popover')! as HTMLElement).getByText(/^发\s?布$/));

    expect(onPublish).toHaveBeenCalledTimes(1);
    const sent = onPublish.mock.calls[0]![0];
    expect(sent.effectiveFrom).toBe('2027-02-01T00:00:00+08:00');
    expect(sent.rows).toHaveLength(V3.rows.length);
    expect(sent.rows[0]).toEqual({ ...V3.rows[0], finish: { amount: 12, calendar: 'natural_hours' } });
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
  }, 90_000);

  it("keeps a draft across reloads and shows the server's refusal with the row and field named", async () => {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...toCatalogueForm(V3), effectiveDate: '2027-03-01' }));
    const onPublish = vi.fn().mockRejectedValue(
      new ApiError(400, 'BAD_INPUT', 'The catalogue version is not valid', [
        { path: 'rows.0.finish.amount', message: 'must be a whole number > 0' },
        { path: 'effectiveFrom', message: 'must be after version 3 (2026-12-31T16:00:00.000Z)' },
      ]),
    );
    renderPanel(onPublish);
    await click(screen.getByText('新版本草稿'));
    const draft = screen.getByTestId('catalogue-draft');
    await click(within(draft).getByText(/^发\s?布$/));
    const confirm = await screen.findByText(/发布第 4 版/);
    await click(within(confirm.closest('.ant-popover')! as HTMLElement).getByText(/^发\s?布$/));
    expect(onPublish).toHaveBeenCalledTimes(1);
    const problems = await screen.findByTestId('server-problems');
    expect(problems.textContent).toContain('第 1 行「供暖」 · 办结时限：必须是大于 0 的整数');
    expect(problems.textContent).toContain('生效日期：必须晚于第 3 版（2026-12-31T16:00:00.000Z）');
    // Nothing is lost: the draft is still there to fix.
    expect(localStorage.getItem(DRAFT_KEY)).not.toBeNull();
  }, 60_000);
});
