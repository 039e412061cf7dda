/**
 * What clients see of tracking and supervision (issue 4): settings, periods, 我的待办, unit
 * reports, corrections, reminders, notifications, evidence files, 督办单, 延期 and 销号.
 * Each schema is checked at compile time against the domain (or store) type it presents
 * (`same` below), so a field added on one side and not the other fails to compile instead of
 * being dropped by the serializer. Registered ids become `components.schemas` in the OpenAPI
 * document.
 */
import { z } from 'zod';
import type {
  PeriodConfig as DomainPeriodConfig,
  PeriodLock as DomainPeriodLock,
  PeriodStatus as DomainPeriodStatus,
  ReportingPeriod as DomainReportingPeriod,
} from '../plan/periods.js';
import type {
  FigureCorrection as DomainFigureCorrection,
  OwedItem as DomainOwedItem,
  Reminder as DomainReminder,
  ReportDraft as DomainReportDraft,
  TargetEntry as DomainTargetEntry,
  TaskEntry as DomainTaskEntry,
  UnitReport as DomainUnitReport,
} from '../plan/reporting.js';
import type {
  ClosureApplication as DomainClosureApplication,
  EvidenceRef as DomainEvidenceRef,
  ExtensionRequest as DomainExtensionRequest,
  NoticeEscalation as DomainNoticeEscalation,
  SubjectRef as DomainSubjectRef,
  SupervisionNotice as DomainSupervisionNotice,
} from '../plan/supervision.js';
import type { Task as DomainTask } from '../plan/types.js';
import type {
  EvidenceFileInfo as StoredEvidenceFileInfo,
  TrackingSettings as StoredTrackingSettings,
  Versioned,
} from '../store/types.js';
import { IsoDate, TaskState } from './schemas.js';

/** Both types assign to each other and name the same keys: no field missing on either side. */
type Same<A, B> = [A, B] extends [B, A]
  ? [keyof A, keyof B] extends [keyof B, keyof A]
    ? true
    : false
  : false;
/** Compiles only when `A` and `B` are the same shape (a type-level check; does nothing at run time). */
const same = <A, B>(check: Same<A, B>): boolean => check;

const Timestamp = z.string().describe('ISO timestamp');
const version = z.int().describe('send it back with the next write: a stale version answers 409');

// ---- settings and periods ---------------------------------------------------------------------

export const PeriodConfig = z
  .object({
    frequency: z.enum(['monthly', 'quarterly']),
    dueDay: z.int().describe('day of the month after the period by which the lead unit reports'),
    coUnitLeadDays: z.int().describe('co-units are due this many days before the lead unit'),
    lockAfterDays: z.int().nullable().describe('days after the due date the period locks by itself'),
    workdaysOnly: z.boolean().describe('due dates moved off weekends and holidays (调休 counted)'),
  })
  .meta({ id: 'PeriodConfig' });
export type PeriodConfig = z.infer<typeof PeriodConfig>;
same<PeriodConfig, DomainPeriodConfig>(true);

export const TrackingSettings = z
  .object({
    planId: z.int(),
    period: PeriodConfig,
    health: z
      .object({
        thresholds: z.object({ atRisk: z.number().optional(), behind: z.number().optional() }).optional(),
        tolerances: z.object({ approx: z.number().optional(), exact: z.number().optional() }).optional(),
      })
      .describe("the plan's overrides of the default health thresholds and tolerances"),
    version: z.int().describe('0 while the plan runs on the defaults; send it back with a PUT'),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'TrackingSettings' });
export type TrackingSettings = z.infer<typeof TrackingSettings>;
same<TrackingSettings, StoredTrackingSettings>(true);

export const ReportingPeriod = z
  .object({
    key: z.string().describe('2022-03 for a month, 2022-Q1 for a quarter'),
    label: z.string().describe('2022年3月, 2022年第一季度'),
    index: z.int().describe('1-based position in the year'),
    start: IsoDate,
    end: IsoDate,
    dueOn: IsoDate.describe("the lead unit's due date"),
    coUnitDueOn: IsoDate.describe("the co-units' (earlier) due date"),
    locksOn: IsoDate.nullable().describe('first day locked by itself; null when only closing locks it'),
  })
  .meta({ id: 'ReportingPeriod' });
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;
same<ReportingPeriod, DomainReportingPeriod>(true);

export const PeriodStatus = z.enum(['upcoming', 'running', 'due', 'overdue', 'locked']);
export type PeriodStatus = z.infer<typeof PeriodStatus>;
same<PeriodStatus, DomainPeriodStatus>(true);

export const PeriodRow = ReportingPeriod.extend({
  status: PeriodStatus,
  lockedAt: Timestamp.nullable(),
}).meta({ id: 'PeriodRow' });
export type PeriodRow = z.infer<typeof PeriodRow>;
same<PeriodRow, DomainReportingPeriod & { status: DomainPeriodStatus; lockedAt: string | null }>(true);

export const PeriodRowPage = z.object({ items: z.array(PeriodRow), total: z.int() });

