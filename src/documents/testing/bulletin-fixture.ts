/**
 * A month of work for the 通报 tests (May 2024, four units), small enough to count by hand:
 * the expected figures are written out in bulletin.test.ts beside the rows they come from.
 */
import type { BulletinInput } from '../bulletin.js';
import { DEFAULT_BULLETIN_RULES } from '../bulletin.js';

export const bulletinInput: BulletinInput = {
  office: '某区人民政府督查室',
  header: '督查通报',
  number: '督通〔2024〕5号',
  month: '2024-05',
  issuedOn: '2024-06-05',
  addressees: '各镇人民政府、街道办事处，区政府各委、办、局',
  units: [
    { id: 1, name: '区水务局' },
    { id: 2, name: '区应急管理局' },
    { id: 3, name: '区园林绿化局' },
    { id: 4, name: '区民政局' },
  ],
  tasks: [
    {
      id: 1,
      unitId: 1,
      source: 'plan',
      title: '推进再生水管网建设',
      dueOn: '2024-05-10',
      doneOn: '2024-05-08',
    },
    {
      id: 2,
      unitId: 1,
      source: 'instruction',
      title: '落实汛前隐患排查批示',
      dueOn: '2024-05-20',
      doneOn: '2024-05-20',
    },
    {
      id: 3,
      unitId: 1,
      source: 'decision',
      title: '节水型社会建设实施方案',
      dueOn: '2024-05-31',
      doneOn: '2024-06-02',
    },
    { id: 4, unitId: 1, source: 'plan', title: '河长制巡河台账', dueOn: '2024-04-30', doneOn: '2024-05-15' },
    {
      id: 5,
      unitId: 2,
      source: 'plan',
      title: '开展防汛应急演练',
      dueOn: '2024-05-15',
      doneOn: '2024-05-14',
    },
    {
      id: 6,
      unitId: 2,
      source: 'plan',
      title: '更新应急物资储备',
      dueOn: '2024-05-16',
      doneOn: '2024-05-16',
    },
    {
      id: 7,
      unitId: 2,
      source: 'proposal',
      title: '关于完善社区应急避难场所的提案',
      dueOn: '2024-05-30',
      doneOn: '2024-05-29',
    },
    { id: 8, unitId: 2, source: 'list', title: '安全生产专项整治', dueOn: '2024-06-15', doneOn: null },
    { id: 9, unitId: 3, source: 'plan', title: '新建口袋公园5处', dueOn: '2024-03-31', doneOn: null },
    { id: 10, unitId: 3, source: 'plan', title: '完成城市绿道贯通', dueOn: '2024-04-15', doneOn: null },
    {
      id: 11,
      unitId: 3,
      source: 'instruction',
      title: '落实古树名木保护批示',
      dueOn: '2024-05-05',
      doneOn: null,
    },
    { id: 12, unitId: 3, source: 'plan', title: '春季植树造林', dueOn: '2024-05-25', doneOn: '2024-05-28' },
    { id: 13, unitId: 4, source: 'plan', title: '养老驿站建设', dueOn: null, doneOn: null },
  ],
  notices: [
    { id: 1, unitId: 1, issuedOn: '2024-05-06', dueOn: '2024-05-13', answeredOn: '2024-05-12' },
    { id: 2, unitId: 3, issuedOn: '2024-05-10', dueOn: '2024-05-17', answeredOn: null },
    { id: 3, unitId: 3, issuedOn: '2024-04-20', dueOn: '2024-05-03', answeredOn: '2024-05-02' },
    { id: 4, unitId: 2, issuedOn: '2024-05-28', dueOn: '2024-06-05', answeredOn: '2024-06-01' },
  ],
  requests: [
    { unitId: 1, volume: 40, response: 1, resolution: 0.9, satisfaction: 0.95 },
    { unitId: 2, volume: 12, response: 1, resolution: 0.95, satisfaction: 0.92 },
    { unitId: 3, volume: 30, response: 0.9, resolution: 0.6, satisfaction: 0.55 },
  ],
  rules: DEFAULT_BULLETIN_RULES,
  comments: [{ leader: '张明区长', text: '红榜单位要总结经验，黑榜单位要逐项说明原因，限期整改。' }],
  requirements: [
    '各单位要对照逾期事项清单，逐项明确整改时限。',
    '黑榜单位于6月15日前向区政府督查室书面报送整改情况。',
  ],
};
