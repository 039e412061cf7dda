/**
 * A small plan built from exact quotes of reports/2022-beijing-changping.txt, for the tests of
 * src/documents. Spans are illustrative offsets; texts and figures are the report's own.
 */
import type { AuditEvent } from '../../plan/audit.js';
import { createAuditEvent } from '../../plan/audit.js';
import type { DataCallInput } from '../data-call.js';
import type { ReviewInput } from '../review.js';
import type {
  Achievement,
  OutlineNode,
  Plan,
  Project,
  ProjectList,
  Target,
  Task,
  Unit,
} from '../../plan/types.js';

export const plan: Pick<Plan, 'id' | 'title' | 'year' | 'place'> = {
  id: 7,
  title: '2022年北京市昌平区政府工作报告',
  year: 2022,
  place: '北京市昌平区',
};

export const units: Unit[] = [
  { id: 1, name: '区发展改革委', kind: 'department' },
  { id: 2, name: '区科委', kind: 'department' },
  { id: 3, name: '区规划自然资源分局', kind: 'department' },
  { id: 4, name: '区市场监管局', kind: 'department' },
  { id: 5, name: '区投资促进中心', kind: 'department' },
  { id: 6, name: '回龙观街道', kind: 'street' },
  { id: 7, name: '区统计局', kind: 'department' },
];

const node = (
  id: number,
  parentId: number | null,
  level: 1 | 2 | 3,
  title: string,
  position: number,
): OutlineNode => ({
  id,
  planId: 7,
  parentId,
  level,
  title,
  span: [id * 100, id * 100 + title.length],
  position,
  weight: 1,
});

export const outline: OutlineNode[] = [
  node(1, null, 1, '过去五年工作回顾', 0),
  node(2, null, 1, '2022年重点任务', 1),
  node(3, 2, 2, '加快建设未来科学城，更好发挥北京国际科创中心枢纽型主平台作用', 0),
  node(4, 2, 2, '以“两区”建设为引领，实现更高水平改革开放', 1),
  node(5, 2, 2, '加快构建现代产业体系，推动经济高质量发展', 2),
  node(6, null, 1, '扎实推进政府自身建设', 2),
];

const task = (id: number, outlineNodeId: number, text: string, extra: Partial<Task> = {}): Task => ({
  id,
  planId: 7,
  outlineNodeId,
  text,
  span: [1000 + id * 10, 1000 + id * 10 + text.length],
  state: 'in_progress',
  progress: 0,
  version: 1,
  carriedFrom: null,
  leadUnitId: null,
  coUnitIds: [],
  leader: null,
  deadline: null,
  weight: 1,
  ...extra,
});

export const tasks: Task[] = [
  task(
    101,
    3,
    '制定实施产业用地供应三年行动计划，统筹抓好产业园区开发用地、国有产业用地、集体产业用地、历史遗留开发用地等土地利用，推动2022年供应产业用地2500亩以上。',
    { leadUnitId: 3, coUnitIds: [1], leader: '张副区长', deadline: '2022-12-31', progress: 60 },
  ),
  task(102, 3, '理顺生命科学园管理体制，推动街区控规、城市设计和产业规划融合落地。', {
    leadUnitId: 2,
    deadline: '2022-06-30',
    state: 'done',
    progress: 100,
  }),
  task(
    103,
    4,
    '落实全市优化营商环境5.0版改革任务，深化“放管服”改革，重点抓好“证照分离”“一业一证”“证照联办”等审批制度改革，让更多市场主体“准入即准营”，全年新增市场主体超过1.2万户。',
    { leadUnitId: 4, coUnitIds: [1, 6], leader: '李副区长', deadline: '2022-12-31', progress: 30 },
  ),
  task(
    104,
    4,
    '深化“一库四机制”，力争新入库重大项目30个，自贸组团新增市场主体超过1200家、规模以上企业收入达到1500亿元。',
    {
      leadUnitId: 1,
      deadline: '2022-12-31',
      state: 'not_started',
    },
  ),
  task(
    105,
    5,
    '推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地，力促诺诚健华抗肿瘤创新药物生产基地、国家电投二期等30个项目开工建设，加快小米智慧园区、爱博诺德研发生产基地等30个项目建成投用。',
    { leadUnitId: 5, coUnitIds: [1], deadline: '2022-12-31', progress: 80 },
  ),
  task(
    106,
    5,
    '做大医药健康产业，落实医药健康协同创新行动计划，加快布局生物技术、数字+医疗等关键赛道，力争产业年收入突破800亿元。',
    {
      leadUnitId: 2,
      deadline: '2022-09-30',
      progress: 40,
    },
  ),
];

