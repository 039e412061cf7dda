/**
 * A made-up jurisdiction (示范区) and a dispatch catalogue for the web app's tests. The app
 * itself holds no place: the server sends the deployment's areas and catalogue
 * (GET /requests/areas, GET /requests/catalogue).
 */
import type { Area, CatalogueRow, WorkOrder } from '../api/requests';
import type { Unit } from '../api/types';

/** The made-up jurisdiction's streets and towns with their communities. */
export const TEST_AREAS: Area[] = [
  { name: '城关街道', kind: 'street', communities: ['西关社区', '南环社区'], lat: 40.2, long: 116.2 },
  { name: '东湖街道', kind: 'street', communities: ['青松社区', '新城社区'], lat: 40.1, long: 116.3 },
  { name: '西山街道', kind: 'street', communities: ['蓝天社区', '华苑社区'], lat: 40.1, long: 116.4 },
  { name: '北岭街道', kind: 'street', communities: ['北岭社区'], lat: 40.1, long: 116.3 },
  { name: '南岭镇', kind: 'town', communities: ['南岭村', '南农社区'], lat: 40.2, long: 116.1 },
  { name: '河口镇', kind: 'town', communities: ['河口村', '上庄村'], lat: 40.1, long: 116.3 },
];

/** Its street and town offices (101…), departments (201…) and enterprises (301…). */
export const TEST_UNITS: Unit[] = [
  ...TEST_AREAS.map((a, i) => ({
    id: 101 + i,
    name: a.kind === 'street' ? `${a.name}办事处` : `${a.name}人民政府`,
    kind: a.kind,
    area: a.name,
  })),
  ...([
    {
      id: 201,
      name: '区住房和城乡建设委员会',
      kind: 'department',
    },
    {
      id: 202,
      name: '区城市管理委员会',
      kind: 'department',
    },
    {
      id: 203,
      name: '区水务局',
      kind: 'department',
    },
    {
      id: 204,
      name: '区人力资源和社会保障局',
      kind: 'department',
    },
    {
      id: 205,
      name: '区交通局',
      kind: 'department',
    },
    {
      id: 206,
      name: '区生态环境局',
      kind: 'department',
    },
    {
      id: 207,
      name: '区市场监督管理局',
      kind: 'department',
    },
    {
      id: 208,
      name: '区教育委员会',
      kind: 'department',
    },
    {
      id: 209,
      name: '区园林绿化局',
      kind: 'department',
    },
    {
      id: 301,
      name: '示范区热力公司',
      kind: 'enterprise',
    },
    {
      id: 302,
      name: '示范区自来水公司',
      kind: 'enterprise',
    },
  ] as Unit[]),
];

