/**
 * What the centre makes of citizens' requests (接诉即办, issue 7): 每月一题 themes, confirmed
 * links between requests and plan tasks, and the trained category model.
 */
import { AppError } from '../errors.js';
import type { CategoryModel, MonthlyTopic } from '../requests/index.js';
import type { Db } from './schema.js';

const json = (value: unknown): string => JSON.stringify(value);

/** A confirmed link between a request source (theme or category) and a plan task. */
export interface StoredTaskLink {
  sourceKey: string;
  taskId: number;
  score: number;
  confirmedBy: number;
  confirmedAt: string;
}

export class RequestThemeRepository {
  constructor(private readonly db: Db) {}

  async insertTheme(
    jurisdictionId: number,
    topic: Omit<MonthlyTopic, 'id'>,
    userId: number | null,
    now: string,
  ): Promise<MonthlyTopic> {
    const row = await this.db
      .insertInto('request_themes')
      .values({
        jurisdiction_id: jurisdictionId,
        month: topic.month,
        lead_unit_id: topic.leadUnitId,
        data: '{}',
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theme: MonthlyTopic = { ...topic, id: row.id };
    await this.db
      .updateTable('request_themes')
      .set({ data: json(theme) })
      .where('id', '=', row.id)
      .execute();
    return theme;
  }

  /** The 每月一题 themes of a jurisdiction, newest month first. */
  async listThemes(jurisdictionId: number): Promise<MonthlyTopic[]> {
    const rows = await this.db
      .selectFrom('request_themes')
      .select('data')
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('month', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as MonthlyTopic);
  }

  /** The jurisdiction of theme `id`, or undefined when there is none. */
  async findOwner(id: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('request_themes')
      .select('jurisdiction_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.jurisdiction_id;
  }

  /** The theme; NOT_FOUND when there is none in the jurisdictions given (all when none are). */
  async getTheme(id: number, jurisdictionIds?: readonly number[]): Promise<MonthlyTopic> {
    let query = this.db.selectFrom('request_themes').select('data').where('id', '=', id);
    if (jurisdictionIds !== undefined) query = query.where('jurisdiction_id', 'in', [...jurisdictionIds, -1]);
    const row = await query.executeTakeFirst();
    if (row === undefined) throw new AppError('NOT_FOUND', `theme ${id} not found`);
    return JSON.parse(row.data) as MonthlyTopic;
  }

  async updateTheme(topic: MonthlyTopic): Promise<void> {
    await this.db
      .updateTable('request_themes')
      .set({ data: json(topic), month: topic.month, lead_unit_id: topic.leadUnitId })
      .where('id', '=', topic.id)
      .execute();
  }

  async saveTaskLink(link: StoredTaskLink): Promise<void> {
    await this.db
      .insertInto('request_task_links')
      .values({
        jurisdiction_id: this.db.selectFrom('tasks').select('jurisdiction_id').where('id', '=', link.taskId),
        source_key: link.sourceKey,
        task_id: link.taskId,
        score: link.score,
        confirmed_by: link.confirmedBy,
        confirmed_at: link.confirmedAt,
      })
      .onConflict((oc) =>
        oc.columns(['jurisdiction_id', 'source_key', 'task_id']).doUpdateSet({
          score: link.score,
          confirmed_by: link.confirmedBy,
          confirmed_at: link.confirmedAt,
        }),
      )
      .execute();
  }

  async listTaskLinks(filter: { taskId?: number; sourceKey?: string }): Promise<StoredTaskLink[]> {
    let query = this.db.selectFrom('request_task_links').selectAll();
    if (filter.taskId !== undefined) query = query.where('task_id', '=', filter.taskId);
    if (filter.sourceKey !== undefined) query = query.where('source_key', '=', filter.sourceKey);
    const rows = await query.orderBy('source_key').orderBy('task_id').execute();
    return rows.map((row) => ({
      sourceKey: row.source_key,
      taskId: row.task_id,
      score: Number(row.score),
      confirmedBy: row.confirmed_by,
      confirmedAt: row.confirmed_at,
    }));
  }

  async saveModel(
    jurisdictionId: number,
    name: string,
    model: CategoryModel,
    trainedAt: string,
  ): Promise<void> {
    await this.db
      .insertInto('request_models')
      .values({ jurisdiction_id: jurisdictionId, name, trained_at: trainedAt, model: json(model) })
      .onConflict((oc) =>
        oc.columns(['jurisdiction_id', 'name']).doUpdateSet({ trained_at: trainedAt, model: json(model) }),
      )
      .execute();
  }

  async findModel(jurisdictionId: number, name: string): Promise<CategoryModel | undefined> {
    const row = await this.db
      .selectFrom('request_models')
      .select('model')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.model) as CategoryModel);
  }

  /** Themes unit `from` leads, or holds a task of, pass to `into` (a merge: 职责划转). */
  async moveUnit(jurisdictionId: number, from: number, into: number): Promise<void> {
    for (const theme of await this.listThemes(jurisdictionId)) {
      const names = theme.leadUnitId === from || theme.tasks.some((task) => task.unitId === from);
      if (!names) continue;
      await this.updateTheme({
        ...theme,
        leadUnitId: theme.leadUnitId === from ? into : theme.leadUnitId,
        tasks: theme.tasks.map((task) => (task.unitId === from ? { ...task, unitId: into } : task)),
      });
    }
  }
}
