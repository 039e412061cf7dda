/**
 * The tracking and supervision API (issue 4): periods, settings, 我的待办, unit reports and
 * their review, evidence, reminders, 督办单, 延期, 销号, health and its explanations, history.
 * Every type is the server's, inferred from its zod schemas (src/contract).
 */
import { api } from './endpoints';
import type {
  ClosureApplication,
  ClosureBody,
  ClosureDecision,
  ClosureDecisionAnswer,
  DraftLine,
  DraftLineBody,
  EvidenceFileInfo,
  ExplainAnswer,
  ExtensionBody,
  ExtensionDecision,
  ExtensionRequest,
  HealthTrend,
  HistoryEntry,
  ItemHealth,
  ItemHealthPage,
  ItemHealthTrend,
  NoticeAction,
  NoticeBody,
  Page,
  PeriodLockAnswer,
  PeriodRow,
  PlanHealthAnswer,
  RemindersAnswer,
  ReportBody,
  ReviewBody,
  SettingsBody,
  SupervisionListQuery,
  SupervisionNotice,
  SupervisionNoticePage,
  TaskStateAnswer,
  TodoAnswer,
  TrackingSettings,
  UnitReport,
} from '../../../src/contract';

export type {
  ClosureApplication,
  DraftLine,
  DraftLineBody,
  EvidenceFileInfo,
  EvidenceRef,
  ExplainAnswer,
  ExplainChild,
  Explanation,
  ExtensionRequest,
  FieldChange,
  HealthTrend,
  HealthTrendPoint,
  HealthWhy,
  HealthWhyCode,
  HistoryEntry,
  ItemHealth,
  ItemHealthTrend,
  ItemHealthTrendPoint,
  NodeHealth,
  NoticeAction,
  NoticeUrgency,
  OutlineHealth,
  OwedItem,
  PeriodConfig,
  PeriodRow,
  PeriodStatus,
  PlanHealthAnswer,
  Reminder,
  ReportBody,
  ReportDraft,
  ReportingPeriod,
  SettingsBody,
  SubjectRef,
  SupervisionNotice,
  TargetEntry,
  TaskEntry,
  Todo,
  TodoAnswer,
  TrackingSettings,
  UnitReport,
} from '../../../src/contract';

const plan = (id: number) => `/plans/${id}`;

/** An action body without its version: the client sends the version read beside it. */
type Action<T> = T extends unknown ? Omit<T, 'version'> : never;
type ItemPath = 'tasks' | 'targets' | 'projects';