const target = (
  id: number,
  t: Partial<Target> & Pick<Target, 'metric' | 'comparator' | 'value' | 'unit' | 'quote'>,
): Target => ({
  planId: 7,
  outlineNodeId: 2,
  taskId: null,
  period: '2022',
  direction: null,
  span: [5000 + id * 20, 5000 + id * 20 + t.quote.length],
  sentence: t.quote,
  baseline: null,
  version: 1,
  leadUnitId: null,
  coUnitIds: [],
  leader: null,
  deadline: null,
  weight: 1,
  ...t,
  id,
});

export const targets: Target[] = [
  target(201, {
    metric: '地区生产总值增长',
    comparator: '~',
    value: 6.5,
    unit: '%',
    direction: 'rising',
    quote: '地区生产总值增长6.5%左右',
    leadUnitId: 1,
  }),
  target(202, {
    metric: '一般公共预算收入增长',
    comparator: '=',
    value: 6,
    unit: '%',
    quote: '一般公共预算收入增长6%',
    leadUnitId: 1,
  }),
  target(203, {
    metric: '城镇登记失业率',
    comparator: '<=',
    value: 5,
    unit: '%',
    direction: 'falling',
    quote: '城镇登记失业率控制在5%以内',
    leadUnitId: 7,
  }),
  target(204, {
    metric: '供应产业用地',
    comparator: '>=',
    value: 2500,
    unit: '亩',
    quote: '推动2022年供应产业用地2500亩以上',
    outlineNodeId: 3,
    taskId: 101,
    leadUnitId: 3,
  }),
  target(205, {
    metric: '新增市场主体',
    comparator: '>',
    value: 1.2,
    unit: '万户',
    quote: '全年新增市场主体超过1.2万户',
    outlineNodeId: 4,
    taskId: 103,
    leadUnitId: 4,
  }),
  target(206, {
    metric: '森林覆盖率',
    comparator: '>=',
    value: 48.5,
    unit: '%',
    period: '2022-2026',
    quote: '森林覆盖率提高到48.5%以上',
    baseline: { value: 48.3, unit: '%', period: '2021', achievementId: 301 },
    outlineNodeId: 2,
  }),
  target(207, {
    metric: '新入库重大项目',
    comparator: '=',
    value: 30,
    unit: '个',
    quote: '力争新入库重大项目30个',
    outlineNodeId: 4,
    taskId: 104,
    leadUnitId: 1,
  }),
];

export const achievements: Achievement[] = [
  {
    id: 301,
    planId: 7,
    outlineNodeId: 1,
    metric: '森林覆盖率',
    comparator: '=',
    value: 48.3,
    unit: '%',
    period: '2021',
    span: [900, 920],
    quote: '森林覆盖率、林木绿化率分别提高到48.3%和67.2%',
  },
  {
    id: 302,
    planId: 7,
    outlineNodeId: 1,
    metric: '地区生产总值年均增长',
    comparator: '=',
    value: 6.6,
    unit: '%',
    period: '2017-2021',
    span: [300, 316],
    quote: '全区地区生产总值年均增长6.6%',
  },
];

