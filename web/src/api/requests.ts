/**
 * 接诉即办 (issue 7): the routes of citizens' requests the web app calls, with the server's
 * types, inferred from its zod schemas (src/contract). The jurisdiction's areas and the
 * dispatch catalogue are the deployment's data: they come from the server
 * (`GET /requests/areas`, `GET /requests/catalogue`), never from the app's code.
 */
import { api, fetchAll } from './endpoints';
import { ApiClient } from './client';
import type {
  Catalogue,
  DispatchBody,
  MergeRepeatBody,
  UndoMergeBody,
  HotspotDimension,
  HotspotsAnswer,
  LinkBody,
  LinkSuggestion,
  MonthlyTopic,
  OrderEvent,
  JurisdictionAreas,
  OrderEventBody,
  OrderIntakeBody,
  OrderQuery,
  OverdueAnswer,
  Page,
  PublicOrder,
  QueueItem,
  RankingsAnswer,
  DistrictRankingsAnswer,
  ScoreRow,
  TaskLink,
  TaskRequests,
  ThemeBody,
  ThemeDetail,
  TransferOrderBody,
  TransferView,
  UnitQueueItem,
  WorkOrder,
} from '../../../src/contract';

export type {
  Area,
  JurisdictionAreas,
  CatalogueRow,
  CatalogueVersion,
  CategorySuggestion,
  Contact,
  DeadlineRule,
  DispatchBody,
  DispatchSuggestion,
  Hotspot,
  HotspotDimension,
  LinkSuggestion,
  MediaRef,
  MonthlyTopic,
  ObjectionReason,
  OrderEvent,
  OrderEventBody,
  OrderEventInput,
  OrderIntake,
  OrderIntakeBody,
  OrderLocation,
  OrderQuery,
  OrderSource,
  OrderStatus,
  OverdueItem,
  OverdueRow,
  PublicOrder,
  QueueItem,
  DistrictRankingsAnswer,
  RankedDistrict,
  RankedUnit,
  Ranking,
  RankingRule,
  RateFigure,
  Satisfaction,
  ScoreRow,
  TaskLink,
  TaskRequests,
  ThemeBody,
  ThemeDetail,
  TopicMeasure,
  TransferOrderBody,
  TransferView,
  UnitMonthScore,
  UnitQueueItem,
  WorkOrder,
} from '../../../src/contract';
export {
  OBJECTION_REASONS,
  ORDER_SOURCES,
  ORDER_STATUSES,
  SATISFACTION_LEVELS,
} from '../../../src/contract/constants';

const R = '/requests';

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
  /** The dispatch catalogue's versions, oldest first: the deployment's own. */
  catalogue: () => api.get<Catalogue>(`${R}/catalogue`),
  /** The jurisdiction's streets and towns with their communities: the deployment's own. */
  areas: () => api.get<JurisdictionAreas>(`${R}/areas`),
  create: (intake: OrderIntakeBody) => api.post<WorkOrder>(R, intake),
  list: (query: OrderQuery = {}) =>
    fetchAll((limit, offset) => api.get<Page<WorkOrder>>(R, { ...query, limit, offset })),
  /** The queues as of the end of `asOf` (a past date: as they stood then; absent: now). */
  queue: (asOf?: string) =>
    fetchAll((limit, offset) => api.get<Page<QueueItem>>(`${R}/queue`, { limit, offset, asOf })),
  mine: (asOf?: string) =>
    fetchAll((limit, offset) => api.get<Page<UnitQueueItem>>(`${R}/mine`, { limit, offset, asOf })),
  get: (id: number) => api.get<WorkOrder>(`${R}/${id}`),
  events: async (id: number) => (await api.get<Page<OrderEvent>>(`${R}/${id}/events`)).items,
  act: (id: number, input: OrderEventBody) => api.post<WorkOrder>(`${R}/${id}/events`, input),
  overdue: async (asOf?: string) =>
    (await api.get<OverdueAnswer>(`${R}/overdue`, { limit: 100, asOf })).items,
  dispatch: (id: number, body: DispatchBody) => api.post<WorkOrder>(`${R}/${id}/dispatch`, body),
  /** 重复件: merge an order waiting for dispatch into an open one, and undo it with a reason. */
  mergeRepeat: (id: number, body: MergeRepeatBody) =>
    api.post<{ repeat: WorkOrder; into: WorkOrder }>(`${R}/${id}/merge`, body),
  undoMerge: (id: number, body: UndoMergeBody) =>
    api.post<{ repeat: WorkOrder; into: WorkOrder }>(`${R}/${id}/unmerge`, body),
  /** 市级派单: the order's link to the other jurisdiction, its result, and where it may be handed. */
  transfer: (id: number) => api.get<TransferView>(`${R}/${id}/transfer`),
  transferDown: (id: number, body: TransferOrderBody) => api.post<WorkOrder>(`${R}/${id}/transfer`, body),

  scores: async (month: string) => (await api.get<Page<ScoreRow>>(`${R}/scores`, { month })).items,
  /** Without `minVolume`, the minimum of the scheme in force in the month; with it, a what-if. */
  rankings: (month: string, minVolume?: number) =>
    api.get<RankingsAnswer>(`${R}/rankings`, { month, minVolume }),
  /** 各区排名: the jurisdictions below the caller's ranked by the month's 三率 under one rule. */
  districtRankings: (month: string) => api.get<DistrictRankingsAnswer>(`${R}/district-rankings`, { month }),
  hotspots: async (month: string, dimension: HotspotDimension, minCount?: number) =>
    (await api.get<HotspotsAnswer>(`${R}/hotspots`, { month, dimension, minCount })).items,

  themes: async () => (await api.get<Page<MonthlyTopic>>(`${R}/themes`)).items,
  theme: (id: number, asOf?: string) => api.get<ThemeDetail>(`${R}/themes/${id}`, { asOf }),
  createTheme: (draft: ThemeBody) => api.post<MonthlyTopic>(`${R}/themes`, draft),
  themeTaskSuggestions: async (id: number, planId: number) =>
    (await api.get<Page<LinkSuggestion>>(`${R}/themes/${id}/task-suggestions`, { planId })).items,
  decideLink: (link: LinkBody) => api.post<TaskLink>(`${R}/task-links`, link),
  byTask: (taskId: number) => api.get<TaskRequests>(`${R}/by-task/${taskId}`),

  /** Closed requests and their outcomes, anonymised, as anyone sees them. */
  publicOrders: (query: { category?: string; area?: string } = {}) =>
    fetchAll((limit, offset) => anonymous.get<Page<PublicOrder>>(R, { ...query, limit, offset })),
};
