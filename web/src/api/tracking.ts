/**
 * The tracking and supervision API (issue 4): periods, settings, 我的待办, unit reports and
 * their review, evidence, reminders, 督办单, 延期, 销号, health and its explanations, history.
 * The types mirror the server's answers (src/server/routes/tracking.ts, supervision.ts,
 * plan-health.ts); they are written out here so the web app type-checks without the server.
 */
import { api } from './endpoints';
import type { Health, Page, Role, TaskState } from './types';
import type { HealthWhy } from '../../../src/plan/health-why';

/** Why a health is what it is: a code and its figures (src/plan/health-why.ts), said by lib/health-why.ts. */
export type { HealthWhy, HealthWhyCode, HealthWhyMethod } from '../../../src/plan/health-why';

export type PeriodStatus = 'upcoming' | 'running' | 'due' | 'overdue' | 'locked';

export interface ReportingPeriod {
  key: string;
  label: string;
  index: number;
  start: string;
  end: string;
  dueOn: string;
  coUnitDueOn: string;
  locksOn: string | null;
}
export type PeriodRow = ReportingPeriod & { status: PeriodStatus; lockedAt: string | null };

export interface PeriodConfig {
  frequency: 'monthly' | 'quarterly';
  dueDay: number;
  coUnitLeadDays: number;
  lockAfterDays: number | null;
  workdaysOnly: boolean;
}
export interface TrackingSettings {
  planId: number;
  period: PeriodConfig;
  health: {
    thresholds?: { atRisk?: number; behind?: number };
    tolerances?: { approx?: number; exact?: number };
  };
  version: number;
  updatedAt: string | null;
}
export interface SettingsWrite {
  period?: Partial<PeriodConfig>;
  health?: TrackingSettings['health'];
  version: number;
}

export interface OwedItem {
  type: 'task' | 'target';
  id: number;
  role: 'lead' | 'co';
  dueOn: string;
}
export interface TaskEntry {
  taskId: number;
  progress: number;
  state: TaskState;
  note: string;
}
export interface TargetEntry {
  targetId: number;
  value: number;
  unit: string;
  note: string;
}
export interface EvidenceRef {
  fileId: number | string;
  name: string;
}
export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export interface UnitReport {
  id: number;
  planId: number;
  unitId: number;
  periodKey: string;
  status: ReportStatus;
  tasks: TaskEntry[];
  targets: TargetEntry[];
  evidence: EvidenceRef[];
  carriedFrom: string | null;
  submittedBy: number | null;
  submittedAt: string | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  returnReason: string | null;
  version: number;
}
export interface ReportDraft {
  unitId: number;
  periodKey: string;
  carriedFrom: string | null;
  tasks: TaskEntry[];
  targets: (Omit<TargetEntry, 'value'> & { value: number | null })[];
}
export interface Todo {
  unitId: number;
  dueOn: string;
  owed: OwedItem[];
  report: UnitReport | null;
  draft: ReportDraft;
}
export interface TodoAnswer {
  period: ReportingPeriod | null;
  items: Todo[];
}
export interface ReportWrite {
  unitId: number;
  periodKey: string;
  tasks: TaskEntry[];
  targets: TargetEntry[];
  evidence: number[];
}
export interface EvidenceFileInfo {
  id: number;
  planId: number;
  unitId: number | null;
  name: string;
  mimeType: string;
  size: number;
  uploadedAt: string;
}
export interface Reminder {
  unitId: number;
  periodKey: string;
  dueOn: string;
  kind: 'due_soon' | 'overdue';
  /** Days until due (negative when overdue). */
  daysLeft: number;
  missing: OwedItem[];
}

export interface SubjectRef {
  type: 'task' | 'target' | 'project' | 'project_list';
  id: number;
}
export type NoticeUrgency = 'red' | 'yellow' | 'blue';
export type NoticeState = 'issued' | 'answered' | 'closed' | 'escalated';
export interface SupervisionNotice {
  id: number;
  planId: number;
  subject: SubjectRef;
  unitId: number;
  urgency: NoticeUrgency;
  state: NoticeState;
  content: string;
  dueOn: string;
  issuedBy: number;
  issuedAt: string;
  answer: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  closingNote: string | null;
  escalations: {
    at: string;
    reason: string;
    fromUrgency: NoticeUrgency;
    toUrgency: NoticeUrgency;
    dueOn: string;
  }[];
  version: number;
}
export type NoticeAction =
  | { type: 'answer'; text: string }
  | { type: 'close'; note?: string }
  | { type: 'escalate'; reason: string; dueOn: string; urgency?: NoticeUrgency };

