import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { HistoryList } from './history-list';
import type { HistoryEntry } from '../api/tracking';

const entries: HistoryEntry[] = [
  {
    at: '2022-03-02T02:00:00.000Z',
    action: 'target.correct',
    actor: { role: 'supervisor' },
    reason: null,
    changes: [
      { path: 'comparator', kind: 'changed', before: '=', after: '>=' },
      { path: 'leadUnitId', kind: 'changed', before: 3, after: 4 },
      { path: 'someNewField', kind: 'added', after: 'x' },
    ],
  },
  { at: '2022-03-03T02:00:00.000Z', action: 'widget.frobnicate', actor: null, reason: '原因', changes: [] },
];

const UNITS = new Map([
  [3, '区发改委'],
  [4, '区科委'],
  [5, '区财政局'],
]);
const unitName = (id: number) => UNITS.get(id);

/** A change of every kind of value the server sends, in the order of the rows below. */
const values: HistoryEntry[] = [
  {
    at: '2022-04-01T02:00:00.000Z',
    action: 'task.update',
    actor: { role: 'admin' },
    reason: null,
    changes: [
      { path: 'coUnitIds', kind: 'changed', before: [3, 5], after: [5, 99] },
      { path: 'deadline', kind: 'changed', before: '2022-06-30', after: '2022-09-30' },
      { path: 'health', kind: 'changed', before: 'on_track', after: 'behind' },
      { path: 'leadUnitId', kind: 'changed', before: null, after: 3 },
      { path: 'progress', kind: 'changed', before: 40, after: 100 },
      { path: 'span', kind: 'changed', before: [10, 25], after: [10, 40] },
      { path: 'state', kind: 'changed', before: 'in_progress', after: 'done' },
      { path: 'weight', kind: 'changed', before: 1200, after: 1500.125 },
      { path: 'workdaysOnly', kind: 'changed', before: false, after: true },
      { path: 'odd', kind: 'changed', before: 'someday_maybe', after: { html: '<b>x</b>' } },
    ],
  },
  {
    at: '2022-04-02T02:00:00.000Z',
    action: 'notice.issue',
    actor: { role: 'supervisor' },
    reason: null,
    changes: [
      { path: 'issuedAt', kind: 'added', after: '2022-04-02T02:00:00.000Z' },
      { path: 'state', kind: 'added', after: 'issued' },
      { path: 'subject.type', kind: 'added', after: 'task' },
      { path: 'unitId', kind: 'added', after: 4 },
      { path: 'urgency', kind: 'added', after: 'red' },
    ],
  },
];

/** Each change line of the entry with `action`: [path, before, after] as the page shows them. */
function lines(action: string): [string, string | null, string | null][] {
  const entry = document.querySelector(`[data-action="${action}"]`)?.parentElement;
  return [...(entry?.querySelectorAll('li') ?? [])].map((li) => [
    li.querySelector('[data-path]')!.getAttribute('data-path')!,
    li.querySelector('del')?.textContent ?? null,
    li.querySelector('ins')?.textContent ?? null,
  ]);
}

afterEach(async () => {
  await act(async () => {
    await i18next.changeLanguage('zh-CN');
  });
});

