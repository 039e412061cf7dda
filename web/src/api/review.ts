/** Review of the extraction by the plan office (报告 审核): correct, add, delete, split, merge. */
import { api } from './endpoints';
import type { Achievement, Comparator, Span, Target, Task } from './types';

export type ReviewKind = 'target' | 'achievement';

/** What review corrects on a target or an achievement. */
export interface ItemFields {
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
}

export type VersionedAchievement = Achievement & { version: number };

export const reviewApi = {
  /** An achievement with the version a correction must carry. */
  achievement: (planId: number, id: number) =>
    api.get<VersionedAchievement>(`/plans/${planId}/achievements/${id}/review`),
  correct: (planId: number, kind: ReviewKind, id: number, fields: Partial<ItemFields>, version: number) =>
    api.patch<Target | VersionedAchievement>(`/plans/${planId}/${kind}s/${id}/fields`, {
      ...fields,
      version,
    }),
  add: (planId: number, kind: ReviewKind, body: ItemFields & { span: Span }) =>
    api.post<Target | VersionedAchievement>(`/plans/${planId}/${kind}s`, body),
  remove: (planId: number, kind: ReviewKind, id: number) =>
    api.delete<void>(`/plans/${planId}/${kind}s/${id}`),
  split: (planId: number, taskId: number, at: number, version: number) =>
    api.post<{ tasks: [Task, Task] }>(`/plans/${planId}/tasks/${taskId}/split`, { at, version }),
  merge: (planId: number, taskIds: [number, number]) =>
    api.post<Task>(`/plans/${planId}/tasks/merge`, { taskIds }),
};