export const trackingApi = {
  settings: (id: number) => api.get<TrackingSettings>(`${plan(id)}/tracking/settings`),
  saveSettings: (id: number, write: SettingsBody) =>
    api.request<TrackingSettings>('PUT', `${plan(id)}/tracking/settings`, {
      body: { period: write.period ?? {}, health: write.health ?? {}, version: write.version },
    }),
  periods: (id: number) => api.get<Page<PeriodRow>>(`${plan(id)}/periods`),
  lockPeriod: (id: number, key: string) => api.post<PeriodLockAnswer>(`${plan(id)}/periods/${key}/lock`),

  todos: (id: number, query: { unitId?: number; periodKey?: string } = {}) =>
    api.get<TodoAnswer>(`${plan(id)}/todos`, query),
  submitReport: (id: number, report: ReportBody) => api.post<UnitReport>(`${plan(id)}/reports`, report),
  /** Autosave: one line of the draft, based on the line as last read (409 when it moved on). */
  saveDraftLine: (id: number, body: DraftLineBody) =>
    api.request<DraftLine>('PUT', `${plan(id)}/reports/draft-lines`, { body }),
  reports: (id: number, query: { periodKey?: string; unitId?: number; status?: UnitReport['status'] } = {}) =>
    api.get<Page<UnitReport>>(`${plan(id)}/reports`, query),
  reviewReport: (id: number, reportId: number, action: Action<ReviewBody>, version?: number) =>
    api.post<UnitReport>(`${plan(id)}/reports/${reportId}/review`, { ...action, version } as ReviewBody),
  uploadEvidence: (id: number, file: Blob, name: string, unitId?: number) => {
    const form = new FormData();
    if (unitId !== undefined) form.set('unitId', String(unitId));
    form.set('file', file, name);
    return api.request<EvidenceFileInfo>('POST', `${plan(id)}/evidence`, { body: form });
  },
  evidenceUrl: (id: number, fileId: number | string) => `${api.base}${plan(id)}/evidence/${fileId}`,
  /** The 督办单 as a Word 督办通知单, to print or file. */
  noticeDocxUrl: (id: number, noticeId: number) => `${api.base}${plan(id)}/notices/${noticeId}.docx`,
  /** The 督办通知单 as PDF, made on request (a few seconds). */
  noticePdf: (id: number, noticeId: number) =>
    api.request<Blob>('GET', `${plan(id)}/notices/${noticeId}.pdf`, { blob: 'application/pdf' }),
  reminders: (id: number, asOf?: string) => api.get<RemindersAnswer>(`${plan(id)}/reminders`, { asOf }),

  notices: (id: number, query: SupervisionListQuery = {}) =>
    api.get<SupervisionNoticePage>(`${plan(id)}/notices`, query),
  issueNotice: (id: number, body: NoticeBody) => api.post<SupervisionNotice>(`${plan(id)}/notices`, body),
  moveNotice: (id: number, noticeId: number, action: Action<NoticeAction>, version?: number) =>
    api.post<SupervisionNotice>(`${plan(id)}/notices/${noticeId}/actions`, {
      ...action,
      version,
    } as NoticeAction),
  extensions: (id: number, query: SupervisionListQuery = {}) =>
    api.get<Page<ExtensionRequest>>(`${plan(id)}/extensions`, query),
  requestExtension: (id: number, body: ExtensionBody) =>
    api.post<ExtensionRequest>(`${plan(id)}/extensions`, body),
  decideExtension: (id: number, extensionId: number, action: Action<ExtensionDecision>, version?: number) =>
    api.post<ExtensionRequest>(`${plan(id)}/extensions/${extensionId}/decision`, {
      ...action,
      version,
    } as ExtensionDecision),
  closures: (id: number, query: SupervisionListQuery = {}) =>
    api.get<Page<ClosureApplication>>(`${plan(id)}/closures`, query),
  applyToClose: (id: number, taskId: number, body: ClosureBody) =>
    api.post<ClosureApplication>(`${plan(id)}/tasks/${taskId}/closure`, body),
  decideClosure: (id: number, closureId: number, action: Action<ClosureDecision>, version?: number) =>
    api.post<ClosureDecisionAnswer>(`${plan(id)}/closures/${closureId}/decision`, {
      ...action,
      version,
    } as ClosureDecision),
  reopenTask: (id: number, taskId: number, reason: string, version?: number) =>
    api.post<TaskStateAnswer>(`${plan(id)}/tasks/${taskId}/reopen`, { reason, version }),

  health: (id: number, date?: string) => api.get<PlanHealthAnswer>(`${plan(id)}/health`, { date }),
  /** Month ends from `from` to `to` (YYYY-MM; default the plan's year), up to today, in one request. */
  healthTrend: (id: number, query: { from?: string; to?: string } = {}) =>
    api.get<HealthTrend>(`${plan(id)}/health/trend`, query),
  /** A task's or target's health at each reporting period's end up to today, in one request. */
  itemHealthTrend: (id: number, item: { type: 'task' | 'target'; id: number }) =>
    api.get<ItemHealthTrend>(`${plan(id)}/health/trend/${item.type}:${item.id}`),
  healthItems: (id: number, query: { type?: ItemHealth['type']; date?: string } = {}) =>
    api.get<ItemHealthPage>(`${plan(id)}/health/items`, query),
  explain: (id: number, nodeId: string, date?: string) =>
    api.get<ExplainAnswer>(`${plan(id)}/explain/${nodeId}`, { date }),
  history: (id: number, path: ItemPath, itemId: number) =>
    api.get<Page<HistoryEntry>>(`${plan(id)}/${path}/${itemId}/history`),
};
