/** Review of the extraction by the plan office (报告 审核): correct, add, delete, split, merge. */
import { api } from './endpoints';
import type {
  FieldsPatch,
  ItemFields,
  ItemKind,
  NewItem,
  ReviewAchievement,
  Target,
  Task,
} from '../../../src/contract';

export type { ItemFields, ReviewAchievement } from '../../../src/contract';

export const reviewApi = {
  /** An achievement with the version a correction must carry. */
  achievement: (planId: number, id: number) =>
    api.get<ReviewAchievement>(`/plans/${planId}/achievements/${id}/review`),
  correct: (planId: number, kind: ItemKind, id: number, fields: Partial<ItemFields>, version: number) => {
    const patch: FieldsPatch = { ...fields, version };
    return api.patch<Target | ReviewAchievement>(`/plans/${planId}/${kind}s/${id}/fields`, patch);
  },
  add: (planId: number, kind: ItemKind, body: NewItem) =>
    api.post<Target | ReviewAchievement>(`/plans/${planId}/${kind}s`, body),
  remove: (planId: number, kind: ItemKind, id: number) => api.delete<void>(`/plans/${planId}/${kind}s/${id}`),
  split: (planId: number, taskId: number, at: number, version: number) =>
    api.post<{ tasks: [Task, Task] }>(`/plans/${planId}/tasks/${taskId}/split`, { at, version }),
  merge: (planId: number, taskIds: [number, number]) =>
    api.post<Task>(`/plans/${planId}/tasks/merge`, { taskIds }),
};
