import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { ApiError } from '../api/client';
import type { VersionedUnit, UnitUsage } from '../api/admin';
import { NewUnitForm, UnitsManager, type UnitsManagerProps } from './units-manager';

const UNITS: VersionedUnit[] = [
  { id: 1, name: '区科委', kind: 'department', version: 3 },
  { id: 2, name: '区财政局', kind: 'department', version: 1 },
  { id: 3, name: '城关街道', kind: 'street', version: 1 },
];

const NOTHING: UnitUsage = {
  tasksLed: 0,
  tasksCoLed: 0,
  targetsLed: 0,
  targetsCoLed: 0,
  users: 0,
  reports: 0,
  supervision: 0,
  evidenceFiles: 0,
  requestOrdersLed: 0,
  requestOrdersCoHandled: 0,
  requestFollowUps: 0,
  requestThemes: 0,
  requestExemptions: 0,
  catalogueRows: 0,
  knowledgeEntries: 0,
};

function renderManager(props: Partial<UnitsManagerProps> = {}) {
  const handlers = {
    onRename: vi.fn().mockResolvedValue(undefined),
    onDelete: vi.fn().mockResolvedValue(undefined),
    onMerge: vi.fn().mockResolvedValue({ moved: NOTHING }),
    ...props,
  };
  render(
    <App>
      <UnitsManager units={UNITS} {...handlers} />
    </App>,
  );
  return handlers;
}

/** antd puts a space between two Chinese characters on a button: 保存 reads "保 存". */
const spaced = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

