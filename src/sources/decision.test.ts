import { describe, expect, it } from 'vitest';
import { registerDecision, registerMeeting, transitionDecision } from './decision.js';
import { importWorkList, matchUnit, resolveListRows } from './list.js';
import type { ListRowDraft } from './list.js';
import { decisionTask, listTask } from './task-spec.js';
import { known, NOW, supervisor, waterReporter } from './testing.js';

const units = [
  { id: 11, name: '区水务局', kind: 'department' as const },
  { id: 12, name: '区应急管理局', kind: 'department' as const },
  { id: 13, name: '区园林绿化局', kind: 'department' as const },
  { id: 14, name: '市园林绿化局', kind: 'department' as const },
];

describe('会议议定事项', () => {
  it('is registered under its meeting, assigned, answered and closed by the supervision office', () => {
    const meeting = registerMeeting(
      3,
      {
        name: '区政府第35次常务会议',
        kind: 'executive',
        heldOn: '2024-06-03',
        minutesNumber: '〔2024〕35号',
      },
      supervisor,
      NOW,
    ).next;
    const d = registerDecision(
      9,
      meeting,
      { itemNo: '三', topic: '节水型社会建设', decision: '原则同意实施方案，由区水务局牵头推进。' },
      supervisor,
      NOW,
    ).next;
    const assigned = transitionDecision(
      d,
      { type: 'assign', leadUnitId: 11, dueOn: '2024-09-30' },
      supervisor,
      NOW,
      known,
    ).next;
    expect(decisionTask(assigned, meeting).text).toBe(
      '区政府第35次常务会议议定事项三（节水型社会建设）：原则同意实施方案，由区水务局牵头推进。',
    );
    const answered = transitionDecision(
      assigned,
      { type: 'answer', text: '方案已印发' },
      waterReporter,
      NOW,
    ).next;
    expect(() => transitionDecision(answered, { type: 'close' }, waterReporter, NOW)).toThrow(
      /supervision office/,
    );
    expect(transitionDecision(answered, { type: 'close', note: '销号' }, supervisor, NOW).next.state).toBe(
      'closed',
    );
  });

  it('refuses a meeting in the future or of an unknown kind', () => {
    expect(() =>
      registerMeeting(1, { name: '会', kind: 'party' as never, heldOn: '2024-07-01' }, supervisor, NOW),
    ).toThrow(/incomplete/);
  });
});

describe('imported lists', () => {
  const row = (n: number, lead: string, co: string[], due: string | null): ListRowDraft => ({
    origin: `任务清单!${n}`,
    reference: String(n - 2),
    title: { text: `第${n - 2}项民生实事`, cell: `任务清单!B${n}` },
    leadUnit: { text: lead, cell: `任务清单!C${n}` },
    coUnits: co.map((text, i) => ({ text, cell: `任务清单!D${n}` + (i ? `(${i + 1})` : '') })),
    dueOn: due ? { date: due, cell: `任务清单!E${n}` } : null,
    requirement: null,
  });

  it('matches units by full name or a unique ending, and says which are ambiguous', () => {
    expect(matchUnit('水务局', units)).toEqual({ unit: units[0] });
    expect(matchUnit('区应急管理局（牵头）', units)).toEqual({ unit: units[1] });
    expect(matchUnit('园林绿化局', units)).toEqual({
      problem: '“园林绿化局”可能是区园林绿化局、市园林绿化局：请填写单位全称',
    });
  });

  it('resolves rows into items, assigned where unit and deadline are given, and names every bad cell', () => {
    const rows = [row(3, '水务局', ['区应急管理局'], '2024-12-31'), row(4, '区园林绿化局', [], null)];
    const resolved = resolveListRows(rows, units, NOW);
    expect(resolved[0]).toMatchObject({
      leadUnitId: 11,
      coUnitIds: [12],
      dueOn: '2024-12-31',
      title: '第1项民生实事',
    });
    const { items, event } = importWorkList(
      { id: 2, name: '2024年民生实事清单', fileName: '清单.xlsx' },
      resolved,
      100,
      supervisor,
      NOW,
    );
    expect(items.map((i) => [i.id, i.state])).toEqual([
      [100, 'assigned'],
      [101, 'registered'],
    ]);
    expect(listTask(items[0]!, '2024年民生实事清单').text).toBe('2024年民生实事清单1：第1项民生实事');
    expect(event.after).toMatchObject({ items: 2, assigned: 1 });
    try {
      resolveListRows(
        [row(3, '园林绿化局', ['水务局', '水利局'], '2024-01-01'), row(4, '水务局', ['区水务局'], null)],
        units,
        NOW,
      );
      expect.unreachable();
    } catch (error) {
      expect((error as { details: unknown[] }).details).toEqual([
        {
          path: '任务清单!C3',
          message: '“园林绿化局”可能是区园林绿化局、市园林绿化局：请填写单位全称',
        },
        { path: '任务清单!D3(2)', message: '“水利局”不在本辖区单位名单中，请填写单位全称' },
        { path: '任务清单!E3', message: '完成时限2024-01-01已过' },
        { path: '任务清单!D4', message: '区水务局已是牵头单位，不必再列为配合单位' },
      ]);
    }
  });
});
