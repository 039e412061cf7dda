import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../requests/calendar.js';
import { composeChaseMessages } from './compose.js';
import type { ComposeContext } from './compose.js';
import { DEFAULT_CHASE_SETTINGS } from './policy.js';
import { deriveChaseEvents } from './schedule.js';
import type { Audience, ChaseItem, Recipient } from './types.js';

const units: Record<number, string> = { 11: '区水务局', 12: '区应急管理局' };
const people: Record<string, Recipient[]> = {
  '11|unit': [
    { key: 'user:5', name: '王芳', destinations: [{ channel: 'email', to: 'wangfang@sw.example.gov.cn' }] },
    {
      key: 'unit-robot:11',
      name: '区水务局工作群',
      destinations: [{ channel: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=x' }],
    },
  ],
  '11|leader': [{ key: 'user:9', name: '李局长', destinations: [{ channel: 'sms', phone: '13800000009' }] }],
  '12|unit': [
    {
      key: 'user:6',
      name: '赵强',
      destinations: [{ channel: 'email', to: 'zq@yj.example.gov.cn' }],
      prefs: { digest: false, quietHours: null },
    },
  ],
  '12|leader': [],
};

const item = (
  key: string,
  unitId: number,
  title: string,
  dueOn = '2024-09-30',
  source: ChaseItem['source'] = 'instruction',
): ChaseItem => ({
  key,
  source,
  title,
  unitId,
  dueOn,
  path: `/work/${key.replace(':', '/')}`,
});

function context(today: string, now: string, extra: Partial<ComposeContext> = {}): ComposeContext {
  return {
    settings: DEFAULT_CHASE_SETTINGS,
    recipients: (unitId: number, audience: Audience) => people[`${unitId}|${audience}`] ?? [],
    unitName: (id) => units[id]!,
    baseUrl: 'https://luoshi.example.gov.cn',
    listPath: '/my-work',
    sender: '区政府督查室',
    today,
    now,
    calendar: DEFAULT_CALENDAR,
    ...extra,
  };
}

const items = [
  item('instruction:7', 11, '关于做好汛期安全工作的批示'),
  item('instruction:8', 11, '关于河道清淤的批示'),
  item('decision:3', 11, '第12次常务会议：推进节水型社会建设', '2024-09-30', 'decision'),
  item('instruction:9', 12, '关于加强应急演练的批示'),
];

describe('composeChaseMessages', () => {
  it('sends each person one digest per kind, with every item linked, at 09:00 Beijing', () => {
    const events = deriveChaseEvents(
      items,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-26', to: '2024-09-26' },
      DEFAULT_CALENDAR,
    );
    const messages = composeChaseMessages(events, context('2024-09-26', '2024-09-25T23:00:00.000Z'));
    const wang = messages.filter((m) => m.recipient.key === 'user:5');
    expect(wang).toHaveLength(1);
    expect(wang[0]!.notice.title).toBe('【到期提醒】3项工作即将到期');
    expect(wang[0]!.notice.link).toBe('https://luoshi.example.gov.cn/my-work');
    // Same deadline: by title in pinyin order (第 di, 关于河道 he, 关于做好 zuo).
    expect(wang[0]!.notice.items.map((i) => i.link)).toEqual([
      'https://luoshi.example.gov.cn/work/decision/3',
      'https://luoshi.example.gov.cn/work/instruction/8',
      'https://luoshi.example.gov.cn/work/instruction/7',
    ]);
    expect(wang[0]!.notice.items[0]!.detail).toBe('会议议定事项，区水务局，还有3个工作日到期');
    expect(wang[0]!.notBefore).toBe('2024-09-26T01:00:00.000Z');
    expect(messages.find((m) => m.recipient.key === 'unit-robot:11')!.eventKeys).toHaveLength(3);
  });

  it('someone who wants one message per item gets one, titled with the item', () => {
    const events = deriveChaseEvents(
      items,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-10-08', to: '2024-10-08' },
      DEFAULT_CALENDAR,
    );
    const zhao = composeChaseMessages(events, context('2024-10-08', '2024-10-08T00:00:00.000Z')).filter(
      (m) => m.recipient.key === 'user:6',
    );
    expect(zhao).toHaveLength(1);
    expect(zhao[0]!.notice).toMatchObject({
      kind: 'chase.chaser',
      title: '【催办】“关于加强应急演练的批示”已逾期1个工作日',
      intro: '该项工作已超过办理时限尚未办结，请于10月9日前报送办理情况；确需延期的，请提出延期申请。',
      severity: 'warning',
    });
    expect(zhao[0]!.notice.link).toBeUndefined();
  });

  it('escalates to the unit’s leader, and leaves out what an earlier run queued', () => {
    const events = deriveChaseEvents(
      items,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-10-10', to: '2024-10-10' },
      DEFAULT_CALENDAR,
    );
    const first = composeChaseMessages(events, context('2024-10-10', '2024-10-10T01:00:00.000Z'));
    const leader = first.find((m) => m.recipient.key === 'user:9')!;
    expect(leader.notice.title).toBe('【督办提示】区水务局有2项工作逾期未办结');
    expect(leader.notice.severity).toBe('urgent');
    expect(leader.eventKeys).toEqual([
      'instruction:8|escalation|3|2024-09-30',
      'instruction:7|escalation|3|2024-09-30',
    ]);
    const queued = new Set(first.flatMap((m) => m.eventKeys));
    expect(
      composeChaseMessages(
        events,
        context('2024-10-10', '2024-10-10T05:00:00.000Z', { alreadySent: (k) => queued.has(k) }),
      ),
    ).toEqual([]);
  });

  it('a run in quiet hours holds its messages until they end; a person without quiet hours gets them now', () => {
    const events = deriveChaseEvents(
      items,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-10-08', to: '2024-10-08' },
      DEFAULT_CALENDAR,
    );
    // 21:30 Beijing on 10-08: past the send hour, inside the default quiet hours 20:00–08:00.
    const messages = composeChaseMessages(events, context('2024-10-08', '2024-10-08T13:30:00.000Z'));
    expect(messages.find((m) => m.recipient.key === 'user:5')!.notBefore).toBe('2024-10-09T00:00:00.000Z');
    expect(messages.find((m) => m.recipient.key === 'user:6')!.notBefore).toBe('2024-10-08T13:30:00.000Z');
  });

  it('keeps 10,000 items of 150 units to one digest per recipient', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      item(`list:${i}`, i % 2 ? 11 : 12, `清单事项${i}`, '2024-09-30', 'list'),
    );
    const events = deriveChaseEvents(
      many,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-26', to: '2024-09-26' },
      DEFAULT_CALENDAR,
    );
    const messages = composeChaseMessages(events, context('2024-09-26', '2024-09-26T00:00:00.000Z'));
    const byRecipient = new Map(messages.map((m) => [m.recipient.key, m.eventKeys.length]));
    expect(byRecipient.get('user:5')).toBe(5000);
    expect(byRecipient.get('unit-robot:11')).toBe(5000);
    // 赵强 asked for one message per item.
    expect(messages.filter((m) => m.recipient.key === 'user:6')).toHaveLength(5000);
    expect(new Set(messages.map((m) => m.dedupeKey)).size).toBe(messages.length);
  });
});
