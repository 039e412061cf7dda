/**
 * The rows of issue 19's plan side: target value re-baselines, delivery confidence, public
 * verdicts, the public change log and a plan's slippage thresholds. Rows only: the commands
 * decide (src/verdicts), this reads and writes.
 */
import type { ConfidenceAssessment } from '../verdicts/confidence.js';
import type { ChangeEvent } from '../verdicts/follow.js';
import type { PromiseVersion, SlippageThresholds } from '../verdicts/promise-line.js';
import type { VerdictEntry } from '../verdicts/verdict.js';
import type { Selectable } from 'kysely';
import type { Db } from './schema.js';
import type { PublicChangesTable } from './schema-promises.js';
import { now } from './rows.js';

export type ItemRef = { type: 'task' | 'target'; id: number };

/** A verdict as stored, with its subject. */
export interface StoredVerdict extends VerdictEntry {
  id: number;
  subject: ItemRef;
}

function parseValue(text: string | null): string | number | null {
  return text === null ? null : (JSON.parse(text) as string | number | null);
}

function toChange(r: Selectable<PublicChangesTable>): ChangeEvent {
  return {
    id: r.id,
    planId: r.plan_id,
    subject: { type: r.subject_type as ItemRef['type'], id: r.subject_id },
    chapterId: r.chapter_id,
    kind: r.kind as ChangeEvent['kind'],
    at: r.at,
    before: parseValue(r.before_value),
    after: parseValue(r.after_value),
  };
}

export class PromiseRepository {
  constructor(private readonly db: Db) {}

  // ---- promise lines -------------------------------------------------------------------------

  /**
   * The stored versions of a plan's lines of `field` (or one item's), each line in order: a
   * deadline's versions set by assignment after publication, a target value's re-baselines.
   */
  async listVersions<V extends string | number>(
    planId: number,
    field: 'deadline' | 'value',
    subject?: ItemRef,
  ): Promise<{ subject: ItemRef; versions: PromiseVersion<V>[] }[]> {
    let q = this.db
      .selectFrom('promise_versions')
      .select(['subject_type', 'subject_id', 'data', 'seq'])
      .where('plan_id', '=', planId)
      .where('field', '=', field);
    if (subject) q = q.where('subject_type', '=', subject.type).where('subject_id', '=', subject.id);
    const rows = await q.orderBy('subject_type').orderBy('subject_id').orderBy('seq').execute();
    const out = new Map<string, { subject: ItemRef; versions: PromiseVersion<V>[] }>();
    for (const row of rows) {
      const key = `${row.subject_type}:${row.subject_id}`;
      let line = out.get(key);
      if (!line) {
        line = { subject: { type: row.subject_type as ItemRef['type'], id: row.subject_id }, versions: [] };
        out.set(key, line);
      }
      line.versions.push(JSON.parse(row.data) as PromiseVersion<V>);
    }
    return [...out.values()];
  }

  /** Appends versions to an item's line of `field`, numbered from `fromSeq`. */
  async appendVersions(
    planId: number,
    subject: ItemRef,
    field: 'deadline' | 'value',
    fromSeq: number,
    versions: readonly PromiseVersion<string | number>[],
  ): Promise<void> {
    if (versions.length === 0) return;
    await this.db
      .insertInto('promise_versions')
      .values(
        versions.map((v, i) => ({
          plan_id: planId,
          subject_type: subject.type,
          subject_id: subject.id,
          field,
          seq: fromSeq + i,
          data: JSON.stringify(v),
          created_at: now(),
        })),
      )
      .execute();
  }

  // ---- confidence ----------------------------------------------------------------------------

