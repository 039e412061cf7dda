/**
 * Which plan a task belongs to, for routes that name a task by its id alone (the requests a
 * task draws, GET /requests/by-task/:id) and must still check the plan is visible to the caller.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Store } from './types.js';

type Db = Kysely<{ tasks: { id: number; plan_id: number } }>;

/**
 * The id of the plan holding task `taskId`, or undefined when there is no such task.
 * @example await findTaskPlanId(store, 12) // 3
 */
export async function findTaskPlanId(store: Store, taskId: number): Promise<number | undefined> {
  const db = (store as unknown as { kysely?: Db }).kysely;
  if (db === undefined) throw new AppError('INTERNAL', 'findTaskPlanId needs a KyselyStore (openStore)');
  const row = await db.selectFrom('tasks').select('plan_id').where('id', '=', taskId).executeTakeFirst();
  return row === undefined ? undefined : Number(row.plan_id);
}
