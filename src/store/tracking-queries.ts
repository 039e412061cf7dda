/**
 * The tracking tables of issue 4 (settings, period locks, unit reports, evidence, corrections,
 * supervision records, audit events) over Kysely, for KyselyStore to delegate to. Rows are
 * snake_case here; JSON columns hold the domain's own shapes (src/plan/reporting.ts,
 * src/plan/supervision.ts), so the domain and the rows cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import type { AuditEntityType, AuditEvent } from '../plan/audit.js';
import { DEFAULT_PERIOD_CONFIG } from '../plan/periods.js';
import type { PeriodFrequency, PeriodLock } from '../plan/periods.js';
import type { FigureCorrection, ReportStatus, UnitReport } from '../plan/reporting.js';
import type { SubjectRef } from '../plan/supervision.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { Role, TaskState } from '../plan/types.js';
import type { Database, SupervisionTable, UnitReportsTable } from './schema.js';
import type {
  ChangeMeta,
  EvidenceFileInfo,
  SupervisionFilter,
  SupervisionKind,
  SupervisionRecords,
  TrackingSettings,
  UnitReportFilter,
  Versioned,
} from './types.js';

export type Db = Kysely<Database> | Transaction<Database>;

const SUPERVISION_TABLES = {
  notice: 'notices',
  extension: 'extension_requests',
  closure: 'closure_applications',
} as const;

/** The three tables share one shape (SupervisionTable): typed as one of them for Kysely. */
function tableOf(kind: SupervisionKind): 'notices' {
  return SUPERVISION_TABLES[kind] as 'notices';
}

function conflictOnUnique(error: unknown, message: string): unknown {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    ? new AppError('CONFLICT', message)
    : error;
}

function stale(what: string, id: number): AppError {
  return new AppError('CONFLICT', `${what} ${id} was changed by someone else: reload it and try again`, [
    { path: 'version', message: 'stale version' },
  ]);
}

// ---- audit ------------------------------------------------------------------------------

/** Appends one audit event (never updated, never deleted). */
export async function insertAuditEvent(db: Db, event: AuditEvent, subject?: SubjectRef): Promise<void> {
  const own =
    event.entity.type === 'task' || event.entity.type === 'target' || event.entity.type === 'project'
      ? { type: event.entity.type, id: Number(event.entity.id) }
      : undefined;
  const item = subject ?? own;
  await db
    .insertInto('audit_events')
    .values({
      plan_id: event.planId,
      at: event.at,
      actor_user_id: event.actor?.userId ?? null,
      actor_role: event.actor?.role ?? null,
      entity_type: event.entity.type,
      entity_id: String(event.entity.id),
      subject_type: item?.type ?? null,
      subject_id: item?.id ?? null,
      action: event.action,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      reason: event.reason,
    })
    .execute();
}

/** The audit event of a plan-item update, from the caller's meta (or the system, now). */
export function changeEvent(
  entity: { type: AuditEntityType; id: number },
  planId: number,
  before: object,
  after: object,
  meta: ChangeMeta | undefined,
): AuditEvent {
  return {
    at: meta?.at ?? new Date().toISOString(),
    actor: meta?.actor ? { userId: meta.actor.userId, role: meta.actor.role } : null,
    entity,
    planId,
    action: meta?.action ?? `${entity.type}.update`,
    before: JSON.parse(JSON.stringify(before)) as Record<string, unknown>,
    after: JSON.parse(JSON.stringify(after)) as Record<string, unknown>,
    reason: meta?.reason ?? null,
  };
}