  async insertConfidence(planId: number, a: Omit<ConfidenceAssessment, 'id'>): Promise<ConfidenceAssessment> {
    const row = await this.db
      .insertInto('confidence_assessments')
      .values({
        plan_id: planId,
        subject_type: a.subject.type,
        subject_id: a.subject.id,
        period_key: a.periodKey,
        source: a.source,
        level: a.level,
        comment: a.comment,
        by_user: a.by,
        at: a.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...a, id: row.id };
  }

  /** The plan's assessments (or one item's), oldest first; `leadUnitId` is filled by the caller. */
  async listConfidence(planId: number, subject?: ItemRef): Promise<ConfidenceAssessment[]> {
    let q = this.db.selectFrom('confidence_assessments').selectAll().where('plan_id', '=', planId);
    if (subject) q = q.where('subject_type', '=', subject.type).where('subject_id', '=', subject.id);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      subject: { type: r.subject_type as ItemRef['type'], id: r.subject_id, planId, leadUnitId: null },
      periodKey: r.period_key,
      source: r.source as ConfidenceAssessment['source'],
      level: r.level as ConfidenceAssessment['level'],
      comment: r.comment,
      by: r.by_user,
      at: r.at,
    }));
  }

  // ---- verdicts ------------------------------------------------------------------------------

  async insertVerdict(planId: number, subject: ItemRef, entry: VerdictEntry): Promise<void> {
    await this.db
      .insertInto('verdict_entries')
      .values({
        plan_id: planId,
        subject_type: subject.type,
        subject_id: subject.id,
        verdict: entry.verdict,
        data: JSON.stringify({
          note: entry.note,
          newPromise: entry.newPromise,
          evidenceIds: entry.evidenceIds,
        }),
        by_user: entry.by ?? 0,
        at: entry.at,
      })
      .execute();
  }

  /** The plan's verdicts (or one item's), oldest first. */
  async listVerdicts(planId: number, subject?: ItemRef): Promise<StoredVerdict[]> {
    let q = this.db.selectFrom('verdict_entries').selectAll().where('plan_id', '=', planId);
    if (subject) q = q.where('subject_type', '=', subject.type).where('subject_id', '=', subject.id);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => {
      const data = JSON.parse(r.data) as Pick<VerdictEntry, 'note' | 'newPromise' | 'evidenceIds'>;
      return {
        id: r.id,
        subject: { type: r.subject_type as ItemRef['type'], id: r.subject_id },
        verdict: r.verdict as VerdictEntry['verdict'],
        at: r.at,
        by: r.by_user,
        ...data,
      };
    });
  }

  // ---- the public change log -----------------------------------------------------------------

  async appendChange(change: Omit<ChangeEvent, 'id'>): Promise<number> {
    const row = await this.db
      .insertInto('public_changes')
      .values({
        plan_id: change.planId,
        subject_type: change.subject.type,
        subject_id: change.subject.id,
        chapter_id: change.chapterId,
        kind: change.kind,
        before_value: JSON.stringify(change.before),
        after_value: JSON.stringify(change.after),
        at: change.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Public changes after id `afterId`, oldest first: of one plan, or of every plan when
   * `planId` is undefined; at most `limit`.
   */
  async listChanges(
    filter: { planId?: number; afterId?: number; subject?: ItemRef; chapterId?: number },
    limit = 10_000,
  ): Promise<ChangeEvent[]> {
    let q = this.db.selectFrom('public_changes').selectAll();
    if (filter.planId !== undefined) q = q.where('plan_id', '=', filter.planId);
    if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
    if (filter.subject) {
      q = q.where('subject_type', '=', filter.subject.type).where('subject_id', '=', filter.subject.id);
    }
    if (filter.chapterId !== undefined) q = q.where('chapter_id', '=', filter.chapterId);
    return (await q.orderBy('id').limit(limit).execute()).map(toChange);
  }

  /** The newest public changes first (the Atom feed), at most `limit`. */
  async listRecentChanges(
    filter: { planId: number; subject?: ItemRef; chapterId?: number },
    limit: number,
  ): Promise<ChangeEvent[]> {
    let q = this.db.selectFrom('public_changes').selectAll().where('plan_id', '=', filter.planId);
    if (filter.subject) {
      q = q.where('subject_type', '=', filter.subject.type).where('subject_id', '=', filter.subject.id);
    }
    if (filter.chapterId !== undefined) q = q.where('chapter_id', '=', filter.chapterId);
    return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toChange);
  }

  // ---- settings ------------------------------------------------------------------------------

  async findSettings(planId: number): Promise<Partial<SlippageThresholds> | undefined> {
    const row = await this.db
      .selectFrom('promise_settings')
      .select('data')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as Partial<SlippageThresholds>) : undefined;
  }

  async saveSettings(planId: number, thresholds: SlippageThresholds): Promise<void> {
    const data = JSON.stringify(thresholds);
    const at = now();
    const updated = await this.db
      .updateTable('promise_settings')
      .set({ data, updated_at: at })
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.db
        .insertInto('promise_settings')
        .values({ plan_id: planId, data, updated_at: at })
        .execute();
    }
  }
}
