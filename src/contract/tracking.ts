/**
 * What clients see and send of tracking (issue 4): settings, periods, 我的待办, unit reports,
 * corrections, reminders, notifications and evidence files. Each answer is checked at compile
 * time against the domain type it presents (domain-fit.ts), so a field added on one side and not the
 * other fails to compile instead of being dropped by the serializer. Registered ids become
 * `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { Id, IsoDate, TaskState, Timestamp } from './common.js';

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

export const PeriodStatus = z.enum(['upcoming', 'running', 'due', 'overdue', 'locked']);
export type PeriodStatus = z.infer<typeof PeriodStatus>;

export const PeriodRow = ReportingPeriod.extend({
  status: PeriodStatus,
  lockedAt: Timestamp.nullable(),
}).meta({ id: 'PeriodRow' });
export type PeriodRow = z.infer<typeof PeriodRow>;

export const PeriodRowPage = z.object({ items: z.array(PeriodRow), total: z.int() });
export type PeriodRowPage = z.infer<typeof PeriodRowPage>;

export const PeriodLockAnswer = z.object({ key: z.string(), lockedAt: Timestamp });
export type PeriodLockAnswer = z.infer<typeof PeriodLockAnswer>;

// ---- reports and 我的待办 ---------------------------------------------------------------------

export const EvidenceRef = z
  .object({ fileId: z.union([z.int(), z.string()]), name: z.string() })
  .meta({ id: 'EvidenceRef', description: 'a stored evidence file, by reference' });
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const OwedItem = z
  .object({
    type: z.enum(['task', 'target']),
    id: z.int(),
    role: z.enum(['lead', 'co']),
    dueOn: IsoDate.describe("the lead unit's due date, or the co-units' earlier one"),
  })
  .meta({ id: 'OwedItem' });
export type OwedItem = z.infer<typeof OwedItem>;

export const LineStatus = z
  .enum(['submitted', 'approved', 'returned'])
  .describe('a line is handed in (submitted), then approved or returned by the 督查室');
export type LineStatus = z.infer<typeof LineStatus>;

/** What every line of a report may carry besides its figure. */
const lineFields = {
  evidence: z.array(EvidenceRef).optional().describe("this line's evidence (佐证材料)"),
  status: LineStatus.optional().describe(
    "absent on a report stored before lines had one: the report's status",
  ),
  returnReason: z.string().nullable().optional().describe('why the 督查室 returned the line'),
};
/** When a line of a draft was last saved (autosave). */
const savedAt = { savedAt: Timestamp.optional().describe('when this line of the draft was last saved') };

export const TaskEntry = z
  .object({ taskId: z.int(), progress: z.number(), state: TaskState, note: z.string(), ...lineFields })
  .meta({ id: 'TaskEntry' });
export type TaskEntry = z.infer<typeof TaskEntry>;

export const TargetEntry = z
  .object({ targetId: z.int(), value: z.number(), unit: z.string(), note: z.string(), ...lineFields })
  .meta({ id: 'TargetEntry' });
export type TargetEntry = z.infer<typeof TargetEntry>;

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

export const UnitReportPage = z.object({ items: z.array(UnitReport), total: z.int() });
export type UnitReportPage = z.infer<typeof UnitReportPage>;

export const ReportDraft = z
  .object({
    unitId: z.int(),
    periodKey: z.string(),
    carriedFrom: z.string().nullable(),
    tasks: z.array(TaskEntry.extend(savedAt)),
    targets: z.array(TargetEntry.extend({ value: z.number().nullable(), ...savedAt })),
  })
  .meta({
    id: 'ReportDraft',
    description: "the editable start of a report: last period's lines carried forward",
  });
export type ReportDraft = z.infer<typeof ReportDraft>;

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

export const TodoAnswer = z
  .object({
    period: ReportingPeriod.nullable().describe('null when no period is open or running'),
    items: z.array(Todo),
  })
  .meta({ id: 'TodoAnswer' });
export type TodoAnswer = z.infer<typeof TodoAnswer>;

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

export const RemindersAnswer = z.object({
  period: ReportingPeriod.nullable(),
  items: z.array(Reminder),
  total: z.int(),
});
export type RemindersAnswer = z.infer<typeof RemindersAnswer>;

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
export type NotificationPage = z.infer<typeof NotificationPage>;

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

// ---- writes ------------------------------------------------------------------------------------

/** A reporting period's key: `2022-03` for a month, `2022-Q1` for a quarter. */
export const PeriodKey = z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, 'a period key: 2022-03 or 2022-Q1');
const Version = z.int().min(0).describe('the version you read: a stale one answers 409');

