/** Made-up answers of the 项目库 and 服务包 endpoints for page tests (no real place or body). */
import type { EnterpriseDetail, LibraryBoard, LibraryProjectDetail, ServiceOverview } from '../api/library';

const stages = [
  { id: '谋划', name: '谋划', role: null },
  { id: '签约', name: '签约', role: 'signed' },
  { id: '入库', name: '入库', role: 'entered' },
  { id: '开工', name: '开工', role: 'started' },
  { id: '建设', name: '建设', role: 'building' },
  { id: '建成投用', name: '建成投用', role: 'completed' },
];

export const UNITS = {
  items: [
    { id: 11, name: '区发展改革委', kind: 'department' },
    { id: 12, name: '区科委', kind: 'department' },
  ],
  total: 2,
};

export const BOARD: LibraryBoard = {
  date: '2022-07-01',
  year: 2022,
  libraries: [
    { code: 'major', name: '重大项目库' },
    { code: 'industry', name: '产业项目库' },
  ],
  stages,
  board: {
    byLibrary: { major: { 入库: 2, 开工: 1 }, industry: { 签约: 3 } },
    total: { 入库: 2, 开工: 1, 签约: 3 },
  },
  inLibrary: 3,
  years: [2022, 2021],
  promises: [
    {
      id: 1,
      planId: 1,
      year: 2022,
      written: '新入库重大项目',
      named: [],
      quote: '力争新入库重大项目30个',
      promised: 30,
      counted: 12,
      expected: 15,
      met: false,
      why: { code: 'COUNT_SHORT', params: {} },
      projectIds: [],
    },
  ],
};

export const PROJECTS = {
  items: [
    {
      id: 7,
      version: 3,
      name: '示例生物医药基地',
      library: 'major',
      class: 'A',
      leadUnitId: 11,
      totalInvestment: 250_000,
      stage: '开工',
      stageDate: '2022-06-10',
      exited: false,
      lamps: { start: 'yellow', pace: 'green', funds: 'red', stats: 'grey', overall: 'red' },
    },
  ],
  total: 1,
};

export const IDLE = (kind: string) => ({
  date: '2022-07-01',
  kind,
  counts: { approved_not_started: 1, started_not_building: 0, building_not_finished: 2 },
  late: 1,
  page:
    kind === 'approved_not_started'
      ? {
          items: [
            {
              projectId: 8,
              name: '示例新材料产业园',
              library: 'major',
              class: 'B',
              leadUnitId: 12,
              stage: '入库',
              kind,
              since: '2022-02-01',
              days: 150,
              next: '开工',
              plannedBy: '2022-05-31',
              late: true,
            },
          ],
          total: 1,
        }
      : { items: [], total: 0 },
});

