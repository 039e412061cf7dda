import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { defaultProposalDueOn, registerProposal, transitionProposal } from './proposal.js';
import { proposalTask } from './task-spec.js';
import { known, NOW, parksReporter, safetyReporter, supervisor, waterReporter } from './testing.js';
import type { Proposal } from './types.js';

function assigned(): Proposal {
  const registered = registerProposal(
    5,
    {
      kind: 'proposal',
      number: '第0123号',
      session: '政协第九届委员会第三次会议',
      title: '关于加强河道生态治理的提案',
      authors: [
        { name: '陈静', group: '农工党界别' },
        { name: '刘洋', group: null },
      ],
    },
    supervisor,
    NOW,
  ).next;
  return transitionProposal(
    registered,
    { type: 'assign', leadUnitId: 11, coUnitIds: [13], dueOn: defaultProposalDueOn('2024-06-04') },
    supervisor,
    NOW,
    known,
  ).next;
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'none';
};

describe('建议提案', () => {
  it('is due three months after assignment, at the month’s end when the day does not exist', () => {
    expect(defaultProposalDueOn('2024-06-04')).toBe('2024-09-04');
    expect(defaultProposalDueOn('2024-11-30')).toBe('2025-02-28');
    expect(proposalTask(assigned()).text).toBe('政协委员提案第0123号：关于加强河道生态治理的提案');
  });

  it('the host answers with its letter only after every co-unit sent its opinion', () => {
    const p = assigned();
    const answer = {
      type: 'answer' as const,
      letterFileId: 77,
      category: 'B' as const,
      summary: '已列入2025年治理计划',
    };
    expect(code(() => transitionProposal(p, answer, waterReporter, NOW))).toBe('CONFLICT');
    expect(
      code(() =>
        transitionProposal(p, { type: 'co_opinion', unitId: 13, text: '同意' }, safetyReporter, NOW),
      ),
    ).toBe('FORBIDDEN');
    const withOpinion = transitionProposal(
      p,
      { type: 'co_opinion', unitId: 13, text: '园林绿化局同意主办单位意见' },
      parksReporter,
      NOW,
    ).next;
    expect(code(() => transitionProposal(withOpinion, answer, parksReporter, NOW))).toBe('FORBIDDEN');
    const answered = transitionProposal(withOpinion, answer, waterReporter, NOW).next;
    expect(answered).toMatchObject({ state: 'answered', answer: '已列入2025年治理计划', round: 1 });
    expect(answered.letters).toEqual([
      { fileId: 77, category: 'B', summary: '已列入2025年治理计划', round: 1, by: 5, at: NOW },
    ]);
  });

  it('不满意 reopens it for another round with the author’s reason and a new deadline; 满意 closes it', () => {
    let p = transitionProposal(
      assigned(),
      { type: 'co_opinion', unitId: 13, text: '同意' },
      parksReporter,
      NOW,
    ).next;
    p = transitionProposal(
      p,
      { type: 'answer', letterFileId: 77, category: 'C', summary: '留作参考' },
      waterReporter,
      NOW,
    ).next;
    try {
      transitionProposal(p, { type: 'rate', rating: '不满意' }, supervisor, NOW);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT') && error.details.map((d) => d.path)).toEqual([
        'comment',
        'dueOn',
      ]);
    }
    const reopened = transitionProposal(
      p,
      { type: 'rate', rating: '不满意', comment: '答复未回应具体河段', dueOn: '2024-07-31' },
      supervisor,
      NOW,
    );
    expect(reopened.next).toMatchObject({ state: 'assigned', round: 2, dueOn: '2024-07-31', answer: null });
    expect(reopened.next.ratings).toEqual([
      { rating: '不满意', comment: '答复未回应具体河段', round: 1, recordedBy: 2, at: NOW },
    ]);
    expect(reopened.event).toMatchObject({
      action: 'proposal.reopen_unsatisfied',
      reason: '答复未回应具体河段',
    });
    // The second round needs no new co-unit opinions.
    const again = transitionProposal(
      reopened.next,
      { type: 'answer', letterFileId: 78, category: 'A', summary: '已完成温榆河段治理' },
      waterReporter,
      NOW,
    ).next;
    expect(again.letters.map((l) => l.round)).toEqual([1, 2]);
    const closed = transitionProposal(again, { type: 'rate', rating: '满意' }, supervisor, NOW);
    expect(closed.next).toMatchObject({ state: 'closed', closingNote: '代表委员评价：满意', round: 2 });
    expect(closed.event.action).toBe('proposal.rate');
  });

  it('the office may close an answer the author did not rate, saying why', () => {
    let p = transitionProposal(
      assigned(),
      { type: 'co_opinion', unitId: 13, text: '同意' },
      parksReporter,
      NOW,
    ).next;
    p = transitionProposal(
      p,
      { type: 'answer', letterFileId: 77, category: 'A', summary: '已解决' },
      waterReporter,
      NOW,
    ).next;
    expect(code(() => transitionProposal(p, { type: 'close', note: '' }, supervisor, NOW))).toBe('BAD_INPUT');
    expect(
      transitionProposal(p, { type: 'close', note: '委员逾期未反馈意见' }, supervisor, NOW).next.state,
    ).toBe('closed');
  });
});