/** A change of the reporting cycle or the health thresholds, with the version read. */
export const SettingsBody = z
  .object({
    period: z
      .object({
        frequency: z.enum(['monthly', 'quarterly']).optional(),
        dueDay: z.int().optional(),
        coUnitLeadDays: z.int().optional(),
        lockAfterDays: z.int().nullable().optional(),
        workdaysOnly: z.boolean().optional(),
      })
      .strict()
      .default({}),
    health: z
      .object({
        thresholds: z.object({ atRisk: z.number(), behind: z.number() }).partial().strict().optional(),
        tolerances: z.object({ approx: z.number(), exact: z.number() }).partial().strict().optional(),
      })
      .strict()
      .default({}),
    version: Version,
  })
  .strict();
export type SettingsBody = z.input<typeof SettingsBody>;

const lineEvidence = z
  .array(Id)
  .max(20)
  .optional()
  .describe("ids of this line's evidence files, uploaded before");
const TaskLine = z
  .object({
    taskId: Id,
    progress: z.number().describe('0–100'),
    state: TaskState,
    note: z.string().max(2000).default(''),
    evidence: lineEvidence,
  })
  .strict();
const TargetLine = z
  .object({
    targetId: Id,
    value: z.number(),
    unit: z.string().max(20),
    note: z.string().max(2000).default(''),
    evidence: lineEvidence,
  })
  .strict();

/** A line of a report named by its item: `{ type: 'task', id: 7 }`. */
export const LineRef = z.object({ type: z.enum(['task', 'target']), id: Id }).strict();
export type LineRef = z.infer<typeof LineRef>;

/**
 * A unit's report for a period: a line per task and target, and evidence uploaded before.
 * With `only`, just those lines are handed in (one task at a time); without, every line owed.
 */
export const ReportBody = z
  .object({
    unitId: Id,
    periodKey: PeriodKey,
    tasks: z.array(TaskLine).max(10_000).default([]),
    targets: z.array(TargetLine).max(10_000).default([]),
    evidence: z.array(Id).max(50).default([]).describe('ids of evidence files uploaded before'),
    only: z.array(LineRef).max(10_000).optional().describe('hand in just these lines'),
  })
  .strict();
export type ReportBody = z.input<typeof ReportBody>;

/**
 * Approve lines awaiting review, or return them with a reason — the lines named (each may
 * have its own reason), else every line awaiting review.
 */
export const ReviewBody = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('approve'),
      lines: z.array(LineRef).max(10_000).optional(),
      version: Version.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('return'),
      reason: z.string().max(2000).optional(),
      lines: z
        .array(LineRef.extend({ reason: z.string().max(2000).optional() }))
        .max(10_000)
        .optional(),
      version: Version.optional(),
    })
    .strict(),
]);
export type ReviewBody = z.input<typeof ReviewBody>;

/**
 * One line of a draft saved as the reporter types (autosave): only the fields sent change.
 * Survives a reload and shows on another device; submitting the line removes it.
 */
export const DraftLineBody = z
  .object({
    unitId: Id,
    periodKey: PeriodKey,
    item: LineRef,
    progress: z.number().nullable().optional(),
    state: TaskState.nullable().optional(),
    value: z.number().nullable().optional(),
    note: z.string().max(2000).optional(),
    evidence: z.array(Id).max(20).optional().describe('ids of evidence files uploaded before'),
    basedOn: Timestamp.nullable()
      .optional()
      .describe(
        "the line's savedAt as the writer last read it (null: none saved); 409 when it moved on since",
      ),
  })
  .strict();
export type DraftLineBody = z.input<typeof DraftLineBody>;

export const DraftLine = z
  .object({
    item: z.object({ type: z.enum(['task', 'target']), id: z.int() }),
    progress: z.number().nullable().optional(),
    state: TaskState.nullable().optional(),
    value: z.number().nullable().optional(),
    note: z.string().optional(),
    evidence: z.array(EvidenceRef).optional(),
    savedAt: Timestamp,
    savedBy: z.int().nullable(),
  })
  .meta({ id: 'DraftLine' });
export type DraftLine = z.infer<typeof DraftLine>;

/** A figure corrected after its period locked, with the reason. */
export const CorrectionBody = z
  .object({
    periodKey: PeriodKey,
    item: z.object({ type: z.enum(['task', 'target']), id: Id }).strict(),
    value: z.number(),
    state: TaskState.nullable().default(null),
    reason: z.string().max(2000),
  })
  .strict();
export type CorrectionBody = z.input<typeof CorrectionBody>;