export const DETAIL: LibraryProjectDetail = {
  date: '2023-07-01',
  project: {
    id: 7,
    version: 3,
    name: '示例生物医药基地',
    aliases: [],
    library: 'major',
    class: 'A',
    history: [
      { stage: '签约', date: '2022-03-01' },
      { stage: '开工', date: '2022-06-10' },
      { stage: '建成投用', date: '2023-05-20' },
    ],
    totalInvestment: 250_000,
    annualPlans: [{ year: 2023, planned: 30_000 }],
    investments: [],
    parcel: null,
    location: null,
    leadUnitId: 11,
    leader: null,
    enterpriseId: null,
    milestones: [{ stage: '开工', planned: '2022-05-31' }],
    targets: [
      { year: 2022, stage: '开工', step: '开工建设' },
      { year: 2023, stage: '建成投用', step: '建成投用' },
    ],
    progress: [],
    statsRegisteredOn: null,
    exited: null,
  },
  lamps: {
    start: {
      kind: 'start',
      color: 'yellow',
      why: { code: 'STARTED_LATE', params: { planned: '2022-05-31', actual: '2022-06-10', days: 10 } },
      reason: 'Started on 2022-06-10, 10 days after the planned 2022-05-31',
    },
    pace: {
      kind: 'pace',
      color: 'green',
      why: { code: 'MILESTONES_MET', params: { due: 1, date: '2023-07-01' } },
      reason: '',
    },
    funds: {
      kind: 'funds',
      color: 'red',
      why: {
        code: 'FUNDS_VS_PLAN',
        params: { completed: 5000, expected: 15000, planned: 30000, through: '2023-06', ratio: 0.3333 },
      },
      reason: '',
    },
    stats: {
      kind: 'stats',
      color: 'red',
      why: { code: 'NOT_REGISTERED', params: { started: '2022-06-10', due: '2022-09-30' } },
      reason: '',
    },
    overall: 'red',
  },
  timeline: [
    {
      year: 2022,
      target: { year: 2022, stage: '开工', step: '开工建设' },
      verdict: 'reached',
      reachedOn: '2022-06-10',
      planned: null,
      completed: 0,
      changes: [
        { stage: '签约', date: '2022-03-01', back: false },
        { stage: '开工', date: '2022-06-10', back: false },
      ],
    },
    {
      year: 2023,
      target: { year: 2023, stage: '建成投用', step: '建成投用' },
      verdict: 'reached',
      reachedOn: '2023-05-20',
      planned: 30_000,
      completed: 5000,
      changes: [{ stage: '建成投用', date: '2023-05-20', back: false }],
    },
  ],
  investment: {
    total: 250_000,
    year: 2023,
    yearPlanned: 30_000,
    yearCompleted: 5000,
    completedToDate: 80_000,
    yearShare: 0.1667,
    totalShare: 0.32,
  },
  reports: [
    {
      planId: 1,
      planTitle: '2022年政府工作报告',
      year: 2022,
      name: '示例生物医药基地',
      step: '开工建设',
      kind: 'target',
      state: 'confirmed',
    },
  ],
  stages,
};

const byState = (o: Partial<Record<string, number>>) => ({
  open: 0,
  in_progress: 0,
  delivered: 0,
  confirmed: 0,
  returned: 0,
  ...o,
});

export const OVERVIEW: ServiceOverview = {
  year: 2022,
  date: '2022-07-01',
  fulfilment: {
    year: 2022,
    packages: 2,
    fulfilled: 1,
    fulfilledIds: [1],
    commitments: 3,
    byState: byState({ confirmed: 2, in_progress: 1 }),
    confirmed: 2,
    overdue: 1,
  },
  byUnit: [
    { key: 11, total: 2, byState: byState({ confirmed: 2 }), overdue: 0 },
    { key: 12, total: 1, byState: byState({ in_progress: 1 }), overdue: 1 },
  ],
  byButler: [{ key: '王伟', total: 3, byState: byState({ confirmed: 2, in_progress: 1 }), overdue: 1 }],
  packages: [
    {
      id: 1,
      year: 2022,
      butler: '王伟',
      holder: { kind: 'enterprise', id: 5, name: '示例智造有限公司' },
      commitments: 2,
      confirmed: 2,
      overdue: 0,
      fulfilled: true,
    },
    {
      id: 2,
      year: 2022,
      butler: '王伟',
      holder: { kind: 'talent', id: 1, name: '钱七' },
      commitments: 1,
      confirmed: 0,
      overdue: 1,
      fulfilled: false,
    },
  ],
};

export const ENTERPRISE: EnterpriseDetail = {
  enterprise: {
    id: 5,
    name: '示例智造有限公司',
    creditCode: '91110114MA0000777X',
    industry: '智能制造',
    address: '示例路1号',
    size: null,
  },
  packages: [
    {
      id: 1,
      holder: { kind: 'enterprise', id: 5 },
      year: 2022,
      butler: '王伟',
      fulfilled: true,
      commitments: [
        {
          id: 3,
          packageId: 1,
          kind: 'approval',
          title: '加快施工许可审批',
          responsibleUnitId: 11,
          butler: '王伟',
          openedOn: '2022-03-01',
          workingDays: 10,
          dueOn: '2022-03-15',
          state: 'confirmed',
          evidence: ['批复文件'],
          deliveredOn: '2022-03-10',
          confirmedOn: '2022-03-12',
          satisfaction: '满意',
          links: [],
          note: null,
          version: 3,
          health: 'done',
          overdue: false,
          events: [],
        },
      ],
    },
  ],
  requests: [],
  projects: [],
  talents: [],
};
