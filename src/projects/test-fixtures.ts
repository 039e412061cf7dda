/**
 * Test data for the 项目库 and 服务包: made-up projects, enterprises and commitments (no real
 * place or body). Used by src/projects and src/documents tests; not part of the build.
 */
import type { ProjectDraft } from './project.js';
import type { Commitment, Enterprise, EnterpriseRequest, LibraryProject, ServicePackage } from './types.js';

/** A project at 入库 with nothing else known; override what a test needs. */
export function makeProject(overrides: Partial<LibraryProject> = {}): LibraryProject {
  return {
    id: 1,
    name: '示例项目',
    aliases: [],
    library: 'major',
    class: 'B',
    history: [{ stage: '入库', date: '2022-01-10' }],
    totalInvestment: 10_000,
    annualPlans: [],
    investments: [],
    parcel: null,
    location: null,
    leadUnitId: 11,
    leader: null,
    enterpriseId: null,
    milestones: [],
    targets: [],
    progress: [],
    statsRegisteredOn: null,
    exited: null,
    ...overrides,
  };
}

/** The same without an id, as a draft. */
export function makeDraft(overrides: Partial<ProjectDraft> = {}): ProjectDraft {
  const { id: _id, ...draft } = makeProject(overrides);
  return draft;
}

/** A small made-up library over 2021–2023. */
export function sampleLibrary(): LibraryProject[] {
  return [
    makeProject({
      id: 1,
      name: '星河生物医药产业基地',
      aliases: ['星河生物医药基地'],
      library: 'industry',
      class: 'A',
      history: [
        { stage: '洽谈', date: '2021-09-01' },
        { stage: '签约', date: '2022-03-15' },
        { stage: '入库', date: '2022-04-20' },
        { stage: '开工', date: '2022-08-01' },
      ],
      totalInvestment: 250_000,
      milestones: [
        { stage: '开工', planned: '2022-06-30' },
        { stage: '建成投用', planned: '2024-06-30' },
      ],
      annualPlans: [{ year: 2022, planned: 24_000 }],
      investments: [
        { month: '2022-08', amount: 3000 },
        { month: '2022-09', amount: 4500 },
      ],
      statsRegisteredOn: '2022-09-20',
      enterpriseId: 1,
    }),
    makeProject({
      id: 2,
      name: '云杉智能制造产业园一期',
      library: 'industry',
      history: [
        { stage: '签约', date: '2021-11-05' },
        { stage: '入库', date: '2022-02-10' },
      ],
      milestones: [{ stage: '开工', planned: '2022-05-31' }],
    }),
    makeProject({
      id: 3,
      name: '青石河湿地公园',
      library: 'major',
      class: 'A',
      history: [
        { stage: '入库', date: '2021-03-01' },
        { stage: '开工', date: '2021-06-01' },
        { stage: '建设', date: '2021-07-15' },
        { stage: '建成投用', date: '2022-10-01' },
      ],
      milestones: [{ stage: '建成投用', planned: '2022-09-30' }],
    }),
    makeProject({
      id: 4,
      name: '东坡老旧小区综合整治',
      library: 'renewal',
      class: 'C',
      history: [{ stage: '入库', date: '2022-02-01' }],
      annualPlans: [{ year: 2022, planned: 800 }],
    }),
    makeProject({
      id: 5,
      name: '南山科技成果转化中心',
      library: 'science',
      history: [{ stage: '谋划', date: '2022-05-01' }],
      totalInvestment: null,
      exited: { date: '2022-11-30', reason: '投资方放弃' },
    }),
  ];
}

/** Made-up enterprises; their codes are made up too, with the check character computed. */
export const ENTERPRISES: Enterprise[] = [
  {
    id: 1,
    name: '星河生物科技有限公司',
    creditCode: '91330100MA2H0001XF',
    industry: '医药制造业',
    address: '示例大道1号',
    size: '中型',
  },
  {
    id: 2,
    name: '云杉智造有限公司',
    creditCode: '91330100MA2H0002YK',
    industry: '专用设备制造业',
    address: '示例路8号',
    size: '小型',
  },
];

export const PACKAGES: ServicePackage[] = [
  { id: 1, holder: { kind: 'enterprise', id: 1 }, year: 2024, butler: '周管家' },
  { id: 2, holder: { kind: 'enterprise', id: 2 }, year: 2024, butler: '吴管家' },
  { id: 3, holder: { kind: 'talent', id: 1 }, year: 2024, butler: '周管家' },
];

/** An open commitment; override what a test needs. */
export function makeCommitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 1,
    packageId: 1,
    kind: 'approval',
    title: '厂房施工许可办理',
    responsibleUnitId: 21,
    butler: '周管家',
    openedOn: '2024-03-01',
    workingDays: 10,
    dueOn: '2024-03-15',
    state: 'open',
    evidence: [],
    deliveredOn: null,
    confirmedOn: null,
    satisfaction: null,
    links: [],
    note: null,
    version: 1,
    ...overrides,
  };
}

/** A received enterprise request; override what a test needs. */
export function makeRequest(overrides: Partial<EnterpriseRequest> = {}): EnterpriseRequest {
  return {
    id: 1,
    enterpriseId: 1,
    packageId: 1,
    text: '厂区周边道路施工影响货车进出',
    category: '基础设施',
    receivedAt: '2024-03-04T02:00:00.000Z',
    butler: '周管家',
    status: 'received',
    leadUnitId: null,
    rules: null,
    deadlines: null,
    pauses: [],
    pausedAt: null,
    signedAt: null,
    repliedAt: null,
    reply: null,
    closedAt: null,
    satisfaction: null,
    reopenCount: 0,
    version: 1,
    ...overrides,
  };
}