/** A dispatch catalogue's rows: round-the-clock, territorial and designated ones. */
export const TEST_CATALOGUE_ROWS: CatalogueRow[] = [
  {
    category: '供暖',
    code: 'heating',
    group: '城市服务',
    description: '室内温度不达标、暖气不热、漏水等供热问题',
    keywords: ['供暖', '暖气', '供热', '室温', '不热', '采暖'],
    owner: {
      by: 'unit',
      unitId: 301,
    },
    designated: false,
    sign: {
      amount: 1,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 4,
      calendar: 'natural_hours',
    },
    finish: {
      amount: 48,
      calendar: 'natural_hours',
    },
  },
  {
    category: '积水',
    code: 'waterlogging',
    group: '城市服务',
    description: '道路、小区、下凹式立交桥等处积水',
    keywords: ['积水', '淹', '排水', '雨水', '内涝', '下水道'],
    owner: {
      by: 'unit',
      unitId: 203,
    },
    designated: false,
    sign: {
      amount: 1,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 4,
      calendar: 'natural_hours',
    },
    finish: {
      amount: 72,
      calendar: 'natural_hours',
    },
  },
  {
    category: '供水',
    code: 'water-supply',
    group: '城市服务',
    description: '停水、水压低、水质问题',
    keywords: ['停水', '水压', '自来水', '水质', '没水'],
    owner: {
      by: 'unit',
      unitId: 302,
    },
    designated: false,
    sign: {
      amount: 1,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 4,
      calendar: 'natural_hours',
    },
    finish: {
      amount: 48,
      calendar: 'natural_hours',
    },
  },
  {
    category: '物业',
    code: 'property',
    group: '住房',
    description: '物业服务、维修、收费纠纷',
    keywords: ['物业', '电梯', '维修', '物业费', '保安'],
    owner: {
      by: 'territory',
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 7,
      calendar: 'working_days',
    },
  },
  {
    category: '噪声',
    code: 'noise',
    group: '环境',
    description: '施工、商业、邻里噪声扰民',
    keywords: ['噪音', '噪声', '扰民', '施工', '夜间'],
    owner: {
      by: 'territory',
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 5,
      calendar: 'working_days',
    },
  },
  {
    category: '停车',
    code: 'parking',
    group: '交通',
    description: '乱停车、停车难、占用消防通道',
    keywords: ['停车', '车位', '乱停', '占道', '消防通道'],
    owner: {
      by: 'territory',
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 7,
      calendar: 'working_days',
    },
  },
  {
    category: '垃圾',
    code: 'refuse',
    group: '环境',
    description: '垃圾清运不及时、垃圾分类、堆放',
    keywords: ['垃圾', '清运', '分类', '堆放', '异味'],
    owner: {
      by: 'territory',
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 5,
      calendar: 'working_days',
    },
  },
  {
    category: '道路',
    code: 'roads',
    group: '交通',
    description: '道路破损、井盖缺失、路灯不亮',
    keywords: ['道路', '坑', '井盖', '路灯', '破损', '路面'],
    owner: {
      by: 'unit',
      unitId: 205,
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 10,
      calendar: 'working_days',
    },
  },
  {
    category: '拖欠工资',
    code: 'unpaid-wages',
    group: '劳动就业',
    description: '拖欠农民工工资、劳动报酬',
    keywords: ['工资', '拖欠', '欠薪', '农民工', '工钱'],
    owner: {
      by: 'unit',
      unitId: 204,
    },
    designated: true,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 15,
      calendar: 'working_days',
    },
  },
  {
    category: '违法建设',
    code: 'illegal-building',
    group: '城市管理',
    description: '私搭乱建、违建',
    keywords: ['违建', '私搭乱建', '违法建设', '搭建', '加盖'],
    owner: {
      by: 'territory',
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 15,
      calendar: 'working_days',
    },
  },
  {
    category: '消费纠纷',
    code: 'consumer',
    group: '市场',
    description: '商家欺诈、预付卡、食品安全',
    keywords: ['退款', '预付卡', '商家', '消费', '食品', '办卡'],
    owner: {
      by: 'unit',
      unitId: 207,
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 7,
      calendar: 'working_days',
    },
  },
  {
    category: '教育',
    code: 'education',
    group: '公共服务',
    description: '入学、学位、校外培训',
    keywords: ['入学', '学位', '学校', '幼儿园', '培训'],
    owner: {
      by: 'unit',
      unitId: 208,
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 10,
      calendar: 'working_days',
    },
  },
  {
    category: '园林绿化',
    code: 'greening',
    group: '环境',
    description: '树木修剪、绿地养护、公园',
    keywords: ['树', '修剪', '绿地', '公园', '绿化', '树枝'],
    owner: {
      by: 'unit',
      unitId: 209,
    },
    designated: false,
    sign: {
      amount: 2,
      calendar: 'natural_hours',
    },
    contact: {
      amount: 1,
      calendar: 'working_days',
    },
    finish: {
      amount: 10,
      calendar: 'working_days',
    },
  },
];

/**
 * An order as the server sends it: a call about waterlogging taken in on 2026-07-01 (09:00
 * Beijing time) as order 42, waiting for dispatch. The desk's tests start from it and change
 * what they are about (`{ ...TEST_ORDER, status: 'replied' }`).
 */
export const TEST_ORDER: WorkOrder = {
  id: 42,
  source: 'hotline',
  text: '东湖大街路口积水很深，车辆无法通行',
  category: '积水',
  location: { address: '东湖大街路口18号', area: '东湖街道' },
  media: [],
  contact: null,
  privacy: { anonymousToPublic: true, anonymousToUnit: false },
  receivedAt: '2026-07-01T01:00:00.000Z',
  dedupeKey: 'k',
  status: 'received',
  leadUnitId: null,
  designated: false,
  coUnits: [],
  deadlines: null,
  catalogueVersion: null,
  rules: null,
  pauses: [],
  signedAt: null,
  contactedAt: null,
  repliedAt: null,
  closedAt: null,
  pendingExtension: null,
  pendingObjection: null,
  followUps: [],
  reopenCount: 0,
  exemption: null,
  reminders: 0,
  supervisions: 0,
  publicNote: null,
  version: 1,
};