export const projectLists: ProjectList[] = [
  { id: 401, planId: 7, taskId: 105, stage: '签约落地', count: 40, kind: 'target', span: [2000, 2030] },
  { id: 402, planId: 7, taskId: 105, stage: '开工建设', count: 30, kind: 'target', span: [2031, 2060] },
  { id: 403, planId: 7, taskId: 105, stage: '建成投用', count: 30, kind: 'target', span: [2061, 2090] },
];

const project = (
  id: number,
  listId: number,
  name: string,
  stage: string,
  currentStage: Project['currentStage'],
): Project => ({
  id,
  planId: 7,
  listId,
  taskId: 105,
  name,
  stage,
  kind: 'target',
  span: [2000 + id, 2000 + id + name.length],
  currentStage,
  stageDates: currentStage === '储备' ? {} : { [currentStage]: '2022-05-20' },
  version: 1,
});

export const projects: Project[] = [
  project(501, 401, '科兴生物疫苗质量研究中心', '签约落地', '签约'),
  project(502, 401, '兴唐创新中心', '签约落地', '储备'),
  project(503, 402, '诺诚健华抗肿瘤创新药物生产基地', '开工建设', '开工'),
  project(504, 402, '国家电投二期', '开工建设', '建成投用'),
  project(505, 403, '小米智慧园区', '建成投用', '开工'),
  project(506, 403, '爱博诺德研发生产基地', '建成投用', '建成投用'),
];

/** The review at year end: actual values chosen to exercise every verdict. */
export const reviewInput: ReviewInput = {
  plan: plan,
  asOf: '2022-12-31',
  outline: outline,
  targets: targets,
  actuals: {
    201: { value: 6.3, asOf: '2022-12-31' }, // 6.5%左右, within ±0.325
    202: { value: 5.2 }, // 增长6%: not met
    203: { value: 4.1 }, // 5%以内: met
    204: { value: 2680 }, // 2500亩以上: exceeded
    205: { value: 1.1, unit: '万户' }, // 超过1.2万户: not met
    206: { value: 48.4 }, // 森林覆盖率 by 2026: not due in 2022
    // 207 新入库重大项目: no data
  },
  tasks: tasks,
  units: units,
  projectLists: projectLists,
  projects: projects,
};

/** 区发展改革委's data call for June, with last period's values. */
export const dataCallInput: DataCallInput = {
  plan: plan,
  unit: units[0]!, // 区发展改革委
  period: { key: '2022-06', label: '2022年6月', dueOn: '2022-07-05' },
  tasks: [
    { task: tasks[3]!, role: 'lead', last: { progress: 20, state: 'in_progress', note: '已完成项目库梳理' } },
    { task: tasks[0]!, role: 'co' },
  ],
  targets: [{ target: targets[0]!, last: { value: 6.1, note: '一季度数据' } }, { target: targets[1]! }],
};

/** Audit events as the domain makes them: an assignment, a co-unit change, a returned report. */
export const auditEvents: AuditEvent[] = [
  createAuditEvent({
    at: '2022-03-05T08:30:00.000Z',
    actor: { userId: 3, role: 'supervisor' },
    entity: { type: 'task', id: 101 },
    planId: 7,
    action: 'task.assign',
    before: { deadline: '2022-12-31', leader: '张副区长' },
    after: { deadline: '2022-10-31', leader: '张副区长' },
    reason: '按区政府常务会要求提前',
  }),
  createAuditEvent({
    at: '2022-03-06T09:00:00Z',
    actor: { userId: 9, role: 'reporter' },
    entity: { type: 'task', id: 102 },
    planId: 7,
    action: 'task.assign',
    before: { coUnitIds: [] },
    after: { coUnitIds: [1, 6] },
  }),
  createAuditEvent({
    at: '2022-04-06T09:00:00Z',
    actor: { userId: 3, role: 'supervisor' },
    entity: { type: 'report', id: 55 },
    planId: 7,
    action: 'report.return',
    before: { status: 'submitted', reviewedBy: null },
    after: { status: 'returned', reviewedBy: 3 },
    reason: '=进度与佐证不符',
  }),
];

export const userNames: Record<number, string> = { 3: '王芳', 9: '李明' };
