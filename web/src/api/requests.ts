/**
 * 接诉即办 (issue 7): the types and routes of citizens' requests, as the web app sees them.
 * The work order and its events come from the domain (src/requests/types.ts, types only);
 * the answers of the computing routes (suggestions, 三率, rankings, hotspots, themes) are
 * mirrored here, since their domain files pull server-only modules.
 */
import { api, fetchAll } from './endpoints';
import { ApiClient } from './client';
import type { Page } from './types';
import type {
  Contact,
  MediaRef,
  ObjectionReason,
  OrderEvent,
  OrderEventInput,
  OrderIntake,
  OrderLocation,
  OrderSource,
  OrderStatus,
  RequestUnit,
  Satisfaction,
  WorkOrder,
} from '../../../src/requests/types';

export type {
  Contact,
  MediaRef,
  ObjectionReason,
  OrderEvent,
  OrderEventInput,
  OrderIntake,
  OrderLocation,
  OrderSource,
  OrderStatus,
  RequestUnit,
  Satisfaction,
  WorkOrder,
};
export {
  OBJECTION_REASONS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  SATISFACTION_LEVELS,
} from '../../../src/requests/types';
/**
 * The jurisdiction (streets, towns, communities) and the catalogue's rows as the example ships
 * them: they stand in while `GET /requests/areas` and `GET /requests/catalogue` load (and when
 * they fail), shared with the server as PROJECT_STAGES is.
 */
export { CHANGPING as JURISDICTION } from '../../../src/requests/places';
export { CHANGPING_CATALOGUE_ROWS as CATALOGUE_ROWS } from '../../../src/requests/catalogue';

/** A street (街道) or town (镇) of the jurisdiction with its communities. */
export interface Area {
  name: string;
  kind: 'street' | 'town';
  communities: string[];
  lat?: number;
  long?: number;
}

export interface Jurisdiction {
  name: string;
  areas: Area[];
}

export interface DeadlineRule {
  amount: number;
  calendar: 'working_days' | 'natural_hours';
}

/** One row of the dispatch catalogue (派单目录) as the intake and dispatch screens need it. */
export interface CatalogueRow {
  category: string;
  code?: string;
  group: string;
  description: string;
  keywords: string[];
  designated: boolean;
  sign: DeadlineRule;
  contact: DeadlineRule;
  finish: DeadlineRule;
}

export interface CatalogueVersion {
  version: number;
  effectiveFrom: string;
  note: string;
  rows: CatalogueRow[];
}

export interface CategorySuggestion {
  category: string;
  score: number;
  reasons: string[];
}

export interface DispatchSuggestion {
  category: string;
  leadUnitId: number;
  designated: boolean;
  catalogueVersion: number;
  rules: NonNullable<WorkOrder['rules']>;
  reason: string;
}

