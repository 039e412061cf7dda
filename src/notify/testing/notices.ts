/** Test notices as the chase writes them: one item, and a digest of many. */
import type { Notice } from '../types.js';

export const BASE_URL = 'https://luoshi.example.gov.cn';

export const oneItem: Notice = {
  kind: 'chase.chaser',
  title: '【催办】关于加快推进老旧小区综合整治的批示已到期',
  intro: '以下事项已超过办理时限，请于今日内报送办理情况。',
  items: [
    {
      title: '关于加快推进老旧小区综合整治的批示',
      detail: '区住房城乡建设委牵头，已逾期1个工作日',
      dueOn: '2024-05-10',
      link: `${BASE_URL}/work/instruction/12`,
    },
  ],
  sender: '区政府督查室',
  severity: 'urgent',
};

/** A digest of `count` items. */
export function digest(count: number): Notice {
  return {
    kind: 'chase.reminder',
    title: `【提醒】${count}项工作将于3个工作日内到期`,
    intro: '以下事项即将到期，请抓紧办理并按时报送。',
    items: Array.from({ length: count }, (_, i) => ({
      title: `重点任务第${i + 1}项：推进城市更新与基础设施建设`,
      detail: '区发展改革委牵头',
      dueOn: '2024-05-15',
      link: `${BASE_URL}/tasks/${i + 1}`,
    })),
    link: `${BASE_URL}/my-work`,
    sender: '区政府督查室',
    severity: 'warning',
  };
}