export async function selectAuditEvents(
  db: Db,
  planId: number,
  filter: { entity?: { type: string; id: number | string }; item?: SubjectRef; afterId?: number } = {},
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('plan_id', '=', planId);
  if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
  if (filter.entity) {
    const entity = filter.entity;
    query = query.where('entity_type', '=', entity.type).where('entity_id', '=', String(entity.id));
  }
  if (filter.item) {
    const item = filter.item;
    query = query.where('subject_type', '=', item.type).where('subject_id', '=', item.id);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor_user_id === null ? null : { userId: r.actor_user_id, role: r.actor_role as Role },
    entity: {
      type: r.entity_type as AuditEntityType,
      id: /^\d+$/.test(r.entity_id) ? Number(r.entity_id) : r.entity_id,
    },
    planId: r.plan_id,
    action: r.action,
    before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
    reason: r.reason,
  }));
}

// ---- settings and locks -------------------------------------------------------------------

export async function selectTrackingSettings(db: Db, planId: number): Promise<TrackingSettings> {
  const row = await db
    .selectFrom('tracking_settings')
    .selectAll()
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!row) return { planId, period: { ...DEFAULT_PERIOD_CONFIG }, health: {}, version: 0, updatedAt: null };
  return {
    planId,
    period: {
      frequency: row.frequency as PeriodFrequency,
      dueDay: row.due_day,
      coUnitLeadDays: row.co_unit_lead_days,
      lockAfterDays: row.lock_after_days,
      workdaysOnly: row.workdays_only === 1,
    },
    health: JSON.parse(row.health_config) as HealthConfigInput,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function writeTrackingSettings(
  db: Db,
  planId: number,
  input: Pick<TrackingSettings, 'period' | 'health'>,
  expectedVersion: number,
  at: string,
): Promise<void> {
  const values = {
    frequency: input.period.frequency,
    due_day: input.period.dueDay,
    co_unit_lead_days: input.period.coUnitLeadDays,
    lock_after_days: input.period.lockAfterDays,
    workdays_only: input.period.workdaysOnly ? 1 : 0,
    health_config: JSON.stringify(input.health),
    updated_at: at,
  };
  if (expectedVersion === 0) {
    try {
      await db
        .insertInto('tracking_settings')
        .values({ plan_id: planId, ...values, version: 1 })
        .execute();
    } catch (error) {
      throw conflictOnUnique(error, `the settings of plan ${planId} were saved by someone else: reload them`);
    }
    return;
  }
  const result = await db
    .updateTable('tracking_settings')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('plan_id', '=', planId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw stale('settings of plan', planId);
}

export async function selectPeriodLocks(db: Db, planId: number): Promise<PeriodLock[]> {
  const rows = await db
    .selectFrom('period_locks')
    .select(['period_key', 'locked_at', 'locked_by'])
    .where('plan_id', '=', planId)
    .orderBy('period_key')
    .execute();
  return rows.map((r) => ({ key: r.period_key, lockedAt: r.locked_at, lockedBy: r.locked_by }));
}

export async function insertPeriodLock(db: Db, planId: number, lock: PeriodLock): Promise<void> {
  try {
    await db
      .insertInto('period_locks')
      .values({ plan_id: planId, period_key: lock.key, locked_at: lock.lockedAt, locked_by: lock.lockedBy })
      .execute();
  } catch (error) {
    throw conflictOnUnique(error, `period ${lock.key} is already closed`);
  }
}

// ---- unit reports -------------------------------------------------------------------------

type ReportRow = Omit<UnitReportsTable, 'id'> & { id: number };

function toReport(r: ReportRow): Versioned<UnitReport> {
  return {
    id: r.id,
    planId: r.plan_id,
    unitId: r.unit_id,
    periodKey: r.period_key,
    status: r.status as ReportStatus,
    tasks: JSON.parse(r.tasks) as UnitReport['tasks'],
    targets: JSON.parse(r.targets) as UnitReport['targets'],
    evidence: JSON.parse(r.evidence) as UnitReport['evidence'],
    carriedFrom: r.carried_from,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    version: r.version,
  };
}

function reportValues(report: Omit<UnitReport, 'id'>) {
  return {
    plan_id: report.planId,
    unit_id: report.unitId,
    period_key: report.periodKey,
    status: report.status,
    tasks: JSON.stringify(report.tasks),
    targets: JSON.stringify(report.targets),
    evidence: JSON.stringify(report.evidence),
    carried_from: report.carriedFrom,
    submitted_by: report.submittedBy,
    submitted_at: report.submittedAt,
    reviewed_by: report.reviewedBy,
    reviewed_at: report.reviewedAt,
    return_reason: report.returnReason,
  };
}

export async function selectUnitReports(
  db: Db,
  planId: number,
  filter: UnitReportFilter & { id?: number } = {},
): Promise<Versioned<UnitReport>[]> {
  let query = db.selectFrom('unit_reports').selectAll().where('plan_id', '=', planId);
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  if (filter.periodKey !== undefined) query = query.where('period_key', '=', filter.periodKey);
  if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('period_key').orderBy('unit_id').execute();
  return rows.map(toReport);
}

export async function insertUnitReport(db: Db, report: Omit<UnitReport, 'id'>, at: string) {
  try {
    const row = await db
      .insertInto('unit_reports')
      .values({ ...reportValues(report), version: 1, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toReport(row);
  } catch (error) {
    throw conflictOnUnique(
      error,
      `unit ${report.unitId} already has a report for ${report.periodKey} (one report per period)`,
    );
  }
}

export async function writeUnitReport(db: Db, report: UnitReport, expectedVersion: number, at: string) {
  const result = await db
    .updateTable('unit_reports')
    .set({ ...reportValues(report), version: sql<number>`version + 1`, updated_at: at })
    .where('plan_id', '=', report.planId)
    .where('id', '=', report.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const [exists] = await selectUnitReports(db, report.planId, { id: report.id });
    if (!exists) throw new AppError('NOT_FOUND', `no report with id ${report.id}`);
    throw stale('report', report.id);
  }
  const [saved] = await selectUnitReports(db, report.planId, { id: report.id });
  return saved!;
}

// ---- evidence -----------------------------------------------------------------------------

const EVIDENCE_INFO = [
  'id',
  'plan_id',
  'unit_id',
  'name',
  'mime_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

function toEvidenceInfo(r: {
  id: number;
  plan_id: number;
  unit_id: number | null;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: string;
}): EvidenceFileInfo {
  return {
    id: r.id,
    planId: r.plan_id,
    unitId: r.unit_id,
    name: r.name,
    mimeType: r.mime_type,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  };
}

export async function insertEvidenceFile(
  db: Db,
  input: {
    planId: number;
    unitId: number | null;
    name: string;
    mimeType: string;
    bytes: Uint8Array;
    uploadedBy: number | null;
    uploadedAt: string;
  },
): Promise<EvidenceFileInfo> {
  const row = await db
    .insertInto('evidence_files')
    .values({
      plan_id: input.planId,
      unit_id: input.unitId,
      name: input.name,
      mime_type: input.mimeType,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content: Buffer.from(input.bytes),
      uploaded_by: input.uploadedBy,
      uploaded_at: input.uploadedAt,
    })
    .returning(EVIDENCE_INFO)
    .executeTakeFirstOrThrow();
  return toEvidenceInfo(row);
}

export async function selectEvidenceFile(db: Db, planId: number, id: number) {
  const row = await db
    .selectFrom('evidence_files')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no evidence file with id ${id}`);
  return { ...toEvidenceInfo(row), bytes: new Uint8Array(row.content) };
}

export async function selectEvidenceFiles(db: Db, planId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('evidence_files')
    .select(EVIDENCE_INFO)
    .where('plan_id', '=', planId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  return rows.map(toEvidenceInfo);
}

// ---- corrections --------------------------------------------------------------------------

export async function insertFigureCorrection(
  db: Db,
  input: Omit<FigureCorrection, 'id'>,
): Promise<FigureCorrection> {
  const row = await db
    .insertInto('figure_corrections')
    .values({
      plan_id: input.planId,
      period_key: input.periodKey,
      item_type: input.item.type,
      item_id: input.item.id,
      value: input.value,
      state: input.state,
      reason: input.reason,
      corrected_by: input.correctedBy,
      corrected_at: input.correctedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...input, id: row.id };
}

export async function selectFigureCorrections(db: Db, planId: number): Promise<FigureCorrection[]> {
  const rows = await db
    .selectFrom('figure_corrections')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    periodKey: r.period_key,
    item: { type: r.item_type as 'task' | 'target', id: r.item_id },
    value: Number(r.value),
    state: r.state as TaskState | null,
    reason: r.reason,
    correctedBy: r.corrected_by,
    correctedAt: r.corrected_at,
  }));
}

// ---- supervision records ------------------------------------------------------------------

function subjectOf(kind: SupervisionKind, record: object): SubjectRef {
  if (kind === 'closure') return { type: 'task', id: (record as { taskId: number }).taskId };
  return (record as { subject: SubjectRef }).subject;
}

function toSupervision<K extends SupervisionKind>(
  row: Omit<SupervisionTable, 'id'> & { id: number },
): Versioned<SupervisionRecords[K]> {
  return {
    ...(JSON.parse(row.data) as SupervisionRecords[K]),
    id: row.id,
    version: row.version,
  } as unknown as Versioned<SupervisionRecords[K]>;
}

export async function insertSupervision<K extends SupervisionKind>(
  db: Db,
  kind: K,
  record: Omit<SupervisionRecords[K], 'id'>,
  at: string,
): Promise<Versioned<SupervisionRecords[K]>> {
  const base = record as Omit<SupervisionRecords[K], 'id'> & {
    planId: number;
    unitId: number;
    state: string;
  };
  const subject = subjectOf(kind, record);
  const row = await db
    .insertInto(tableOf(kind))
    .values({
      plan_id: base.planId,
      subject_type: subject.type,
      subject_id: subject.id,
      unit_id: base.unitId,
      state: base.state,
      data: JSON.stringify(record),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The id lives in its column; the JSON is written again so that it holds it too.
  const saved = { ...record, id: row.id } as SupervisionRecords[K];
  await db
    .updateTable(tableOf(kind))
    .set({ data: JSON.stringify(saved) })
    .where('id', '=', row.id)
    .execute();
  return { ...saved, version: row.version } as Versioned<SupervisionRecords[K]>;
}

export async function selectSupervision<K extends SupervisionKind>(
  db: Db,
  kind: K,
  planId: number,
  filter: SupervisionFilter & { id?: number } = {},
): Promise<Versioned<SupervisionRecords[K]>[]> {
  let query = db.selectFrom(tableOf(kind)).selectAll().where('plan_id', '=', planId);
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  if (filter.subject) {
    const subject = filter.subject;
    query = query.where('subject_type', '=', subject.type).where('subject_id', '=', subject.id);
  }
  if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => toSupervision<K>(r));
}

export async function writeSupervision<K extends SupervisionKind>(
  db: Db,
  kind: K,
  record: SupervisionRecords[K],
  expectedVersion: number,
  at: string,
): Promise<Versioned<SupervisionRecords[K]>> {
  const base = record as SupervisionRecords[K] & { planId: number; unitId: number; state: string };
  const result = await db
    .updateTable(tableOf(kind))
    .set({
      state: base.state,
      unit_id: base.unitId,
      data: JSON.stringify(record),
      version: sql<number>`version + 1`,
      updated_at: at,
    })
    .where('plan_id', '=', base.planId)
    .where('id', '=', base.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  const [saved] = await selectSupervision(db, kind, base.planId, { id: base.id });
  if (!saved) throw new AppError('NOT_FOUND', `no ${kind} with id ${base.id}`);
  if (Number(result.numUpdatedRows) === 0) throw stale(kind, base.id);
  return saved;
}
