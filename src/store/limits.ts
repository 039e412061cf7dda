/**
 * The counters of the limits (issue 12.4 and 12.5) in the database, so every server process on
 * it counts the same hits: one row per hit of a `bucket` (what is limited: anonymous intakes per
 * address, failed sign-ins per account…) by a `key`, at an instant in epoch milliseconds. The
 * rules (how many, how long) are the caller's; this only writes, counts and prunes rows.
 */
import type { Generated } from 'kysely';
import type { Db } from './schema.js';

/** One hit counted by a limit, shared by every server process (migration 20261217T0100). */
export interface LimitHitsTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  /** Epoch milliseconds (bigint on PostgreSQL: read back through Number). */
  at: number;
  weight: Generated<number>;
}

/** What a key did in a bucket since an instant. */
export interface LimitCount {
  /** Hits. */
  hits: number;
  /** Sum of the hits' weights (bytes of uploads, for example). */
  weight: number;
  /** The earliest and latest hits (epoch ms), or null without any. */
  oldest: number | null;
  newest: number | null;
}

export class LimitRepository {
  constructor(private readonly db: Db) {}

  /** Records one hit; its id lets the caller take it back (`remove`). */
  async hit(bucket: string, key: string, at: number, weight = 1): Promise<number> {
    const row = await this.db
      .insertInto('limit_hits')
      .values({ bucket, key, at, weight })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The hits of `key` in `bucket` at or after `since` (epoch ms). */
  async count(bucket: string, key: string, since: number): Promise<LimitCount> {
    const row = await this.db
      .selectFrom('limit_hits')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('hits'),
        eb.fn.sum<number | string | null>('weight').as('weight'),
        eb.fn.min<number | string | null>('at').as('oldest'),
        eb.fn.max<number | string | null>('at').as('newest'),
      ])
      .where('bucket', '=', bucket)
      .where('key', '=', key)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    const num = (v: number | string | null) => (v === null ? null : Number(v));
    return {
      hits: Number(row.hits),
      weight: num(row.weight) ?? 0,
      oldest: num(row.oldest),
      newest: num(row.newest),
    };
  }

  /**
   * Counts a hit unless `key` already has `max` hits in the window ending at `at`: the hit is
   * written first and taken back when over, so two processes racing for the last room never
   * both get it (at worst both are refused). The hits in the window, this one included when taken.
   */
  async take(
    bucket: string,
    key: string,
    at: number,
    window: { max: number; windowMs: number },
    weight = 1,
  ): Promise<{ taken: boolean; count: LimitCount }> {
    const id = await this.hit(bucket, key, at, weight);
    const count = await this.count(bucket, key, at - window.windowMs + 1);
    if (count.hits <= window.max) return { taken: true, count };
    await this.remove(id);
    return { taken: false, count: { ...count, hits: count.hits - 1, weight: count.weight - weight } };
  }

  /** Takes back one hit (a refused attempt that should not count). */
  async remove(id: number): Promise<void> {
    await this.db.deleteFrom('limit_hits').where('id', '=', id).execute();
  }

  /** Forgets every hit of `key` in `bucket` (a successful sign-in clears its failures). */
  async clear(bucket: string, key: string): Promise<void> {
    await this.db.deleteFrom('limit_hits').where('bucket', '=', bucket).where('key', '=', key).execute();
  }

  /**
   * Deletes hits older than `before` (epoch ms), of `bucket` only when given: those out of
   * every window. The rows deleted.
   */
  async prune(before: number, bucket?: string): Promise<number> {
    let query = this.db.deleteFrom('limit_hits').where('at', '<', before);
    if (bucket !== undefined) query = query.where('bucket', '=', bucket);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
