import { describe, expect, it } from 'vitest';
import { taskTitle } from './task-title';

describe('taskTitle', () => {
  it("names a task by its sentence's first clause", () => {
    expect(
      taskTitle('加快回天地区、沙河高教园等区域慢行系统建设,统筹抓好公交线路优化、静态交通管理等工作。'),
    ).toBe('加快回天地区、沙河高教园等区域慢行系统建设');
    expect(taskTitle('深化医药卫生体制改革；探索搭建健康联合体。')).toBe('深化医药卫生体制改革');
  });

  it('joins the next clause to a leading phrase that names no work', () => {
    expect(taskTitle('以回天地区等区域为重点,织补一批社区公园、口袋公园,让市民乐享绿色生活。')).toBe(
      '以回天地区等区域为重点,织补一批社区公园、口袋公园',
    );
  });

  it('cuts a long clause with an ellipsis', () => {
    const long = '持续推进'.repeat(20);
    const title = taskTitle(long);
    expect(title).toHaveLength(40);
    expect(title.endsWith('…')).toBe(true);
  });

  it('keeps a sentence that opens with a comma whole rather than naming nothing', () => {
    expect(taskTitle('，启动公共卫生服务大厦建设')).toBe('，启动公共卫生服务大厦建设');
  });
});