describe('HistoryList', () => {
  it('says each action and field in the reader’s language, the code kept as a tooltip', async () => {
    const zh = render(<HistoryList entries={entries} lang="zh-CN" unitName={unitName} />);
    const action = screen.getByText('目标审核更正');
    expect(action.closest('[data-action]')?.getAttribute('data-action')).toBe('target.correct');
    const comparator = screen.getByText('比较');
    expect(comparator.getAttribute('data-path')).toBe('comparator');
    expect(comparator.closest('li')?.textContent).toBe('比较 修改：等于 (=) → 以上 (>=)');
    expect(screen.getByText('牵头单位').closest('li')?.textContent).toBe('牵头单位 修改：区发改委 → 区科委');
    // A field no list names reads "other details", never its code; an unknown action keeps its code.
    expect(screen.getByText('其他信息').closest('li')?.textContent).toBe('其他信息 新增：x');
    expect(screen.queryByText('someNewField')).toBeNull();
    expect(screen.getByText('widget.frobnicate')).toBeTruthy();
    zh.unmount();

    await act(async () => {
      await i18next.changeLanguage('en');
    });
    render(<HistoryList entries={entries} lang="en" unitName={unitName} />);
    expect(screen.getByText('Target corrected in review')).toBeTruthy();
    expect(screen.getByText('Lead unit')).toBeTruthy();
    expect(lines('target.correct').slice(0, 2)).toEqual([
      ['comparator', 'exactly (=)', 'at least (>=)'],
      ['leadUnitId', '区发改委', '区科委'],
    ]);
  });

  it('says units, states, health, dates, numbers and places in the text in Chinese', () => {
    render(<HistoryList entries={values} lang="zh-CN" unitName={unitName} />);
    expect(lines('task.update')).toEqual([
      // An id no unit has (deleted, merged) stays the id.
      ['coUnitIds', '区发改委、区财政局', '区财政局、99'],
      ['deadline', '2022年6月30日', '2022年9月30日'],
      ['health', '正常', '滞后'],
      // Filled from empty: 新增, not "— →".
      ['leadUnitId', null, '区发改委'],
      ['progress', '40%', '100%'],
      ['span', '第11–25字', '第11–40字'],
      ['state', '推进中', '已完成'],
      ['weight', '1,200', '1,500.125'],
      ['workdaysOnly', '否', '是'],
      // Values without words stay as sent, as text: an object is JSON, never markup.
      ['odd', 'someday_maybe', '{"html":"<b>x</b>"}'],
    ]);
    expect(
      document.querySelector('[data-action="task.update"]')?.parentElement?.querySelector('b'),
    ).toBeNull();
    // A notice's state is a notice's (待回复), not a task's; when it was issued and what about
    // is the line itself (its time, the page's item): not repeated as fields.
    expect(lines('notice.issue')).toEqual([
      ['state', null, '待回复'],
      ['unitId', null, '区科委'],
      ['urgency', null, '红色督办'],
    ]);
  });

  it('says the same values in English', async () => {
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    render(<HistoryList entries={values} lang="en" unitName={unitName} />);
    expect(lines('task.update')).toEqual([
      ['coUnitIds', '区发改委, 区财政局', '区财政局, 99'],
      ['deadline', 'Jun 30, 2022', 'Sep 30, 2022'],
      ['health', 'On track', 'Behind'],
      ['leadUnitId', null, '区发改委'],
      ['progress', '40%', '100%'],
      ['span', 'characters 11–25', 'characters 11–40'],
      ['state', 'In progress', 'Done'],
      ['weight', '1,200', '1,500.125'],
      ['workdaysOnly', 'No', 'Yes'],
      ['odd', 'someday_maybe', '{"html":"<b>x</b>"}'],
    ]);
    expect(lines('notice.issue')).toEqual([
      ['state', null, 'Awaiting answer'],
      ['unitId', null, '区科委'],
      ['urgency', null, 'Red'],
    ]);
  });

  it('shows unit ids as today when it has no unit names', () => {
    render(<HistoryList entries={entries} lang="zh-CN" />);
    expect(lines('target.correct')[1]).toEqual(['leadUnitId', '3', '4']);
  });

  it('reads a 督办单, a 延期 and a 销号 without ids, JSON, user numbers or codes (issue 14)', () => {
    const trail: HistoryEntry[] = [
      {
        at: '2022-12-07T01:26:00.000Z',
        action: 'notice.issue',
        actor: { role: 'supervisor', userId: 2 },
        reason: null,
        changes: [
          { path: 'content', kind: 'added', after: '该任务进度滞后，请于限期内报送整改措施。' },
          { path: 'dueOn', kind: 'added', after: '2023-01-20' },
          { path: 'id', kind: 'added', after: 1 },
          { path: 'issuedAt', kind: 'added', after: '2022-12-07T01:26:00.000Z' },
          { path: 'issuedBy', kind: 'added', after: 2 },
          { path: 'planId', kind: 'added', after: 1 },
          { path: 'subject', kind: 'added', after: { type: 'task', id: 6 } },
          { path: 'unitId', kind: 'added', after: 4 },
        ],
      },
      {
        at: '2022-12-08T01:26:00.000Z',
        action: 'notice.close',
        actor: { role: 'supervisor', userId: 2 },
        reason: '整改到位',
        changes: [
          { path: 'closedAt', kind: 'changed', before: null, after: '2022-12-08T01:26:00.000Z' },
          { path: 'closedBy', kind: 'changed', before: null, after: 2 },
          { path: 'closingNote', kind: 'changed', before: null, after: '整改到位' },
          { path: 'state', kind: 'changed', before: 'answered', after: 'closed' },
        ],
      },
      {
        at: '2022-12-09T01:26:00.000Z',
        action: 'closure.apply',
        actor: { role: 'reporter', userId: 4 },
        reason: null,
        changes: [{ path: 'evidence', kind: 'added', after: [{ fileId: 1, name: '验收报告.pdf' }] }],
      },
      {
        at: '2022-12-10T01:26:00.000Z',
        action: 'task.progress',
        actor: { role: 'supervisor', userId: 2 },
        reason: '2022年12月 report 7 approved',
        changes: [{ path: 'progress', kind: 'changed', before: 0, after: 100 }],
      },
    ];
    render(
      <HistoryList
        entries={trail}
        lang="zh-CN"
        unitName={unitName}
        userName={(id) => (id === 2 ? '王督查' : undefined)}
      />,
    );
    const text = screen.getByTestId('history').textContent ?? '';
    for (const code of ['closedBy', 'planId', 'subject', '{"', 'report 7', 'approved', 'issuedBy']) {
      expect(text).not.toContain(code);
    }
    expect(lines('notice.issue')).toEqual([
      ['content', null, '该任务进度滞后，请于限期内报送整改措施。'],
      ['dueOn', null, '2023年1月20日'],
      ['unitId', null, '区科委'],
    ]);
    // the button says 办结: so does the history
    expect(screen.getByText('督办单办结')).toBeTruthy();
    expect(lines('notice.close')).toEqual([
      ['closingNote', null, '整改到位'],
      ['state', '已回复', '已办结'],
    ]);
    expect(lines('closure.apply')).toEqual([['evidence', null, '验收报告.pdf']]);
    expect(text).toContain('2022年12月报送审核通过');
    // who acted, by name when known, else by role
    expect(text).toContain('王督查');
    expect(text).toContain('单位填报员');
  });
});
