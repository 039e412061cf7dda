import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { registerInstruction, transitionInstruction } from './instruction.js';
import { instructionTask } from './task-spec.js';
import { known, leaderOffice, NOW, safetyReporter, supervisor, waterReporter } from './testing.js';
import type { Instruction } from './types.js';

const input = {
  docNumber: '京昌政办呈〔2024〕12号',
  title: '关于汛期安全工作的报告',
  leader: '张明区长',
  instructedOn: '2024-06-03',
  class: 'document' as const,
  text: '请区水务局牵头，区应急局配合，抓紧排查隐患，6月底前报结果。',
};

function details(fn: () => unknown): { code: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, paths: error.details.map((d) => d.path) };
    throw error;
  }
  throw new Error('did not throw');
}

describe('领导批示件', () => {
  it('goes from registration through assignment and answer to closing by the leader’s office, each step audited', () => {
    const registered = registerInstruction(1, input, supervisor, NOW);
    expect(registered.next).toMatchObject({
      state: 'registered',
      leader: '张明区长',
      class: 'document',
      taskId: null,
    });
    expect(registered.event).toMatchObject({
      action: 'instruction.register',
      entity: { type: 'instruction', id: 1 },
      before: null,
    });
    const assigned = transitionInstruction(
      registered.next,
      {
        type: 'assign',
        leadUnitId: 11,
        coUnitIds: [12],
        dueOn: '2024-06-28',
        requirement: '6月底前报送排查结果',
      },
      supervisor,
      NOW,
      known,
    );
    expect(assigned.next).toMatchObject({
      state: 'assigned',
      leadUnitId: 11,
      coUnitIds: [12],
      dueOn: '2024-06-28',
    });
    expect(instructionTask(assigned.next)).toEqual({
      source: 'instruction',
      sourceId: 1,
      text: '张明区长批示：关于汛期安全工作的报告（京昌政办呈〔2024〕12号）',
      leadUnitId: 11,
      coUnitIds: [12],
      deadline: '2024-06-28',
    });
    expect(
      details(() =>
        transitionInstruction(assigned.next, { type: 'answer', text: '已完成' }, safetyReporter, NOW),
      ).code,
    ).toBe('FORBIDDEN');
    const answered = transitionInstruction(
      assigned.next,
      { type: 'answer', text: '已排查隐患点32处，整改完毕。' },
      waterReporter,
      NOW,
    );
    expect(answered.next).toMatchObject({ state: 'answered', answeredBy: 5 });
    const closed = transitionInstruction(
      answered.next,
      { type: 'close', note: '领导已阅' },
      leaderOffice,
      NOW,
    );
    expect(closed.next).toMatchObject({
      state: 'closed',
      closedBy: 8,
      closingNote: '领导已阅',
      confirmedBy: null,
    });
    expect(closed.event.action).toBe('instruction.close');
  });

  it('the supervision office closes only on the leader’s office’s word, and never before an answer', () => {
    const assigned = transitionInstruction(
      registerInstruction(1, input, supervisor, NOW).next,
      { type: 'assign', leadUnitId: 11, dueOn: '2024-06-28' },
      supervisor,
      NOW,
    );
    expect(
      details(() => transitionInstruction(assigned.next, { type: 'close' }, leaderOffice, NOW)).code,
    ).toBe('CONFLICT');
    const answered = transitionInstruction(
      assigned.next,
      { type: 'answer', text: '已办结' },
      waterReporter,
      NOW,
    ).next;
    expect(details(() => transitionInstruction(answered, { type: 'close' }, supervisor, NOW))).toEqual({
      code: 'BAD_INPUT',
      paths: ['confirmedBy'],
    });
    expect(details(() => transitionInstruction(answered, { type: 'close' }, waterReporter, NOW)).code).toBe(
      'FORBIDDEN',
    );
    const closed = transitionInstruction(
      answered,
      { type: 'close', confirmedBy: '区长办公室 王秘书' },
      supervisor,
      NOW,
    ).next;
    expect(closed).toMatchObject({ state: 'closed', confirmedBy: '区长办公室 王秘书' });
    const reopened = transitionInstruction(
      closed,
      { type: 'reopen', reason: '领导要求进一步落实', dueOn: '2024-07-15' },
      supervisor,
      NOW,
    );
    expect(reopened.next).toMatchObject({
      state: 'assigned',
      dueOn: '2024-07-15',
      answer: null,
      closedAt: null,
    });
    expect(reopened.event.reason).toBe('领导要求进一步落实');
  });

  it('a 阅件 may be read and filed without assignment; a 文件 may not', () => {
    const reading = registerInstruction(
      2,
      { ...input, class: 'reading', text: null, scanFileId: 40 },
      supervisor,
      NOW,
    ).next;
    expect(
      transitionInstruction(reading, { type: 'file', note: '已阅' }, supervisor, NOW).next,
    ).toMatchObject({ state: 'filed', closingNote: '已阅' });
    const document = registerInstruction(3, input, supervisor, NOW).next;
    expect(details(() => transitionInstruction(document, { type: 'file' }, supervisor, NOW)).code).toBe(
      'CONFLICT',
    );
  });

  it('names every missing or wrong field at registration', () => {
    const bad = {
      docNumber: ' ',
      title: '',
      leader: '张明区长',
      instructedOn: '2024-06-09',
      class: 'memo' as never,
      text: '',
    };
    expect(details(() => registerInstruction(1, bad, supervisor, NOW))).toEqual({
      code: 'BAD_INPUT',
      paths: ['docNumber', 'title', 'instructedOn', 'class', 'text'],
    });
    expect(details(() => registerInstruction(1, input, waterReporter, NOW)).code).toBe('FORBIDDEN');
  });

  it('assignment checks units and the deadline, and happens once', () => {
    const registered: Instruction = registerInstruction(1, input, supervisor, NOW).next;
    expect(
      details(() =>
        transitionInstruction(
          registered,
          { type: 'assign', leadUnitId: 99, coUnitIds: [11, 99], dueOn: '2024-06-01' },
          supervisor,
          NOW,
          known,
        ),
      ),
    ).toEqual({ code: 'BAD_INPUT', paths: ['leadUnitId', 'coUnitIds.1', 'coUnitIds.1', 'dueOn'] });
    const assigned = transitionInstruction(
      registered,
      { type: 'assign', leadUnitId: 11, dueOn: '2024-06-28' },
      supervisor,
      NOW,
      known,
    ).next;
    expect(
      details(() =>
        transitionInstruction(
          assigned,
          { type: 'assign', leadUnitId: 12, dueOn: '2024-06-28' },
          supervisor,
          NOW,
          known,
        ),
      ).code,
    ).toBe('CONFLICT');
  });
});