export type ExtensionState = 'requested' | 'approved' | 'denied';
export interface ExtensionRequest {
  id: number;
  planId: number;
  subject: SubjectRef;
  unitId: number;
  previousDeadline: string | null;
  requestedDeadline: string;
  reason: string;
  state: ExtensionState;
  requestedAt: string;
  decidedAt: string | null;
  approvedDeadline: string | null;
  decisionNote: string | null;
  version: number;
}
export type ClosureState = 'applied' | 'approved' | 'returned';
export interface ClosureApplication {
  id: number;
  planId: number;
  taskId: number;
  unitId: number;
  state: ClosureState;
  evidence: EvidenceRef[];
  note: string;
  appliedAt: string;
  decidedAt: string | null;
  returnReason: string | null;
  version: number;
}

export type HealthColor = 'green' | 'yellow' | 'red' | 'blue' | 'grey' | string;
export interface HealthFigure {
  health: Health;
  color: HealthColor;
  label: string;
  ratio: number | null;
  expected: number | null;
  actual: number | null;
}
export interface OutlineHealth extends HealthFigure {
  id: string;
  progress: number | null;
  coverage: number | null;
}
export interface PlanHealth {
  planId: number;
  asOf: string;
  plan: OutlineHealth | null;
  outline: OutlineHealth[];
  counts: { tasks: Record<Health, number>; targets: Record<Health, number> };
}
export interface ItemHealth extends HealthFigure {
  type: 'task' | 'target' | 'project-list';
  id: number;
  comparedAt: string | null;
  stale: boolean;
  why: HealthWhy;
  /** The same as `why` in English, for API consumers; the app says `why` in the reader's language. */
  reason: string;
  state?: TaskState;
  progress?: number;
  deadline?: string | null;
  extended?: boolean;
}
/** One month of GET /health/trend: the plan's roll-up and the counts per health, as of `asOf`. */
export interface HealthTrendPoint {
  month: string;
  asOf: string;
  plan: Omit<OutlineHealth, 'id'>;
  counts: PlanHealth['counts'];
}
export interface HealthTrend {
  planId: number;
  from: string;
  to: string;
  items: HealthTrendPoint[];
  total: number;
}
/** One reporting period of GET /health/trend/:item: the item's health as of `asOf`. */
export interface ItemHealthTrendPoint extends Omit<ItemHealth, 'type' | 'id' | 'state' | 'progress'> {
  period: { key: string; label: string; start: string; end: string };
  /** The period's last day, or today for the current period. */
  asOf: string;
}
export interface ItemHealthTrend {
  planId: number;
  item: { type: 'task' | 'target'; id: number };
  frequency: 'monthly' | 'quarterly';
  items: ItemHealthTrendPoint[];
  total: number;
}
export interface ExplainChild {
  id: string;
  label?: string;
  weight: number;
  share: number;
  effectiveShare: number;
  value: number | null;
  coverage: number;
  contribution: number;
}
export interface Explanation {
  id: string;
  label?: string;
  kind: 'leaf' | 'rollup' | 'empty';
  value: number | null;
  coverage: number;
  children: ExplainChild[];
  formula: string;
}
export interface ExplainAnswer {
  asOf: string;
  progress: Explanation;
  expected: Explanation;
  health: OutlineHealth | null;
}
export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}
export interface HistoryEntry {
  at: string;
  action: string;
  actor: { role: Role; userId?: number } | null;
  reason: string | null;
  changes: FieldChange[];
}

const plan = (id: number) => `/plans/${id}`;
type ItemPath = 'tasks' | 'targets' | 'projects';