describe('UnitsManager', () => {
  it('checks a new name as it is typed, then saves it trimmed with the kind', async () => {
    const { onRename } = renderManager();
    await click(screen.getByRole('button', { name: '修改 区科委' }));
    const input = screen.getByLabelText('单位名称');
    expect((input as HTMLInputElement).value).toBe('区科委');

    fireEvent.change(input, { target: { value: '区财政局' } });
    expect(screen.getByText('已有名为“区财政局”的单位')).toBeTruthy();
    fireEvent.change(input, { target: { value: '   ' } });
    expect(screen.getByText('必填')).toBeTruthy();
    await click(screen.getByRole('button', { name: spaced('保存') }));
    expect(onRename).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { value: ' 区科学技术委员会 ' } });
    expect(input.closest('.ant-form-item')?.className).not.toMatch(/has-error/);
    await click(screen.getByRole('button', { name: spaced('保存') }));
    expect(onRename).toHaveBeenCalledWith(UNITS[0], { name: '区科学技术委员会', kind: 'department' });
    expect(await screen.findByText('已修改')).toBeTruthy();
  });

  it('says so when nothing changed, and shows a name the server found taken', async () => {
    const onRename = vi
      .fn()
      .mockRejectedValue(
        new ApiError(409, 'CONFLICT', 'a unit named 区科技局 already exists (unit 9)', [
          { path: 'body.name', message: 'already taken' },
        ]),
      );
    renderManager({ onRename });
    await click(screen.getByRole('button', { name: '修改 区科委' }));
    await click(screen.getByRole('button', { name: spaced('保存') }));
    expect(screen.getByText('名称、类型和辖区都没有改变')).toBeTruthy();
    expect(onRename).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '区科技局' } });
    await click(screen.getByRole('button', { name: spaced('保存') }));
    expect(onRename).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('已有同名单位')).toBeTruthy();
  });

  it('shows the area each office governs, offers the free ones, and saves a changed area', async () => {
    const units: VersionedUnit[] = [
      ...UNITS,
      { id: 4, name: '东湖街道党群服务中心', kind: 'street', area: '东湖街道', version: 2 },
      { id: 5, name: '西山街道办事处', kind: 'street', area: '西山街道', version: 1 },
    ];
    const onRename = vi.fn().mockResolvedValue(undefined);
    render(
      <App>
        <UnitsManager
          units={units}
          areas={['城关街道', '东湖街道', '西山街道', '北岭街道']}
          onRename={onRename}
          onDelete={vi.fn()}
          onMerge={vi.fn()}
        />
      </App>,
    );
    const row = screen.getByText('东湖街道党群服务中心').closest('tr')!;
    expect(within(row).getByText('东湖街道')).toBeTruthy();
    expect(within(screen.getByText('区科委').closest('tr')!).getByText('—')).toBeTruthy();

    await click(screen.getByRole('button', { name: '修改 东湖街道党群服务中心' }));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('该街道或镇的属地类诉求派给本单位；一个辖区只由一个单位负责。'),
    ).toBeTruthy();
    await act(async () => {
      fireEvent.mouseDown(within(dialog).getByLabelText('辖区（属地）'));
    });
    // Another office's area is shown with it, and cannot be chosen.
    const governed = await screen.findByTitle('西山街道（西山街道办事处负责）');
    expect(governed.className).toMatch(/option-disabled/);
    await click(screen.getByTitle('北岭街道'));
    await click(within(dialog).getByRole('button', { name: spaced('保存') }));
    expect(onRename).toHaveBeenCalledWith(units[3], {
      name: '东湖街道党群服务中心',
      kind: 'street',
      area: '北岭街道',
    });
  });

  it('gives the area up when an office becomes another kind of unit', async () => {
    const units: VersionedUnit[] = [
      { id: 4, name: '东湖街道党群服务中心', kind: 'street', area: '东湖街道', version: 2 },
    ];
    const onRename = vi.fn().mockResolvedValue(undefined);
    render(
      <App>
        <UnitsManager
          units={units}
          areas={['东湖街道']}
          onRename={onRename}
          onDelete={vi.fn()}
          onMerge={vi.fn()}
        />
      </App>,
    );
    await click(screen.getByRole('button', { name: '修改 东湖街道党群服务中心' }));
    const dialog = screen.getByRole('dialog');
    await act(async () => {
      fireEvent.mouseDown(within(dialog).getByLabelText('类型'));
    });
    await click(await screen.findByTitle('其他'));
    expect(within(dialog).queryByLabelText('辖区（属地）')).toBeNull();
    await click(within(dialog).getByRole('button', { name: spaced('保存') }));
    expect(onRename).toHaveBeenCalledWith(units[0], {
      name: '东湖街道党群服务中心',
      kind: 'other',
      area: null,
    });
  });

  it('asks before deleting, and shows what still refers to a unit the server keeps', async () => {
    const onDelete = vi.fn().mockRejectedValue(
      new ApiError(409, 'CONFLICT', 'unit 区科委 is still in use', [
        { path: 'usage.tasksLed', message: '3 tasks it leads' },
        { path: 'usage.users', message: '1 users who act for it' },
      ]),
    );
    renderManager({ onDelete });
    await click(screen.getByRole('button', { name: '删除 区科委' }));
    expect(screen.getByText('确定删除“区科委”？删除后不能恢复。')).toBeTruthy();
    expect(onDelete).not.toHaveBeenCalled();
    await click(screen.getByRole('button', { name: spaced('删除') }));
    expect(onDelete).toHaveBeenCalledWith(UNITS[0]);
    // antd writes a confirm's title twice (one for the dialog's label).
    expect((await screen.findAllByText('“区科委”仍在使用，不能删除')).length).toBeGreaterThan(0);
    expect(screen.getByText('牵头任务 3 项')).toBeTruthy();
    expect(screen.getByText('所属用户 1 人')).toBeTruthy();
    expect(screen.getByText('可先把这些事项改由其他单位负责，或把本单位合并到另一个单位。')).toBeTruthy();
  });

  it('deletes an unused unit once confirmed', async () => {
    const { onDelete } = renderManager();
    await click(screen.getByRole('button', { name: '删除 城关街道' }));
    await click(screen.getByRole('button', { name: spaced('删除') }));
    expect(onDelete).toHaveBeenCalledWith(UNITS[2]);
    expect(await screen.findByText('已删除')).toBeTruthy();
  });

  it('merges into the unit chosen (never itself) and reports what moved', async () => {
    const onMerge = vi.fn().mockResolvedValue({ moved: { ...NOTHING, tasksLed: 4, users: 2 } });
    renderManager({ onMerge });
    await click(screen.getByRole('button', { name: '合并 区科委' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/“区科委”牵头或配合的任务和目标/)).toBeTruthy();
    await click(within(dialog).getByRole('button', { name: spaced('合并') }));
    expect(within(dialog).getAllByText('请选择并入的单位').length).toBeGreaterThan(0);
    expect(onMerge).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.mouseDown(within(dialog).getByLabelText('并入单位'));
    });
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).not.toContain('区科委');
    await click(screen.getByTitle('区财政局'));
    await click(within(dialog).getByRole('button', { name: spaced('合并') }));
    expect(onMerge).toHaveBeenCalledWith(UNITS[0], UNITS[1]);
    expect(await screen.findByText('已将“区科委”并入“区财政局”；牵头任务 4 项；所属用户 2 人')).toBeTruthy();
  });

  it('shows why a merge was refused, with the hint for citizen requests', async () => {
    const onMerge = vi
      .fn()
      .mockRejectedValue(
        new ApiError(409, 'CONFLICT', 'unit 区科委 is named by 接诉即办 data', [
          { path: 'usage.requestExemptions', message: '1 ranking exemptions' },
        ]),
      );
    renderManager({ onMerge });
    await click(screen.getByRole('button', { name: '合并 区科委' }));
    const dialog = screen.getByRole('dialog');
    await act(async () => {
      fireEvent.mouseDown(within(dialog).getByLabelText('并入单位'));
    });
    await click(await screen.findByTitle('城关街道'));
    await click(within(dialog).getByRole('button', { name: spaced('合并') }));
    await waitFor(() => expect(within(dialog).getByText('不能合并')).toBeTruthy());
    expect(within(dialog).getByText('考核免责 1 条')).toBeTruthy();
    expect(within(dialog).getByText(/合并到承接职责的单位/)).toBeTruthy();
  });
});

