import { describe, expect, it } from 'vitest';
import { deriveBulletin, deriveDoneDates, monthRange, percent } from './bulletin.js';
import { bulletinInput } from './testing/bulletin-fixture.js';

describe('deriveBulletin', () => {
  const b = deriveBulletin(bulletinInput);

  it('counts each unit’s month as counted by hand', () => {
    // 区水务局: due in May 1, 2, 3; on time 1 (05-08 ≤ 05-10), 2 (on the day); 3 done 06-02 is
    // overdue at the month's end; 4 (due April) was done late in May.
    expect(b.rows.map((r) => [r.unitName, r.due, r.doneOnTime, r.doneLate, r.overdue, r.onTimeRate])).toEqual(
      [
        ['区水务局', 3, 2, 1, 1, 2 / 3],
        // 区应急管理局: 5, 6, 7 on time; 8 is due in June.
        ['区应急管理局', 3, 3, 0, 0, 1],
        // 区园林绿化局: due in May 11 (undone) and 12 (done 3 days late); 9, 10, 11 overdue.
        ['区园林绿化局', 2, 0, 1, 3, 0],
        // 区民政局 has nothing dated: left out.
      ],
    );
    expect(b.rows[0]!.refs).toEqual({
      due: [1, 2, 3],
      doneOnTime: [1, 2],
      doneLate: [4],
      overdue: [3],
      notices: [1],
    });
    expect(b.rows[2]!.refs.overdue).toEqual([9, 10, 11]);
  });

  it('counts 督办单 received in the month, answered by its end, and due in it unanswered', () => {
    // Notice 3 was issued in April; notice 4 (区应急管理局) was answered in June.
    expect(b.rows.map((r) => [r.noticesReceived, r.noticesAnswered, r.noticesUnanswered])).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [1, 0, 1],
    ]);
  });

  it('totals the rows and says so in the summary', () => {
    expect(b.totals).toEqual({
      due: 8,
      doneOnTime: 5,
      doneLate: 2,
      overdue: 4,
      onTimeRate: 5 / 8,
      noticesReceived: 3,
      noticesAnswered: 1,
      noticesUnanswered: 1,
    });
    expect(b.summary).toBe(
      '2024年5月，全区共有8项工作到期，按期完成5项，按期完成率62.5%；截至月底逾期未完成4项，当月逾期完成2项。' +
        '本月下发督办单3件，已答复1件。列入红榜单位1个，列入黑榜单位1个。',
    );
    expect(b.title).toBe('关于2024年5月份重点工作落实情况的通报');
  });

  it('puts units on the red and black lists by the office’s rules, with reasons', () => {
    expect(b.red).toEqual([
      {
        unitId: 2,
        unitName: '区应急管理局',
        reasons: ['本月到期3项，按期完成率100%', '无逾期事项', '接诉即办满意率92%'],
      },
    ]);
    // 区园林绿化局 has too little due (2 < 3) for the on-time rule, but breaks three others.
    expect(b.black).toEqual([
      {
        unitId: 3,
        unitName: '区园林绿化局',
        reasons: ['逾期未完成3项', '督办单逾期未答复1件', '接诉即办满意率55%，低于60%'],
      },
    ]);
    const strict = deriveBulletin({
      ...bulletinInput,
      rules: { ...bulletinInput.rules, black: { ...bulletinInput.rules.black, belowOnTimeRate: 0.7 } },
    });
    expect(strict.black.map((u) => u.unitName)).toEqual(['区水务局', '区园林绿化局']);
  });

  it('counts work by source and names the overdue items, oldest first', () => {
    expect(b.bySource).toEqual([
      { source: 'plan', label: '重点任务', due: 4, doneOnTime: 3, overdue: 2 },
      { source: 'instruction', label: '领导批示', due: 2, doneOnTime: 1, overdue: 1 },
      { source: 'decision', label: '会议议定事项', due: 1, doneOnTime: 0, overdue: 1 },
      { source: 'proposal', label: '政协委员提案', due: 1, doneOnTime: 1, overdue: 0 },
      { source: 'list', label: '清单事项', due: 0, doneOnTime: 0, overdue: 0 },
    ]);
    expect(b.overdueItems.map((o) => `${o.dueOn} ${o.unitName} ${o.title}`)).toEqual([
      '2024-03-31 区园林绿化局 新建口袋公园5处',
      '2024-04-15 区园林绿化局 完成城市绿道贯通',
      '2024-05-05 区园林绿化局 落实古树名木保护批示',
      '2024-05-31 区水务局 节水型社会建设实施方案',
    ]);
  });

  it('names every wrong setting', () => {
    try {
      deriveBulletin({
        ...bulletinInput,
        number: ' ',
        rules: { ...bulletinInput.rules, red: { ...bulletinInput.rules.red, minOnTimeRate: 95, minDue: -1 } },
        comments: [{ leader: '', text: '好' }],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'rules.red.minOnTimeRate',
        'rules.red.minDue',
        'number',
        'comments.0.leader',
      ]);
    }
    expect(() => monthRange('2024-13')).toThrow(/Not a month/);
    expect(percent(2 / 3)).toBe('66.7%');
  });

  it('dates a task done by its last move to done or closed, Beijing time; a reopened task is not done', () => {
    const changes = [
      { taskId: 1, at: '2024-05-07T17:00:00Z', state: 'done' },
      { taskId: 1, at: '2024-05-20T02:00:00Z', state: 'closed' },
      { taskId: 2, at: '2024-05-03T02:00:00Z', state: 'done' },
      { taskId: 2, at: '2024-05-04T02:00:00Z', state: 'in_progress' },
      { taskId: 3, at: '2024-05-05T02:00:00Z', state: 'in_progress' },
    ];
    expect(deriveDoneDates(changes)).toEqual(new Map([[1, '2024-05-08']]));
  });
});
