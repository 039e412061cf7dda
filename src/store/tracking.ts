/**
 * The tracking tables of issue 4: a plan's settings and period locks, unit reports, evidence
 * files and figure corrections. JSON columns hold the domain's own shapes
 * (src/plan/reporting.ts), so the domain and the rows cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import type { PeriodFrequency, PeriodLock } from '../plan/periods.js';
import type { FigureCorrection, ReportStatus, UnitReport } from '../plan/reporting.js';
import type { DraftLine, LineRef } from '../plan/report-lines.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { TaskState } from '../plan/types.js';
import { conflictOnUnique, notFound, now, planOwner, staleVersion } from './rows.js';
import type { Db, EvidenceFilesTable, UnitReportsTable } from './schema.js';
import type {
  EvidenceFileInfo,
  PublicEvidenceCopyInfo,
  TrackingSettings,
  UnitReportFilter,
  Versioned,
} from './types.js';

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

function toEvidenceInfo(
  r: Pick<EvidenceFilesTable, Exclude<(typeof EVIDENCE_INFO)[number], 'id'>> & {
    id: number;
  },
): EvidenceFileInfo {
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

export class TrackingRepository {
  constructor(private readonly db: Db) {}

  // ---- settings and locks -------------------------------------------------------------------

  /** The plan's settings as saved, or undefined while it runs on the defaults (no row yet). */
  async findSettings(planId: number): Promise<TrackingSettings | undefined> {
    const row = await this.db
      .selectFrom('tracking_settings')
      .selectAll()
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!row) return undefined;
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

  /** Writes the settings; CONFLICT when `expectedVersion` is stale (0 = never saved). */
  async saveSettings(
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
        await this.db
          .insertInto('tracking_settings')
          .values({ jurisdiction_id: planOwner(this.db, planId), plan_id: planId, ...values, version: 1 })
          .execute();
      } catch (error) {
        throw conflictOnUnique(
          error,
          `the settings of plan ${planId} were saved by someone else: reload them`,
        );
      }
      return;
    }
    const result = await this.db
      .updateTable('tracking_settings')
      .set({ ...values, version: sql<number>`version + 1` })
      .where('plan_id', '=', planId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion('settings of plan', planId);
  }

  async listLocks(planId: number): Promise<PeriodLock[]> {
    const rows = await this.db
      .selectFrom('period_locks')
      .select(['period_key', 'locked_at', 'locked_by'])
      .where('plan_id', '=', planId)
      .orderBy('period_key')
      .execute();
    return rows.map((r) => ({ key: r.period_key, lockedAt: r.locked_at, lockedBy: r.locked_by }));
  }

  /** CONFLICT when the period is already locked. */
  async insertLock(planId: number, lock: PeriodLock): Promise<void> {
    try {
      await this.db
        .insertInto('period_locks')
        .values({
          jurisdiction_id: planOwner(this.db, planId),
          plan_id: planId,
          period_key: lock.key,
          locked_at: lock.lockedAt,
          locked_by: lock.lockedBy,
        })
        .execute();
    } catch (error) {
      throw conflictOnUnique(error, `period ${lock.key} is already closed`);
    }
  }

  // ---- unit reports -------------------------------------------------------------------------

  async listReports(
    planId: number,
    filter: UnitReportFilter & { id?: number } = {},
  ): Promise<Versioned<UnitReport>[]> {
    let query = this.db.selectFrom('unit_reports').selectAll().where('plan_id', '=', planId);
    if (filter.id !== undefined) query = query.where('id', '=', filter.id);
    if (filter.periodKey !== undefined) query = query.where('period_key', '=', filter.periodKey);
    if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('period_key').orderBy('unit_id').execute();
    return rows.map(toReport);
  }

  async findReport(planId: number, unitId: number, periodKey: string) {
    const [report] = await this.listReports(planId, { unitId, periodKey });
    return report;
  }

  async getReport(planId: number, id: number): Promise<Versioned<UnitReport>> {
    const [report] = await this.listReports(planId, { id });
    if (!report) throw notFound('report', id);
    return report;
  }

  /** CONFLICT when the unit already has a report for the period (one per unit per period). */
  async insertReport(report: Omit<UnitReport, 'id'>, at = now()): Promise<Versioned<UnitReport>> {
    try {
      const row = await this.db
        .insertInto('unit_reports')
        .values({
          ...reportValues(report),
          jurisdiction_id: planOwner(this.db, report.planId),
          version: 1,
          created_at: at,
          updated_at: at,
        })
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

  /** Writes every field of `report`; CONFLICT when its version moved meanwhile. */
  async updateReport(
    report: UnitReport,
    expectedVersion: number,
    at = now(),
  ): Promise<Versioned<UnitReport>> {
    const result = await this.db
      .updateTable('unit_reports')
      .set({ ...reportValues(report), version: sql<number>`version + 1`, updated_at: at })
      .where('plan_id', '=', report.planId)
      .where('id', '=', report.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      await this.getReport(report.planId, report.id);
      throw staleVersion('report', report.id);
    }
    return this.getReport(report.planId, report.id);
  }

  // ---- draft lines (autosave) ----------------------------------------------------------------

  /** The saved draft lines of a unit's report for a period, tasks then targets, by id. */
  async listDraftLines(planId: number, unitId: number, periodKey: string): Promise<DraftLine[]> {
    const rows = await this.db
      .selectFrom('report_drafts')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('unit_id', '=', unitId)
      .where('period_key', '=', periodKey)
      .orderBy('item_type', 'desc')
      .orderBy('item_id')
      .execute();
    return rows.map((r) => ({
      ...(JSON.parse(r.fields) as Omit<DraftLine, 'item' | 'savedAt' | 'savedBy'>),
      item: { type: r.item_type as LineRef['type'], id: r.item_id },
      savedAt: r.saved_at,
      savedBy: r.saved_by,
    }));
  }

  /** Writes one draft line whole (the command merges the fields), replacing the one saved. */
  async saveDraftLine(planId: number, unitId: number, periodKey: string, line: DraftLine): Promise<void> {
    const { item, savedAt, savedBy, ...fields } = line;
    const values = { fields: JSON.stringify(fields), saved_at: savedAt, saved_by: savedBy };
    await this.db
      .insertInto('report_drafts')
      .values({
        jurisdiction_id: planOwner(this.db, planId),
        plan_id: planId,
        unit_id: unitId,
        period_key: periodKey,
        item_type: item.type,
        item_id: item.id,
        ...values,
      })
      .onConflict((oc) =>
        oc
          .columns(['jurisdiction_id', 'plan_id', 'unit_id', 'period_key', 'item_type', 'item_id'])
          .doUpdateSet(values),
      )
      .execute();
  }

  /** Removes the draft lines of `items` (every line when absent): they were submitted. */
  async deleteDraftLines(
    planId: number,
    unitId: number,
    periodKey: string,
    items?: readonly LineRef[],
  ): Promise<void> {
    let query = this.db
      .deleteFrom('report_drafts')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', unitId)
      .where('period_key', '=', periodKey);
    if (items) {
      if (items.length === 0) return;
      query = query.where((eb) =>
        eb.or(items.map((i) => eb.and([eb('item_type', '=', i.type), eb('item_id', '=', i.id)]))),
      );
    }
    await query.execute();
  }

  // ---- evidence -----------------------------------------------------------------------------

  async insertEvidence(input: {
    planId: number;
    unitId: number | null;
    name: string;
    mimeType: string;
    bytes: Uint8Array;
    uploadedBy: number | null;
    uploadedAt: string;
  }): Promise<EvidenceFileInfo> {
    const row = await this.db
      .insertInto('evidence_files')
      .values({
        jurisdiction_id: planOwner(this.db, input.planId),
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

  /** The file with its bytes; NOT_FOUND unless it belongs to the plan. */
  async getEvidence(planId: number, id: number): Promise<EvidenceFileInfo & { bytes: Uint8Array }> {
    const row = await this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `no evidence file with id ${id}`);
    return { ...toEvidenceInfo(row), bytes: new Uint8Array(row.content) };
  }

  async listEvidence(planId: number, ids: readonly number[]): Promise<EvidenceFileInfo[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('evidence_files')
      .select(EVIDENCE_INFO)
      .where('plan_id', '=', planId)
      .where('id', 'in', [...ids])
      .orderBy('id')
      .execute();
    return rows.map(toEvidenceInfo);
  }

  /**
   * Keeps the public copy of an evidence file (metadata stripped, issue 19.4); NOT_FOUND when
   * the file is not the plan's.
   */
  async savePublicCopy(
    planId: number,
    id: number,
    copy: { bytes: Uint8Array; mimeType: string },
    at: string,
  ): Promise<void> {
    const result = await this.db
      .updateTable('evidence_files')
      .set({
        public_content: Buffer.from(copy.bytes),
        public_mime_type: copy.mimeType,
        public_size: copy.bytes.length,
        public_sha256: createHash('sha256').update(copy.bytes).digest('hex'),
        public_at: at,
      })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('evidence file', id);
  }

  /** Which of the files have a public copy, with its type, size and digest (no bytes). */
  async listPublicCopies(planId: number, ids: readonly number[]): Promise<PublicEvidenceCopyInfo[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('evidence_files')
      .select(['id', 'name', 'public_mime_type', 'public_size', 'public_sha256'])
      .where('plan_id', '=', planId)
      .where('id', 'in', [...ids])
      .where('public_sha256', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      mimeType: r.public_mime_type!,
      size: Number(r.public_size),
      sha256: r.public_sha256!,
    }));
  }

  /** A file's public copy with its bytes, or undefined when it has none (or is not the plan's). */
  async findPublicCopy(
    planId: number,
    id: number,
  ): Promise<(PublicEvidenceCopyInfo & { bytes: Uint8Array }) | undefined> {
    const row = await this.db
      .selectFrom('evidence_files')
      .select(['id', 'name', 'public_mime_type', 'public_size', 'public_sha256', 'public_content'])
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row?.public_content || !row.public_sha256) return undefined;
    return {
      id: row.id,
      name: row.name,
      mimeType: row.public_mime_type!,
      size: Number(row.public_size),
      sha256: row.public_sha256,
      bytes: new Uint8Array(row.public_content),
    };
  }

  // ---- corrections --------------------------------------------------------------------------

  async insertCorrection(input: Omit<FigureCorrection, 'id'>): Promise<FigureCorrection> {
    const row = await this.db
      .insertInto('figure_corrections')
      .values({
        jurisdiction_id: planOwner(this.db, input.planId),
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

  async listCorrections(planId: number): Promise<FigureCorrection[]> {
    const rows = await this.db
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
}