export const PeriodLockAnswer = z.object({ key: z.string(), lockedAt: Timestamp });
same<z.infer<typeof PeriodLockAnswer>, Pick<DomainPeriodLock, 'key' | 'lockedAt'>>(true);

// ---- reports and 我的待办 ---------------------------------------------------------------------

export const EvidenceRef = z
  .object({ fileId: z.union([z.int(), z.string()]), name: z.string() })
  .meta({ id: 'EvidenceRef', description: 'a stored evidence file, by reference' });
export type EvidenceRef = z.infer<typeof EvidenceRef>;
same<EvidenceRef, DomainEvidenceRef>(true);

export const OwedItem = z
  .object({
    type: z.enum(['task', 'target']),
    id: z.int(),
    role: z.enum(['lead', 'co']),
    dueOn: IsoDate.describe("the lead unit's due date, or the co-units' earlier one"),
  })
  .meta({ id: 'OwedItem' });
export type OwedItem = z.infer<typeof OwedItem>;
same<OwedItem, DomainOwedItem>(true);

export const TaskEntry = z
  .object({ taskId: z.int(), progress: z.number(), state: TaskState, note: z.string() })
  .meta({ id: 'TaskEntry' });
export type TaskEntry = z.infer<typeof TaskEntry>;
same<TaskEntry, DomainTaskEntry>(true);

export const TargetEntry = z
  .object({ targetId: z.int(), value: z.number(), unit: z.string(), note: z.string() })
  .meta({ id: 'TargetEntry' });
export type TargetEntry = z.infer<typeof TargetEntry>;
same<TargetEntry, DomainTargetEntry>(true);

export const UnitReport = z
  .object({
    id: z.int(),
    planId: z.int(),
    unitId: z.int(),
    periodKey: z.string(),
    status: z.enum(['draft', 'submitted', 'approved', 'returned']),
    tasks: z.array(TaskEntry),
    targets: z.array(TargetEntry),
    evidence: z.array(EvidenceRef),
    carriedFrom: z.string().nullable().describe('the period this report started from, when carried forward'),
    submittedBy: z.int().nullable(),
    submittedAt: Timestamp.nullable(),
    reviewedBy: z.int().nullable(),
    reviewedAt: Timestamp.nullable(),
    returnReason: z.string().nullable(),
    version,
  })
  .meta({ id: 'UnitReport' });
export type UnitReport = z.infer<typeof UnitReport>;
same<UnitReport, Versioned<DomainUnitReport>>(true);

export const UnitReportPage = z.object({ items: z.array(UnitReport), total: z.int() });

export const ReportDraft = z
  .object({
    unitId: z.int(),
    periodKey: z.string(),
    carriedFrom: z.string().nullable(),
    tasks: z.array(TaskEntry),
    targets: z.array(TargetEntry.extend({ value: z.number().nullable() })),
  })
  .meta({
    id: 'ReportDraft',
    description: "the editable start of a report: last period's lines carried forward",
  });
export type ReportDraft = z.infer<typeof ReportDraft>;
same<ReportDraft, DomainReportDraft>(true);

export const Todo = z
  .object({
    unitId: z.int(),
    dueOn: IsoDate,
    owed: z.array(OwedItem),
    report: UnitReport.nullable().describe('the report as it stands; null before one is saved'),
    draft: ReportDraft,
  })
  .meta({ id: 'Todo', description: '我的待办: what one unit owes for the period' });
export type Todo = z.infer<typeof Todo>;
same<
  Todo,
  {
    unitId: number;
    dueOn: string;
    owed: DomainOwedItem[];
    report: Versioned<DomainUnitReport> | null;
    draft: DomainReportDraft;
  }
>(true);

export const TodoAnswer = z
  .object({
    period: ReportingPeriod.nullable().describe('null when no period is open or running'),
    items: z.array(Todo),
  })
  .meta({ id: 'TodoAnswer' });

export const FigureCorrection = z
  .object({
    id: z.int(),
    planId: z.int(),
    periodKey: z.string(),
    item: z.object({ type: z.enum(['task', 'target']), id: z.int() }),
    value: z.number().describe("the target's value, or the task's progress"),
    state: TaskState.nullable(),
    reason: z.string(),
    correctedBy: z.int(),
    correctedAt: Timestamp,
  })
  .meta({ id: 'FigureCorrection' });
export type FigureCorrection = z.infer<typeof FigureCorrection>;
same<FigureCorrection, DomainFigureCorrection>(true);

export const Reminder = z
  .object({
    unitId: z.int(),
    periodKey: z.string(),
    dueOn: IsoDate,
    kind: z.enum(['due_soon', 'overdue']),
    daysLeft: z.int().describe('days until due (negative when overdue)'),
    missing: z.array(OwedItem),
  })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof Reminder>;
same<Reminder, DomainReminder>(true);

export const RemindersAnswer = z.object({
  period: ReportingPeriod.nullable(),
  items: z.array(Reminder),
  total: z.int(),
});

