import { describe, expect, it } from 'vitest';
import type { PlannedDigest } from './follow.js';
import {
  composeConfirmation,
  composeDigest,
  describeChange,
  formatChineseDate,
  infoKey,
} from './messages.js';
import type { SubjectInfo } from './messages.js';

const BASE = 'https://luoshi.example.gov.cn';

describe('describeChange', () => {
  it('says each kind of change as an office writes it', () => {
    expect(describeChange({ kind: 'verdict', before: 'on_track', after: 'behind' })).toBe(
      '进展评估由“按计划推进”调整为“滞后”',
    );
    expect(describeChange({ kind: 'state', before: 'in_progress', after: 'done' })).toBe(
      '办理状态由“推进中”调整为“已完成”',
    );
    expect(describeChange({ kind: 'deadline', before: '2022-06-30', after: '2022-09-30' })).toBe(
      '完成时限由2022年6月30日调整为2022年9月30日',
    );
    expect(describeChange({ kind: 'value', before: 9000, after: 8000 }, '人')).toBe(
      '目标值由9000人调整为8000人',
    );
    expect(describeChange({ kind: 'evidence', before: 1, after: 3 })).toBe('公开佐证材料新增2份');
    expect(describeChange({ kind: 'deadline', before: null, after: '2022-12-31' })).toBe(
      '完成时限为2022年12月31日',
    );
  });

  it('formats dates without leading zeros', () => {
    expect(formatChineseDate('2022-01-05')).toBe('2022年1月5日');
  });
});

describe('composeConfirmation', () => {
  it('names what was asked, carries the link, and tells who did not ask to ignore it', () => {
    const message = composeConfirmation({
      subject: { kind: 'task', id: 7, planId: 1 },
      subjectTitle: '完成老旧小区综合整治12个',
      confirmUrl: `${BASE}/follow/confirm?token=abc`,
      sender: '区政府督查室',
    });
    expect(message).toMatchObject({
      kind: 'follow.confirm',
      title: '【请确认】关注重点任务“完成老旧小区综合整治12个”',
    });
    expect(message.items[0]!.link).toBe(`${BASE}/follow/confirm?token=abc`);
    expect(message.intro).toContain('48小时内');
    expect(message.intro).toContain('如非本人操作，请忽略本邮件');
  });
});

describe('composeDigest', () => {
  const digest: PlannedDigest = {
    key: 'li@example.cn|2022-06-02',
    email: 'li@example.cn',
    period: {
      cadence: 'daily',
      key: '2022-06-02',
      start: '2022-06-01T16:00:00.000Z',
      end: '2022-06-02T16:00:00.000Z',
    },
    lines: [
      {
        subject: { type: 'task', id: 7 },
        planId: 1,
        changes: [
          { kind: 'verdict', before: 'on_track', after: 'behind', at: '2022-06-02T02:00:00.000Z' },
          { kind: 'deadline', before: '2022-06-30', after: '2022-09-30', at: '2022-06-02T03:00:00.000Z' },
        ],
      },
      {
        subject: { type: 'task', id: 99 },
        planId: 1,
        changes: [{ kind: 'state', before: null, after: 'done', at: '2022-06-02T03:00:00.000Z' }],
      },
    ],
    unsubscribeFollowId: 1,
    lastChangeId: 12,
  };
  const subjects = new Map<string, SubjectInfo>([
    [
      infoKey(1, { type: 'task', id: 7 }),
      { title: '完成老旧小区综合整治12个', dueOn: '2022-09-30', url: `${BASE}/public/1/tasks/7` },
    ],
  ]);

  it('one message: a line per public commitment with its changes, and the one-click link', () => {
    const message = composeDigest(digest, subjects, {
      sender: '区政府督查室',
      unsubscribeUrl: `${BASE}/follow/unsubscribe?token=t`,
    });
    expect(message).toMatchObject({
      kind: 'follow.digest',
      title: '【关注提醒】您关注的1项承诺事项有新进展（2022年6月2日）',
      unsubscribeUrl: `${BASE}/follow/unsubscribe?token=t`,
      sender: '区政府督查室',
    });
    expect(message!.items).toEqual([
      {
        title: '完成老旧小区综合整治12个',
        detail: '进展评估由“按计划推进”调整为“滞后”；完成时限由2022年6月30日调整为2022年9月30日',
        dueOn: '2022-09-30',
        link: `${BASE}/public/1/tasks/7`,
      },
    ]);
  });

  it('nothing when none of its commitments is public any more', () => {
    expect(composeDigest(digest, new Map(), { sender: '区政府督查室', unsubscribeUrl: 'x' })).toBeUndefined();
  });
});
