/**
 * The 12345 desk's rows (issue 20): checks of units' replies (by the rules and by checkers) and
 * the versioned answer rules with the checker's sample. Rows only; the rules are
 * src/requests/answer-rules.ts and answer-review.ts'.
 */
import type {
  DeskSettings,
  ReplyCheckRecord,
  ReplyRuleSet,
  SamplingRule,
  StoredReplyCheck,
} from '../requests/index.js';
import type { Db } from './schema.js';

export type { DeskSettings } from '../requests/index.js';
/** A check as stored, with its row id. */
export type CheckRow = StoredReplyCheck;

export class DeskRepository {
  constructor(private readonly db: Db) {}

  async insertCheck(record: ReplyCheckRecord): Promise<void> {
    await this.db
      .insertInto('request_reply_checks')
      .values({
        order_id: record.orderId,
        unit_id: record.unitId,
        at: record.at,
        kind: record.kind,
        passed: record.passed ? 1 : 0,
        codes: JSON.stringify(record.codes),
        note: record.note,
        checker_id: record.checkerId,
      })
      .execute();
  }

  /** Checks of a jurisdiction's orders in [from, to) (ISO instants), of one unit or all, oldest first. */
  async listChecks(jurisdictionId: number, from: string, to: string, unitId?: number): Promise<CheckRow[]> {
    let query = this.db
      .selectFrom('request_reply_checks')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('at', '>=', from)
      .where('at', '<', to);
    if (unitId !== undefined) query = query.where('unit_id', '=', unitId);
    const rows = await query.orderBy('at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      unitId: row.unit_id,
      at: row.at,
      kind: row.kind as CheckRow['kind'],
      passed: Number(row.passed) === 1,
      codes: JSON.parse(row.codes) as string[],
      note: row.note,
      checkerId: row.checker_id,
    }));
  }

  /** The checks of one order, oldest first (its page shows why it was returned). */
  async listOrderChecks(orderId: number): Promise<CheckRow[]> {
    const rows = await this.db
      .selectFrom('request_reply_checks')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      unitId: row.unit_id,
      at: row.at,
      kind: row.kind as CheckRow['kind'],
      passed: Number(row.passed) === 1,
      codes: JSON.parse(row.codes) as string[],
      note: row.note,
      checkerId: row.checker_id,
    }));
  }

  /** Every version of a jurisdiction's settings, oldest first. */
  async listSettings(jurisdictionId: number): Promise<DeskSettings[]> {
    const rows = await this.db
      .selectFrom('request_desk_settings')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('version')
      .execute();
    return rows.map((row) => {
      const data = JSON.parse(row.data) as { rules: ReplyRuleSet; sampling: SamplingRule };
      return {
        version: row.version,
        effectiveFrom: row.effective_from,
        rules: data.rules,
        sampling: data.sampling,
        createdBy: row.created_by,
        createdAt: row.created_at,
      };
    });
  }

  /** A new version of a jurisdiction's; a version number taken fails on its key (someone added one meanwhile). */
  async addSettings(jurisdictionId: number, settings: DeskSettings): Promise<void> {
    await this.db
      .insertInto('request_desk_settings')
      .values({
        jurisdiction_id: jurisdictionId,
        version: settings.version,
        effective_from: settings.effectiveFrom,
        data: JSON.stringify({ rules: settings.rules, sampling: settings.sampling }),
        created_by: settings.createdBy,
        created_at: settings.createdAt,
      })
      .execute();
  }
}
