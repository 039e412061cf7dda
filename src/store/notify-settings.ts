/**
 * Notification settings (issue 18) as JSON by scope under a version: `user:5`, `unit:3`,
 * `office:chase`, `office:bulletin`. The shapes and their defaults belong to the commands.
 */
import { sql } from 'kysely';
import type { Db } from './schema.js';

export interface StoredSettings {
  scope: string;
  data: unknown;
  version: number;
  updatedBy: number | null;
  updatedAt: string;
}

export class NotifySettingsRepository {
  constructor(private readonly db: Db) {}

  async find(scope: string): Promise<StoredSettings | undefined> {
    const row = await this.db
      .selectFrom('notify_settings')
      .selectAll()
      .where('scope', '=', scope)
      .executeTakeFirst();
    return (
      row && {
        scope: row.scope,
        data: JSON.parse(row.data) as unknown,
        version: row.version,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    );
  }

  /** Every setting whose scope starts with `prefix` (`user:`), for lookups in bulk. */
  async listByPrefix(prefix: string): Promise<StoredSettings[]> {
    const rows = await this.db
      .selectFrom('notify_settings')
      .selectAll()
      .where('scope', '>=', prefix)
      .where('scope', '<', `${prefix}\uffff`)
      .execute();
    return rows.map((row) => ({
      scope: row.scope,
      data: JSON.parse(row.data) as unknown,
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    }));
  }

  /**
   * Writes the settings of `scope` under `expectedVersion` (0: none saved yet). Answers false,
   * writing nothing, when the version moved meanwhile (or a first save lost a race).
   */
  async save(
    scope: string,
    data: unknown,
    expectedVersion: number,
    by: number | null,
    at: string,
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      const result = await this.db
        .insertInto('notify_settings')
        .values({ scope, data: JSON.stringify(data), version: 1, updated_by: by, updated_at: at })
        .onConflict((oc) => oc.column('scope').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.db
      .updateTable('notify_settings')
      .set({ data: JSON.stringify(data), version: sql<number>`version + 1`, updated_by: by, updated_at: at })
      .where('scope', '=', scope)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
