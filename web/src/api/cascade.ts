/**
 * Plans between levels (issue 16.3) as the target page reads them (src/server/routes/cascade.ts):
 * the plans below to hand a target down to, the hand-down itself, and the roll-up.
 */
import { api } from './endpoints';
import type { HandDownAnswer, HandDownBody, LowerPlan, TargetCascade } from '../../../src/contract';

export type { HandDownBody, LowerPlan, TargetCascade };

const target = (planId: number, targetId: number) => `/plans/${planId}/targets/${targetId}`;

export const cascadeApi = {
  listLowerPlans: async (planId: number) =>
    (await api.get<{ items: LowerPlan[] }>(`/plans/${planId}/lower-plans`)).items,
  getCascade: (planId: number, targetId: number, date?: string) =>
    api.get<TargetCascade>(`${target(planId, targetId)}/cascade`, date ? { date } : {}),
  handDown: (planId: number, targetId: number, body: HandDownBody) =>
    api.post<HandDownAnswer>(`${target(planId, targetId)}/hand-down`, body),
};
