/**
 * The monthly investment data calls of a jurisdiction's library (项目投资月报, issue 17): a call
 * per library and month with its deadline, and each lead unit's last return for it. The figures a
 * return brings are the projects' own rows (library.ts `putInvestments`, `updateProject`).
 */
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import { DEFAULT_JURISDICTION_ID, notFound } from './rows.js';
import type { Db } from './schema.js';

export interface InvestmentCall {
  id: number;
  library: string;
  /** YYYY-MM */
  month: string;
  dueOn: string;
  openedBy: number | null;
  createdAt: string;
}

export interface InvestmentReturn {
  callId: number;
  unitId: number;
  via: 'form' | 'workbook';
  /** How many times the unit returned (a later return replaces the figures of an earlier one). */
  times: number;
  returnedBy: number | null;
  returnedAt: string;
}

const toCall = (r: {
  id: number;
  library: string;
  month: string;
  due_on: string;
  opened_by: number | null;
  created_at: string;
}): InvestmentCall => ({
  id: r.id,
  library: r.library,
  month: r.month,
  dueOn: r.due_on,
  openedBy: r.opened_by,
  createdAt: r.created_at,
});

export class LibraryCalls {
  constructor(
    private readonly db: Db,
    private readonly owner = DEFAULT_JURISDICTION_ID,
  ) {}

  /** Opens a call; CONFLICT when the library has one for the month already. */
  async open(call: Omit<InvestmentCall, 'id'>): Promise<InvestmentCall> {
    if (await this.find(call.library, call.month))
      throw new AppError('CONFLICT', `${call.library} has a data call for ${call.month} already`);
    const row = await this.db
      .insertInto('library_investment_calls')
      .values({
        jurisdiction_id: this.owner,
        library: call.library,
        month: call.month,
        due_on: call.dueOn,
        opened_by: call.openedBy,
        created_at: call.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCall(row);
  }

  async find(library: string, month: string): Promise<InvestmentCall | undefined> {
    const row = await this.db
      .selectFrom('library_investment_calls')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('library', '=', library)
      .where('month', '=', month)
      .executeTakeFirst();
    return row ? toCall(row) : undefined;
  }

  /** The call; NOT_FOUND when there is none in this jurisdiction. */
  async get(id: number): Promise<InvestmentCall> {
    const row = await this.db
      .selectFrom('library_investment_calls')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('investment data call', id);
    return toCall(row);
  }

  /** The calls, the latest month first (then library). */
  async list(): Promise<InvestmentCall[]> {
    const rows = await this.db
      .selectFrom('library_investment_calls')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .orderBy('month', 'desc')
      .orderBy('library')
      .execute();
    return rows.map(toCall);
  }

  /** The returns of the calls (of units among `unitIds` when given). */
  async listReturns(callIds: readonly number[], unitIds?: readonly number[]): Promise<InvestmentReturn[]> {
    if (callIds.length === 0 || unitIds?.length === 0) return [];
    let q = this.db
      .selectFrom('library_investment_returns')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('call_id', 'in', callIds);
    if (unitIds) q = q.where('unit_id', 'in', unitIds);
    const rows = await q.orderBy('call_id').orderBy('unit_id').execute();
    return rows.map((r) => ({
      callId: r.call_id,
      unitId: r.unit_id,
      via: r.via as InvestmentReturn['via'],
      times: r.times,
      returnedBy: r.returned_by,
      returnedAt: r.returned_at,
    }));
  }

  /** Records a unit's return (the first, or one more replacing it); answers how many it has made. */
  async putReturn(ret: Omit<InvestmentReturn, 'times'>): Promise<number> {
    const [before] = await this.listReturns([ret.callId], [ret.unitId]);
    const values = { via: ret.via, returned_by: ret.returnedBy, returned_at: ret.returnedAt };
    if (before) {
      await this.db
        .updateTable('library_investment_returns')
        .set({ ...values, times: sql<number>`times + 1` })
        .where('jurisdiction_id', '=', this.owner)
        .where('call_id', '=', ret.callId)
        .where('unit_id', '=', ret.unitId)
        .execute();
      return before.times + 1;
    }
    await this.db
      .insertInto('library_investment_returns')
      .values({ ...values, jurisdiction_id: this.owner, call_id: ret.callId, unit_id: ret.unitId, times: 1 })
      .execute();
    return 1;
  }
}