export interface RateFigure {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface UnitMonthScore {
  unitId: number;
  month: string;
  schemeVersion: number;
  volume: number;
  response: RateFigure;
  resolution: RateFigure;
  satisfaction: RateFigure;
  overall: number | null;
  explanation: string;
}

export type RankingStatus = 'ranked' | 'below_minimum' | 'exempt' | 'no_score';

export interface RankedUnit {
  unitId: number;
  name: string;
  rank: number | null;
  score: number | null;
  volume: number;
  status: RankingStatus;
  explanation: string;
}

export interface Ranking {
  month: string;
  className: string;
  entries: RankedUnit[];
}

/** The minimum volume a month's ranking applied: the scheme's in force then, or a what-if. */
export interface RankingRule {
  schemeVersion: number;
  schemeMinVolume: number;
  minVolume: number;
  overridden: boolean;
}

/** A month's rankings with the 三率 of every unit behind them. */
export interface RankingsAnswer {
  month: string;
  rankings: Ranking[];
  scores: UnitMonthScore[];
}

export type HotspotDimension = 'category' | 'area' | 'category_area';
export type HotspotReason = 'rising' | 'high' | 'seasonal';

export interface Hotspot {
  key: string;
  dimension: HotspotDimension;
  month: string;
  count: number;
  previous: number;
  growth: number | null;
  sameMonthLastYear: number;
  reasons: HotspotReason[];
  explanation: string;
}

export interface RecurringAddress {
  area: string;
  address: string;
  count: number;
  categories: string[];
  orderIds: number[];
}

/** A 每月一题 theme. */
export interface MonthlyTopic {
  id: number;
  month: string;
  title: string;
  leadUnitId: number;
  categories: string[];
  areas?: string[];
  problems: string[];
  tasks: { text: string; unitId: number; due: string }[];
  planTaskIds: number[];
}

export type TopicDraft = Omit<MonthlyTopic, 'id' | 'planTaskIds'> & { planTaskIds?: number[] };

export interface TopicMeasure {
  topicId: number;
  baseline: number;
  months: { month: string; count: number; sameMonthLastYear: number; changeFromBaseline: number | null }[];
  fall: number | null;
  fallYearOnYear: number | null;
  explanation: string;
}

export interface LinkSuggestion {
  key: string;
  taskId: number;
  score: number;
  sharedTerms: string[];
  status: 'suggested';
  /** The task's text, when the server sends it along. */
  taskText?: string;
}

export interface TaskLink {
  sourceKey: string;
  taskId: number;
  score: number;
  confirmedBy?: number;
  confirmedAt?: string;
  status?: 'confirmed' | 'rejected';
}

export interface OrderQuery {
  status?: OrderStatus;
  unitId?: number;
  category?: string;
  area?: string;
}

/** A row of the dispatcher's queue: the order with the categories its text suggests and the catalogue's unit. */
export interface QueueItem {
  order: WorkOrder;
  suggestions: { categories: CategorySuggestion[]; dispatch: DispatchSuggestion | null };
}

export type OverdueStep = 'sign' | 'contact' | 'finish' | 'co_finish';

export interface OverdueItem {
  orderId: number;
  step: OverdueStep;
  unitId: number;
  due: string;
  hoursLate: number;
}

/** A missed deadline with what the list shows of its order. */
export interface OverdueRow extends OverdueItem {
  category?: string;
  area?: string;
  status?: OrderStatus;
}

/** A row of a unit's queue: the order as the unit may see it and its missed deadlines. */
export interface UnitQueueItem {
  order: WorkOrder;
  overdue: OverdueItem[];
}

/** What the dispatcher sends: nothing for the catalogue's choice, or an override with a reason. */
export interface DispatchBody {
  leadUnitId?: number;
  category?: string;
  coUnitIds?: number[];
  designated?: boolean;
  reason?: string;
}

/** A theme with its measure and its confirmed links. */
export interface ThemeDetail {
  theme: MonthlyTopic;
  measure: TopicMeasure;
  links: TaskLink[];
}

/** An order as the public sees it: no contact, no names, the text redacted. */
export interface PublicOrder {
  id: number;
  category: string;
  area: string;
  text: string;
  status: OrderStatus;
  receivedAt: string;
  closedAt: string | null;
  publicNote: string | null;
  leadUnitId: number | null;
}

/** What people ask about a plan task: its confirmed links and recent orders on them. */
export interface TaskRequests {
  taskId: number;
  links: TaskLink[];
  themes: MonthlyTopic[];
  categories: string[];
  orders: { total: number; recent: PublicOrder[] };
}

const R = '/requests';

function items<T>(answer: Page<T> | T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

/**
 * The public's client: never sends the session cookie, so even a signed-in visitor of the
 * public page gets the server's anonymised answer, not the centre's full orders.
 */
const anonymous = new ApiClient('/api/v1', (input, init) => fetch(input, { ...init, credentials: 'omit' }));

/**
 * Every route of 接诉即办 the web app calls (src/server/routes/requests.ts). Pages reach them
 * through ../hooks/use-requests.ts.
 */
export const requestsApi = {
  catalogue: () => api.get<{ versions: CatalogueVersion[] }>(`${R}/catalogue`),
  create: (intake: OrderIntake) => api.post<WorkOrder>(R, intake),
  list: (query: OrderQuery = {}) =>
    fetchAll((limit, offset) => api.get<Page<WorkOrder>>(R, { ...query, limit, offset })),
  queue: () => fetchAll((limit, offset) => api.get<Page<QueueItem>>(`${R}/queue`, { limit, offset })),
  mine: () => fetchAll((limit, offset) => api.get<Page<UnitQueueItem>>(`${R}/mine`, { limit, offset })),
  get: (id: number) => api.get<WorkOrder>(`${R}/${id}`),
  events: async (id: number) => items(await api.get<Page<OrderEvent>>(`${R}/${id}/events`)),
  act: (id: number, input: OrderEventInput) => api.post<WorkOrder>(`${R}/${id}/events`, input),
  overdue: async () => items(await api.get<{ items: OverdueRow[] }>(`${R}/overdue`, { limit: 100 })),
  dispatch: (id: number, body: DispatchBody) => api.post<WorkOrder>(`${R}/${id}/dispatch`, body),

  scores: async (month: string) =>
    items(await api.get<Page<UnitMonthScore & { unitName: string | null }>>(`${R}/scores`, { month })),
  /** Without `minVolume`, the minimum of the scheme in force in the month; with it, a what-if. */
  rankings: (month: string, minVolume?: number) =>
    api.get<{ month: string; rule: RankingRule; rankings: Ranking[] }>(`${R}/rankings`, { month, minVolume }),
  hotspots: async (month: string, dimension: HotspotDimension, minCount?: number) =>
    items(await api.get<{ items: Hotspot[] }>(`${R}/hotspots`, { month, dimension, minCount })),

  themes: async () => items(await api.get<Page<MonthlyTopic>>(`${R}/themes`)),
  theme: (id: number, asOf?: string) => api.get<ThemeDetail>(`${R}/themes/${id}`, { asOf }),
  createTheme: (draft: TopicDraft) => api.post<MonthlyTopic>(`${R}/themes`, draft),
  themeTaskSuggestions: async (id: number, planId: number) =>
    items(await api.get<Page<LinkSuggestion>>(`${R}/themes/${id}/task-suggestions`, { planId })),
  decideLink: (link: { sourceKey: string; taskId: number; score: number; accept: boolean }) =>
    api.post<TaskLink>(`${R}/task-links`, link),
  byTask: (taskId: number) => api.get<TaskRequests>(`${R}/by-task/${taskId}`),

  /** Closed requests and their outcomes, anonymised, as anyone sees them. */
  publicOrders: (query: { category?: string; area?: string } = {}) =>
    fetchAll((limit, offset) => anonymous.get<Page<PublicOrder>>(R, { ...query, limit, offset })),
};
