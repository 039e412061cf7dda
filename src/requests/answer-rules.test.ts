import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  DEFAULT_REPLY_RULES,
  assertReplyPasses,
  checkReply,
  getReplyRuleSet,
  listReplyRuleProblems,
  textSimilarity,
} from './answer-rules.js';
import type { CheckedOrder, ReplyRuleSet } from './answer-rules.js';

const flooded: CheckedOrder = {
  category: '积水',
  location: { address: '回龙观西大街与龙锦三街路口', area: '回龙观街道', community: '龙腾苑社区' },
  followUps: [],
  contactedAt: null,
  reopenCount: 0,
};
const heating: CheckedOrder = {
  ...flooded,
  category: '供暖',
  location: { address: '龙锦苑东五区3号楼', area: '回龙观街道' },
};
const noise: CheckedOrder = { ...flooded, category: '教育' };

const GOOD_FLOOD =
  '接诉后我街道城管队员于7月2日到回龙观西大街路口现场查看，已疏通雨水篦子3处，积水已排净，已电话告知市民办理结果。';

const codes = (reply: string, order: CheckedOrder, rules?: ReplyRuleSet, previous?: string) =>
  checkReply(reply, order, rules, previous).map((f) => f.code);

describe('checkReply', () => {
  it.each([
    ['a reply with the action, the date and the place', GOOD_FLOOD, flooded, []],
    ['too short', '已处理完毕。', noise, ['too_short']],
    [
      'only passed on',
      '已转相关部门处理，请耐心等待后续结果通知，谢谢您的理解与支持。',
      noise,
      ['stock_phrase'],
    ],
    [
      'a stock phrase with an action done',
      '已转相关部门，城管队员到场后已清理堆物，并责令商户不得再占道，已告知市民。',
      noise,
      [],
    ],
    [
      'no date where the category needs one',
      '经联系供热公司，已对该楼栋供暖管线排气，室温已恢复到18摄氏度以上，市民表示认可。',
      heating,
      ['missing_date'],
    ],
    [
      'a time limit counts as a date',
      '已联系供热公司对该楼栋管线排气，承诺3个工作日内入户检测室温，达不到18度的予以退费。',
      heating,
      [],
    ],
    [
      'the community named is the place',
      '接诉后城管队员于7月2日到龙腾苑社区，已疏通雨水篦子3处，积水已排净，已电话告知市民办理结果。',
      flooded,
      [],
    ],
    [
      'no place where the category needs one',
      '接诉后城管队员于7月2日处置，已疏通雨水篦子3处，积水已排净，已电话告知市民办理结果。',
      flooded,
      ['missing_place'],
    ],
  ])('%s', (_name, reply, order, expected) => {
    expect(codes(reply, order)).toEqual(expected);
  });

  it('quotes the stock phrases found, in words a unit understands', () => {
    const [finding] = checkReply(
      '您反映的问题已转交相关部门，我们会尽快处理并进一步加强管理，感谢监督。',
      noise,
    );
    expect(finding).toEqual({
      code: 'stock_phrase',
      severity: 'refuse',
      message: '答复只有「已转交相关部门」等套话，没有说明采取了什么措施、结果如何',
      evidence: '已转交相关部门、会尽快处理、加强管理、进一步加强',
    });
  });

  it('reads full-width digits as digits', () => {
    expect(
      codes('已联系供热公司对该楼栋管线排气，承诺３个工作日内入户检测室温并告知市民。', heating),
    ).toEqual([]);
  });

  it('refuses a reply claiming the problem solved after the citizen said it was not, without a new action', () => {
    const reopened: CheckedOrder = {
      ...flooded,
      reopenCount: 1,
      followUps: [
        {
          at: '2024-07-05T02:00:00Z',
          reached: true,
          contacted: true,
          resolved: false,
          satisfaction: '不满意',
        },
      ],
    };
    const previous = '城管队员于7月2日到回龙观西大街路口现场，已疏通雨水篦子，问题已解决。';
    const again = '城管队员于7月6日再次到回龙观西大街路口现场查看，问题已解决，积水已排净，已告知市民。';
    const [finding] = checkReply(again, reopened, DEFAULT_REPLY_RULES, previous);
    expect(finding?.code).toBe('contradicts_follow_up');
    expect(finding?.message).toBe(
      '回访时市民表示问题未解决，答复仍称「问题已解决」，但没有说明回访后采取的新措施',
    );
    const fixed = '7月6日排水公司到回龙观西大街路口现场，已更换破损雨水管2米，问题已解决，已告知市民。';
    expect(codes(fixed, reopened, DEFAULT_REPLY_RULES, previous)).toEqual([]);
  });

  it('refuses a claim of contact the citizen denied, unless the unit registered contact after the call', () => {
    const denied: CheckedOrder = {
      ...noise,
      followUps: [
        {
          at: '2024-07-05T02:00:00Z',
          reached: true,
          contacted: false,
          resolved: true,
          satisfaction: '基本满意',
        },
      ],
    };
    const reply = '已与市民电话联系，说明了学位安排情况，7月10日前将书面通知送达家长，市民表示理解。';
    expect(codes(reply, denied)).toEqual(['contradicts_follow_up']);
    expect(codes(reply, { ...denied, contactedAt: '2024-07-06T02:00:00Z' })).toEqual([]);
    // A follow-up that did not reach the citizen says nothing.
    expect(codes(reply, { ...denied, followUps: [{ ...denied.followUps[0]!, reached: false }] })).toEqual([]);
  });

  it('refuses the same words as the last reply', () => {
    const previous = `${GOOD_FLOOD}`;
    const [finding] = checkReply(`${GOOD_FLOOD.slice(0, -1)}！`, flooded, DEFAULT_REPLY_RULES, previous);
    expect(finding?.code).toBe('repeats_reply');
    expect(finding?.message).toBe('答复与上次答复基本相同（相似度100%），请说明新的办理情况');
  });

  it('warns instead of refusing, or skips a rule, as the rule set says', () => {
    const rules = { ...DEFAULT_REPLY_RULES, severity: { too_short: 'warn', stock_phrase: 'off' } } as const;
    expect(checkReply('已转相关部门。', noise, rules)).toEqual([
      { code: 'too_short', severity: 'warn', message: '答复仅6字，少于20字，请写明办理过程和结果' },
    ]);
  });
});

