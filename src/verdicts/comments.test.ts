import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  answerComment,
  derivePublicComments,
  findPersonalData,
  maskPersonalData,
  moderateComment,
  submitComment,
} from './comments.js';
import type { Comment } from './comments.js';
import { otherReporter, supervisor, unitReporter } from './test-fixtures.js';

const subject = { type: 'task' as const, id: 7, planId: 1, leadUnitId: 11 };
const KEY = 'a'.repeat(64);
const T0 = '2022-06-01T08:00:00.000Z';

function later(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'none';
}

function submitted(id = 1, body = '希望加快小区加装电梯进度', at = T0): Comment {
  return submitComment({ id, subject, commenterKey: KEY, body }, at, []);
}

function published(id = 1): Comment {
  return moderateComment(submitted(id), { type: 'publish' }, supervisor, later(600)).comment;
}

describe('findPersonalData and maskPersonalData', () => {
  it('finds mobiles (with +86 and spaces), landlines, 身份证, e-mail and bank-card runs', () => {
    const text =
      '联系13800138000或+86 139 1234 5678，座机010-69741234，身份证11010519491231002X，邮箱li@example.cn，卡号6222021234567890123';
    expect(findPersonalData(text).map((h) => [h.kind, text.slice(h.start, h.end)])).toEqual([
      ['mobile', '13800138000'],
      ['mobile', '+86 139 1234 5678'],
      ['landline', '010-69741234'],
      ['id_card', '11010519491231002X'],
      ['email', 'li@example.cn'],
      ['long_number', '6222021234567890123'],
    ]);
  });

  it('leaves years, counts and money alone', () => {
    expect(findPersonalData('2022年完成改造12个小区，投资3.5亿元，惠及5600户')).toEqual([]);
  });

  it('masks every hit', () => {
    expect(maskPersonalData('电话13800138000，谢谢')).toBe('电话〔已隐去〕，谢谢');
  });
});

describe('submitComment', () => {
  it('waits for moderation, with personal data flagged', () => {
    const comment = submitted(1, '  我家在3号楼，电话13800138000，希望尽快加装电梯  ');
    expect(comment).toMatchObject({
      state: 'pending',
      body: '我家在3号楼，电话13800138000，希望尽快加装电梯',
    });
    expect(comment.flags.map((f) => f.kind)).toEqual(['mobile']);
  });

  it('refuses too short and too long, at body', () => {
    try {
      submitComment({ id: 1, subject, commenterKey: KEY, body: '好' }, T0, []);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { details: { path: string }[] }).details[0]!.path).toBe('body');
    }
    expect(
      codeOf(() => submitComment({ id: 1, subject, commenterKey: KEY, body: '长'.repeat(501) }, T0, [])),
    ).toBe('BAD_INPUT');
  });

  it('rate rules: a minute apart, five an hour, three a day on one commitment, and no repeats', () => {
    const first = submitted(1, '第一条留言内容');
    expect(
      codeOf(() =>
        submitComment({ id: 2, subject, commenterKey: KEY, body: '第二条留言内容' }, later(30), [first]),
      ),
    ).toBe('RATE_LIMITED');
    expect(
      codeOf(() =>
        submitComment({ id: 2, subject, commenterKey: KEY, body: '第一条留言内容' }, later(3600), [first]),
      ),
    ).toBe('CONFLICT');
    const three = [
      first,
      submitted(2, '第二条留言内容', later(120)),
      submitted(3, '第三条留言内容', later(240)),
    ];
    expect(
      codeOf(() =>
        submitComment({ id: 4, subject, commenterKey: KEY, body: '第四条留言内容' }, later(400), three),
      ),
    ).toBe('RATE_LIMITED');
    const elsewhere = { ...subject, id: 8 };
    expect(
      submitComment(
        { id: 4, subject: elsewhere, commenterKey: KEY, body: '另一事项的留言' },
        later(400),
        three,
      ).state,
    ).toBe('pending');
    const five = [
      ...three,
      ...[4, 5].map((i) => ({
        ...submitted(i, `别的事项留言${i}`, later(240 + i * 60)),
        subject: elsewhere,
      })),
    ];
    expect(
      codeOf(() =>
        submitComment(
          { id: 6, subject: { ...subject, id: 9 }, commenterKey: KEY, body: '第六条留言内容' },
          later(900),
          five,
        ),
      ),
    ).toBe('RATE_LIMITED');
    expect(
      submitComment(
        { id: 6, subject: { ...subject, id: 9 }, commenterKey: KEY, body: '第六条留言内容' },
        later(3700),
        five,
      ).state,
    ).toBe('pending');
  });
});