export const trackingApi = {
  settings: (id: number) => api.get<TrackingSettings>(`${plan(id)}/tracking/settings`),
  saveSettings: (id: number, write: SettingsWrite) =>
    api.request<TrackingSettings>('PUT', `${plan(id)}/tracking/settings`, {
      body: { period: write.period ?? {}, health: write.health ?? {}, version: write.version },
    }),
  periods: (id: number) => api.get<Page<PeriodRow>>(`${plan(id)}/periods`),
  lockPeriod: (id: number, key: string) =>
    api.post<{ key: string; lockedAt: string }>(`${plan(id)}/periods/${key}/lock`),

  todos: (id: number, query: { unitId?: number; periodKey?: string } = {}) =>
    api.get<TodoAnswer>(`${plan(id)}/todos`, query),
  submitReport: (id: number, report: ReportWrite) => api.post<UnitReport>(`${plan(id)}/reports`, report),
  reports: (id: number, query: { periodKey?: string; unitId?: number; status?: ReportStatus } = {}) =>
    api.get<Page<UnitReport>>(`${plan(id)}/reports`, query),
  reviewReport: (
    id: number,
    reportId: number,
    action: { type: 'approve' } | { type: 'return'; reason: string },
    version?: number,
  ) => api.post<UnitReport>(`${plan(id)}/reports/${reportId}/review`, { ...action, version }),
  uploadEvidence: (id: number, file: Blob, name: string, unitId?: number) => {
    const form = new FormData();
    if (unitId !== undefined) form.set('unitId', String(unitId));
    form.set('file', file, name);
    return api.request<EvidenceFileInfo>('POST', `${plan(id)}/evidence`, { body: form });
  },
  evidenceUrl: (id: number, fileId: number | string) => `${api.base}${plan(id)}/evidence/${fileId}`,
  reminders: (id: number) =>
    api.get<{ period: ReportingPeriod | null; items: Reminder[] }>(`${plan(id)}/reminders`),

  notices: (
    id: number,
    query: { subjectType?: SubjectRef['type']; subjectId?: number; state?: string } = {},
  ) => api.get<Page<SupervisionNotice>>(`${plan(id)}/notices`, query),
  issueNotice: (
    id: number,
    body: { subject: SubjectRef; unitId?: number; urgency?: NoticeUrgency; content: string; dueOn: string },
  ) => api.post<SupervisionNotice>(`${plan(id)}/notices`, body),
  moveNotice: (id: number, noticeId: number, action: NoticeAction, version?: number) =>
    api.post<SupervisionNotice>(`${plan(id)}/notices/${noticeId}/actions`, { ...action, version }),
  extensions: (
    id: number,
    query: { subjectType?: SubjectRef['type']; subjectId?: number; state?: string } = {},
  ) => api.get<Page<ExtensionRequest>>(`${plan(id)}/extensions`, query),
  requestExtension: (id: number, body: { subject: SubjectRef; requestedDeadline: string; reason: string }) =>
    api.post<ExtensionRequest>(`${plan(id)}/extensions`, body),
  decideExtension: (
    id: number,
    extensionId: number,
    action: { type: 'approve'; deadline?: string; note?: string } | { type: 'deny'; reason: string },
    version?: number,
  ) => api.post<ExtensionRequest>(`${plan(id)}/extensions/${extensionId}/decision`, { ...action, version }),
  closures: (
    id: number,
    query: { subjectType?: SubjectRef['type']; subjectId?: number; state?: string } = {},
  ) => api.get<Page<ClosureApplication>>(`${plan(id)}/closures`, query),
  applyToClose: (id: number, taskId: number, body: { evidence: number[]; note: string }) =>
    api.post<ClosureApplication>(`${plan(id)}/tasks/${taskId}/closure`, body),
  decideClosure: (
    id: number,
    closureId: number,
    action: { type: 'approve' } | { type: 'return'; reason: string },
    version?: number,
  ) =>
    api.post<{ application: ClosureApplication; task: { id: number; state: TaskState; version: number } }>(
      `${plan(id)}/closures/${closureId}/decision`,
      { ...action, version },
    ),
  reopenTask: (id: number, taskId: number, reason: string, version?: number) =>
    api.post<{ id: number; state: TaskState; version: number }>(`${plan(id)}/tasks/${taskId}/reopen`, {
      reason,
      version,
    }),

  health: (id: number, date?: string) => api.get<PlanHealth>(`${plan(id)}/health`, { date }),
  /** Month ends from `from` to `to` (YYYY-MM; default the plan's year), up to today, in one request. */
  healthTrend: (id: number, query: { from?: string; to?: string } = {}) =>
    api.get<HealthTrend>(`${plan(id)}/health/trend`, query),
  /** A task's or target's health at each reporting period's end up to today, in one request. */
  itemHealthTrend: (id: number, item: { type: 'task' | 'target'; id: number }) =>
    api.get<ItemHealthTrend>(`${plan(id)}/health/trend/${item.type}:${item.id}`),
  healthItems: (id: number, query: { type?: ItemHealth['type']; date?: string } = {}) =>
    api.get<{ asOf: string; items: ItemHealth[]; total: number }>(`${plan(id)}/health/items`, query),
  explain: (id: number, nodeId: string, date?: string) =>
    api.get<ExplainAnswer>(`${plan(id)}/explain/${nodeId}`, { date }),
  history: (id: number, path: ItemPath, itemId: number) =>
    api.get<Page<HistoryEntry>>(`${plan(id)}/${path}/${itemId}/history`),
};