export const Notification = z
  .object({
    kind: z.string().describe('report.due_soon, report.overdue, notice.issued, extension.requested…'),
    unitId: z.int(),
    id: z.union([z.int(), z.string()]).describe("the record's id, or a period key for report reminders"),
    dueOn: IsoDate.nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({ items: z.array(Notification), total: z.int() });

export const EvidenceFileInfo = z
  .object({
    id: z.int(),
    planId: z.int(),
    unitId: z.int().nullable(),
    name: z.string(),
    mimeType: z.string(),
    size: z.int(),
    sha256: z.string(),
    uploadedBy: z.int().nullable(),
    uploadedAt: Timestamp,
  })
  .meta({ id: 'EvidenceFileInfo' });
export type EvidenceFileInfo = z.infer<typeof EvidenceFileInfo>;
same<EvidenceFileInfo, StoredEvidenceFileInfo>(true);

// ---- supervision: 督办单, 延期, 销号 ----------------------------------------------------------

export const SubjectRef = z
  .object({ type: z.enum(['task', 'target', 'project', 'project_list']), id: z.int() })
  .meta({ id: 'SubjectRef' });
export type SubjectRef = z.infer<typeof SubjectRef>;
same<SubjectRef, DomainSubjectRef>(true);

const NoticeUrgency = z.enum(['red', 'yellow', 'blue']).describe('红/黄/蓝 三色督办');

export const NoticeEscalation = z
  .object({
    at: Timestamp,
    by: z.int(),
    reason: z.string(),
    fromUrgency: NoticeUrgency,
    toUrgency: NoticeUrgency,
    dueOn: IsoDate,
  })
  .meta({ id: 'NoticeEscalation' });
same<z.infer<typeof NoticeEscalation>, DomainNoticeEscalation>(true);

export const SupervisionNotice = z
  .object({
    id: z.int(),
    planId: z.int(),
    subject: SubjectRef,
    unitId: z.int(),
    urgency: NoticeUrgency,
    state: z.enum(['issued', 'answered', 'closed', 'escalated']),
    content: z.string(),
    dueOn: IsoDate.describe('the date the unit must answer by (moved by an escalation)'),
    issuedBy: z.int(),
    issuedAt: Timestamp,
    answer: z.string().nullable(),
    answeredBy: z.int().nullable(),
    answeredAt: Timestamp.nullable(),
    closedBy: z.int().nullable(),
    closedAt: Timestamp.nullable(),
    closingNote: z.string().nullable(),
    escalations: z.array(NoticeEscalation),
    version,
  })
  .meta({ id: 'SupervisionNotice', description: '督办单' });
export type SupervisionNotice = z.infer<typeof SupervisionNotice>;
same<SupervisionNotice, Versioned<DomainSupervisionNotice>>(true);

export const SupervisionNoticePage = z.object({
  items: z.array(
    SupervisionNotice.extend({
      overdue: z.boolean().describe('still unanswered after its due date (催办)'),
    }),
  ),
  total: z.int(),
});

export const ExtensionRequest = z
  .object({
    id: z.int(),
    planId: z.int(),
    subject: SubjectRef,
    unitId: z.int(),
    previousDeadline: z.string().nullable().describe('the deadline in force when asked'),
    requestedDeadline: IsoDate,
    reason: z.string(),
    state: z.enum(['requested', 'approved', 'denied']),
    requestedBy: z.int(),
    requestedAt: Timestamp,
    decidedBy: z.int().nullable(),
    decidedAt: Timestamp.nullable(),
    approvedDeadline: z.string().nullable().describe('the deadline granted; null unless approved'),
    decisionNote: z.string().nullable(),
    version,
  })
  .meta({ id: 'ExtensionRequest', description: '延期申请' });
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;
same<ExtensionRequest, Versioned<DomainExtensionRequest>>(true);

export const ExtensionRequestPage = z.object({ items: z.array(ExtensionRequest), total: z.int() });

export const ClosureApplication = z
  .object({
    id: z.int(),
    planId: z.int(),
    taskId: z.int(),
    unitId: z.int(),
    state: z.enum(['applied', 'approved', 'returned']),
    evidence: z.array(EvidenceRef),
    note: z.string(),
    appliedBy: z.int(),
    appliedAt: Timestamp,
    decidedBy: z.int().nullable(),
    decidedAt: Timestamp.nullable(),
    returnReason: z.string().nullable(),
    version,
  })
  .meta({ id: 'ClosureApplication', description: '销号申请' });
export type ClosureApplication = z.infer<typeof ClosureApplication>;
same<ClosureApplication, Versioned<DomainClosureApplication>>(true);

export const ClosureApplicationPage = z.object({ items: z.array(ClosureApplication), total: z.int() });

/** A task's state after closing or reopening it. */
export const TaskStateAnswer = z
  .object({ id: z.int(), state: TaskState, progress: z.number(), version })
  .meta({ id: 'TaskStateAnswer' });
export type TaskStateAnswer = z.infer<typeof TaskStateAnswer>;
same<TaskStateAnswer, Pick<DomainTask, 'id' | 'state' | 'progress' | 'version'>>(true);

export const ClosureDecisionAnswer = z.object({ application: ClosureApplication, task: TaskStateAnswer });