describe('moderateComment', () => {
  it('publishes or rejects a pending comment; hides and restores a published one', () => {
    const pending = submitted();
    const { comment: shown, event } = moderateComment(pending, { type: 'publish' }, supervisor, later(60));
    expect(shown.state).toBe('published');
    expect(event).toMatchObject({
      action: 'comment.publish',
      before: { state: 'pending' },
      after: { state: 'published' },
    });
    const hidden = moderateComment(shown, { type: 'hide', reason: 'abuse' }, supervisor, later(120)).comment;
    expect(hidden).toMatchObject({ state: 'hidden', moderation: { reason: 'abuse' } });
    expect(moderateComment(hidden, { type: 'restore' }, supervisor, later(180)).comment.state).toBe(
      'published',
    );
    expect(
      moderateComment(
        pending,
        { type: 'reject', reason: 'off_topic', note: '与本事项无关' },
        supervisor,
        later(60),
      ).comment.state,
    ).toBe('rejected');
  });

  it('a reason is required to reject; states forbid the wrong moves; only the plan office moderates', () => {
    expect(
      codeOf(() => moderateComment(submitted(), { type: 'reject', reason: 'rude' as never }, supervisor, T0)),
    ).toBe('BAD_INPUT');
    expect(
      codeOf(() => moderateComment(submitted(), { type: 'hide', reason: 'abuse' }, supervisor, T0)),
    ).toBe('CONFLICT');
    expect(codeOf(() => moderateComment(published(), { type: 'publish' }, supervisor, T0))).toBe('CONFLICT');
    expect(codeOf(() => moderateComment(submitted(), { type: 'publish' }, unitReporter, T0))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('answerComment', () => {
  it('the lead unit answers a published comment; a second answer replaces it with its edit time', () => {
    const first = answerComment(
      published(),
      '已列入今年第三批加装计划，预计9月开工',
      unitReporter,
      later(900),
    ).comment;
    expect(first.answer).toMatchObject({
      unitId: 11,
      text: '已列入今年第三批加装计划，预计9月开工',
      editedAt: null,
    });
    const second = answerComment(first, '已于9月5日开工', unitReporter, later(2000)).comment;
    expect(second.answer).toMatchObject({ text: '已于9月5日开工', at: later(900), editedAt: later(2000) });
  });

  it('refuses a co-unit, a pending comment and an empty answer', () => {
    expect(codeOf(() => answerComment(published(), '答复', otherReporter, T0))).toBe('FORBIDDEN');
    expect(codeOf(() => answerComment(submitted(), '答复', unitReporter, T0))).toBe('CONFLICT');
    expect(codeOf(() => answerComment(published(), '   ', unitReporter, T0))).toBe('BAD_INPUT');
  });
});

describe('derivePublicComments', () => {
  it('shows published comments only, newest first, personal data masked, no commenter; count and last answer', () => {
    const a = answerComment(published(1), '已列入计划', unitReporter, later(5000)).comment;
    const b = moderateComment(
      submitted(2, '电话13800138000，请回电', later(100)),
      { type: 'publish' },
      supervisor,
      later(700),
    ).comment;
    const c = submitted(3, '还没审核的留言', later(200));
    const d = moderateComment(
      moderateComment(
        submitted(4, '被隐藏的留言内容', later(300)),
        { type: 'publish' },
        supervisor,
        later(800),
      ).comment,
      { type: 'hide', reason: 'abuse' },
      supervisor,
      later(900),
    ).comment;
    const view = derivePublicComments([a, b, c, d]);
    expect(view.count).toBe(2);
    expect(view.comments.map((x) => x.id)).toEqual([2, 1]);
    expect(view.comments[0]!.body).toBe('电话〔已隐去〕，请回电');
    expect(view.lastAnswer).toEqual({ unitId: 11, text: '已列入计划', on: '2022-06-01' });
    const json = JSON.stringify(view);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain('13800138000');
    expect(json).not.toMatch(/commenterKey|moderation|"by"/);
  });
});
