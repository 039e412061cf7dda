/**
 * Notification settings (issue 18) of a jurisdiction (issue 16.2) as JSON by scope under a
 * version: `user:5` (a person of it), `unit:3` (a unit of it), `office:notify`, `office:chase`,
 * `office:bulletin`. The shapes and their defaults belong to the commands. Values of the
 * deployment (the commenter secret, the followers' run mark) are kept apart, by name.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db } from './schema.js';
import type { NotifySettingsTable } from './schema-offices.js';

export interface StoredSettings {
  jurisdictionId: number;
  scope: string;
  data: unknown;
  version: number;
  updatedBy: number | null;
  updatedAt: string;
}

function toSettings(row: Selectable<NotifySettingsTable>): StoredSettings {
  return {
    jurisdictionId: row.jurisdiction_id,
    scope: row.scope,
    data: JSON.parse(row.data) as unknown,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export class NotifySettingsRepository {
  constructor(private readonly db: Db) {}

  async find(jurisdictionId: number, scope: string): Promise<StoredSettings | undefined> {
    const row = await this.db
      .selectFrom('notify_settings')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return row && toSettings(row);
  }

  /** Every setting of the jurisdiction whose scope starts with `prefix` (`user:`), for lookups in bulk. */
  async listByPrefix(jurisdictionId: number, prefix: string): Promise<StoredSettings[]> {
    const rows = await this.db
      .selectFrom('notify_settings')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('scope', '>=', prefix)
      .where('scope', '<', `${prefix}\uffff`)
      .execute();
    return rows.map(toSettings);
  }

  /**
   * Writes the jurisdiction's settings of `scope` under `expectedVersion` (0: none saved yet).
   * Answers false, writing nothing, when the version moved meanwhile (or a first save lost a race).
   */
  async save(
    jurisdictionId: number,
    scope: string,
    data: unknown,
    expectedVersion: number,
    by: number | null,
    at: string,
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      const result = await this.db
        .insertInto('notify_settings')
        .values({
          jurisdiction_id: jurisdictionId,
          scope,
          data: JSON.stringify(data),
          version: 1,
          updated_by: by,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'scope']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.db
      .updateTable('notify_settings')
      .set({ data: JSON.stringify(data), version: sql<number>`version + 1`, updated_by: by, updated_at: at })
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('scope', '=', scope)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A value of the deployment by name (`comments:secret`), with its version. */
  async findDeployment(name: string): Promise<{ data: unknown; version: number } | undefined> {
    const row = await this.db
      .selectFrom('deployment_settings')
      .select(['data', 'version'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row && { data: JSON.parse(row.data) as unknown, version: row.version };
  }

  /** Writes a value of the deployment under `expectedVersion` (0: none yet); false when it moved. */
  async saveDeployment(name: string, data: unknown, expectedVersion: number, at: string): Promise<boolean> {
    if (expectedVersion === 0) {
      const result = await this.db
        .insertInto('deployment_settings')
        .values({ name, data: JSON.stringify(data), version: 1, updated_at: at })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.db
      .updateTable('deployment_settings')
      .set({ data: JSON.stringify(data), version: sql<number>`version + 1`, updated_at: at })
      .where('name', '=', name)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
