import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Bulletin, IssuedBulletinSummary } from '../../api/work';
import { IssuedBulletins } from '../bulletins-page';
import { BulletinDraftForm, paragraphs } from './bulletin-draft-form';
import { BulletinPreview } from './bulletin-preview';

const counts = { doneLate: 0, noticesUnanswered: 0 };
const BULLETIN: Bulletin = {
  office: '区人民政府督查室',
  header: '督查通报',
  number: '督通〔2024〕6号',
  month: '2024-06',
  issuedOn: '2024-07-03',
  title: '关于2024年6月份重点工作落实情况的通报',
  addressees: '各镇人民政府、街道办事处，区政府各委、办、局',
  totals: {
    due: 7,
    doneOnTime: 5,
    overdue: 2,
    onTimeRate: 5 / 7,
    noticesReceived: 1,
    noticesAnswered: 0,
    ...counts,
  },
  bySource: [],
  rows: [
    {
      unitId: 1,
      unitName: '区水务局',
      due: 4,
      doneOnTime: 4,
      overdue: 0,
      onTimeRate: 1,
      noticesReceived: 0,
      noticesAnswered: 0,
      requests: null,
      refs: { due: [], doneOnTime: [], doneLate: [], overdue: [], notices: [] },
      ...counts,
    },
    {
      unitId: 2,
      unitName: '区财政局',
      due: 3,
      doneOnTime: 1,
      overdue: 2,
      onTimeRate: 1 / 3,
      noticesReceived: 1,
      noticesAnswered: 0,
      requests: null,
      refs: { due: [], doneOnTime: [], doneLate: [], overdue: [], notices: [] },
      ...counts,
    },
  ],
  red: [{ unitId: 1, unitName: '区水务局', reasons: ['按期完成率100%', '无逾期事项'] }],
  black: [{ unitId: 2, unitName: '区财政局', reasons: ['逾期未完成2项'] }],
  overdueItems: [],
  comments: [{ leader: '张明区长', text: '逾期事项要逐项对账销号。' }],
  requirements: ['各单位要对照通报问题认真整改。'],
  summary: '6月份全区到期重点工作7项，按期完成5项。',
};

describe('BulletinPreview', () => {
  it('shows each unit’s figures, the on-time rate as a percentage, and the red and black lists with reasons', () => {
    render(<BulletinPreview bulletin={BULLETIN} />);
    const row = screen.getByText('区财政局', { selector: 'td' }).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['区财政局', '3', '1', '0', '2', '1', '0', '33.3%', '—']);
    expect(screen.getByText('红榜')).toBeTruthy();
    expect(screen.getByText(/按期完成率100%；无逾期事项/)).toBeTruthy();
    expect(screen.getByText(/逾期未完成2项/)).toBeTruthy();
    expect(screen.getByText('张明区长：逾期事项要逐项对账销号。')).toBeTruthy();
  });

  it('keeps its table at a readable width on a phone, scrolling sideways', () => {
    render(<BulletinPreview bulletin={BULLETIN} />);
    const table = screen.getByText('区财政局', { selector: 'td' }).closest('table')!;
    expect(table.style.width).toBe('720px');
  });
});

describe('BulletinDraftForm', () => {
  it('saves the 文号, a leader’s comment and the next steps one paragraph a line', async () => {
    const onSave = vi.fn();
    render(
      <BulletinDraftForm
        draft={{ number: '', title: null, comments: [], requirements: [] }}
        onSave={onSave}
      />,
    );
    const save = screen.getByRole('button', { name: '保存草稿' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('文号'), { target: { value: '督通〔2024〕6号' } });
    fireEvent.click(screen.getByRole('button', { name: '添加领导批示' }));
    fireEvent.change(screen.getByLabelText('领导 1'), { target: { value: '张明区长' } });
    fireEvent.change(screen.getByLabelText('批示内容 1'), { target: { value: '要逐项销号。' } });
    fireEvent.change(screen.getByLabelText('下步工作要求'), {
      target: { value: '一要整改。\n\n二要问责。' },
    });
    await act(async () => {
      fireEvent.click(save);
    });
    expect(onSave).toHaveBeenCalledWith({
      number: '督通〔2024〕6号',
      title: null,
      comments: [{ leader: '张明区长', text: '要逐项销号。' }],
      requirements: ['一要整改。', '二要问责。'],
    });
  });

  it('splits paragraphs, dropping blank lines', () => {
    expect(paragraphs(' a \n\n b\n')).toEqual(['a', 'b']);
  });
});

describe('IssuedBulletins', () => {
  it('lists each issue with its revision, Word and Excel downloads and a PDF to print', () => {
    const items: IssuedBulletinSummary[] = [
      {
        id: 9,
        month: '2024-06',
        revision: 2,
        number: '督通〔2024〕6号',
        title: '关于2024年6月份重点工作落实情况的通报',
        issuedBy: 1,
        issuedAt: '2024-07-03T02:00:00.000Z',
        unitIds: [1, 2],
      },
    ];
    render(<IssuedBulletins items={items} />);
    expect(screen.getByText('督通〔2024〕6号 关于2024年6月份重点工作落实情况的通报（第2版）')).toBeTruthy();
    expect(screen.getByRole('link', { name: '下载 Word' }).getAttribute('href')).toBe(
      '/api/v1/bulletins/9/file.docx',
    );
    expect(screen.getByRole('link', { name: '下载 Excel' }).getAttribute('href')).toBe(
      '/api/v1/bulletins/9/file.xlsx',
    );
    expect(screen.getByRole('button', { name: /打印 PDF/ })).toBeTruthy();
  });
});