describe('assertReplyPasses', () => {
  it('refuses with every reason as rules.<code> and lets warnings through', () => {
    let error: unknown;
    try {
      assertReplyPasses(checkReply('已转相关部门。', flooded));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNPROCESSABLE');
    expect((error as AppError).details.map((d) => d.path)).toEqual([
      'rules.too_short',
      'rules.stock_phrase',
      'rules.missing_date',
      'rules.missing_place',
    ]);
    const warned = checkReply('已转相关部门。', noise, {
      ...DEFAULT_REPLY_RULES,
      severity: { too_short: 'warn', stock_phrase: 'warn' },
    });
    expect(assertReplyPasses(warned).map((f) => f.code)).toEqual(['too_short', 'stock_phrase']);
  });
});

describe('rule sets', () => {
  it('lists every problem of a rule set', () => {
    const problems = listReplyRuleProblems({
      ...DEFAULT_REPLY_RULES,
      effectiveFrom: '2025/01/01',
      minLength: -1,
      repeatSimilarity: 0,
      stockPhrases: ['  '],
      severity: { too_long: 'refuse', too_short: 'maybe' } as unknown as ReplyRuleSet['severity'],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'effectiveFrom',
      'minLength',
      'repeatSimilarity',
      'stockPhrases.0',
      'severity.too_long',
      'severity.too_short',
    ]);
    expect(listReplyRuleProblems(DEFAULT_REPLY_RULES)).toEqual([]);
  });

  it('takes the set in force on the day, the defaults before the first', () => {
    const v2 = { ...DEFAULT_REPLY_RULES, version: 2, effectiveFrom: '2025-04-01', minLength: 30 };
    expect(getReplyRuleSet([v2], '2025-03-31')).toBe(DEFAULT_REPLY_RULES);
    expect(getReplyRuleSet([v2], '2025-04-01').minLength).toBe(30);
  });

  it('measures similarity on character pairs', () => {
    expect(textSimilarity('已清理积水', '已清理积水。')).toBe(1);
    expect(textSimilarity('已清理积水', '已更换路灯')).toBe(0);
  });
});