describe('NewUnitForm', () => {
  const AREAS = ['城关街道', '东湖街道', '西山街道', '北岭街道'];
  const OFFICES: VersionedUnit[] = [
    ...UNITS,
    { id: 5, name: '西山街道办事处', kind: 'street', area: '西山街道', version: 1 },
  ];
  const form = (units: VersionedUnit[], onCreate: (unit: unknown) => Promise<unknown>) => (
    <App>
      <NewUnitForm units={units} areas={AREAS} onCreate={onCreate} />
    </App>
  );
  const chooseKind = async (label: string) => {
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('类型'));
    });
    await click(await screen.findByTitle(label));
  };
  const submit = () => click(screen.getByRole('button', { name: spaced('新增单位') }));

  it('offers an area only to a street or town office, the governed ones shown with their unit and disabled', async () => {
    const onCreate = vi.fn().mockResolvedValue(undefined);
    render(form(OFFICES, onCreate));
    expect(screen.queryByLabelText('辖区（属地）')).toBeNull();

    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: ' 北岭街道办事处 ' } });
    await chooseKind('街道');
    expect(screen.getByText('该街道或镇的属地类诉求派给本单位；一个辖区只由一个单位负责。')).toBeTruthy();
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('辖区（属地）'));
    });
    const governed = await screen.findByTitle('西山街道（西山街道办事处负责）');
    expect(governed.className).toMatch(/option-disabled/);
    await click(governed);
    expect(onCreate).not.toHaveBeenCalled();
    await click(screen.getByTitle('北岭街道'));
    await submit();
    expect(onCreate).toHaveBeenCalledWith({ name: '北岭街道办事处', kind: 'street', area: '北岭街道' });
    expect(await screen.findByText('已创建')).toBeTruthy();
    expect((screen.getByLabelText('单位名称') as HTMLInputElement).value).toBe('');
  });

  it('sends no area for another kind of unit, even one chosen before the kind changed', async () => {
    const onCreate = vi.fn().mockResolvedValue(undefined);
    render(form(OFFICES, onCreate));
    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '城北工作站' } });
    await chooseKind('镇');
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('辖区（属地）'));
    });
    await click(await screen.findByTitle('城关街道'));
    await chooseKind('其他');
    expect(screen.queryByLabelText('辖区（属地）')).toBeNull();
    await submit();
    expect(onCreate).toHaveBeenCalledWith({ name: '城北工作站', kind: 'other' });
  });

  it('checks the name and the area as they are typed and chosen, and shows an area the server found taken', async () => {
    const onCreate = vi
      .fn()
      .mockRejectedValue(
        new ApiError(409, 'CONFLICT', '北岭街道工委 (unit 8) already governs 北岭街道', [
          { path: 'body.area', message: 'governed by unit 8' },
        ]),
      );
    const { rerender } = render(form(OFFICES, onCreate));
    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '区财政局' } });
    expect(screen.getByText('已有名为“区财政局”的单位')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('单位名称'), { target: { value: '北岭街道办事处' } });
    await chooseKind('街道');
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('辖区（属地）'));
    });
    await click(await screen.findByTitle('北岭街道'));

    // The list was read again meanwhile: another office governs the area now.
    const taken: VersionedUnit = {
      id: 8,
      name: '北岭街道工委',
      kind: 'street',
      area: '北岭街道',
      version: 1,
    };
    rerender(form([...OFFICES, taken], onCreate));
    expect(screen.getByText('北岭街道已由北岭街道工委负责')).toBeTruthy();
    await submit();
    expect(onCreate).not.toHaveBeenCalled();

    // The server still refuses what the list did not show yet.
    rerender(form(OFFICES, onCreate));
    await submit();
    expect(onCreate).toHaveBeenCalledWith({ name: '北岭街道办事处', kind: 'street', area: '北岭街道' });
    expect(await screen.findByText('该辖区已由其他单位负责')).toBeTruthy();
    expect(screen.getByText('未能新增单位')).toBeTruthy();
  });
});
