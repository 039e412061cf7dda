/**
 * Plans between levels (issue 16.3) as the target page reads them (src/server/routes/cascade.ts):
 * the plans below to hand a target down to, the hand-down itself, and the roll-up.
 */
import { api } from './endpoints';
import type {
  HandDownAnswer,
  HandDownBody,
  HandDownTaskAnswer,
  LowerPlan,
  PlanLink,
  TargetCascade,
  TargetLinkSuggestion,
  TaskHandDown,
  UpperLink,
  UpperLinks,
} from '../../../src/contract';

export type {
  HandDownBody,
  LowerPlan,
  TargetCascade,
  TargetLinkSuggestion,
  TaskHandDown,
  UpperLink,
  UpperLinks,
};

const target = (planId: number, targetId: number) => `/plans/${planId}/targets/${targetId}`;

export const cascadeApi = {
  listLowerPlans: async (planId: number) =>
    (await api.get<{ items: LowerPlan[] }>(`/plans/${planId}/lower-plans`)).items,
  getCascade: (planId: number, targetId: number, date?: string) =>
    api.get<TargetCascade>(`${target(planId, targetId)}/cascade`, date ? { date } : {}),
  handDown: (planId: number, targetId: number, body: HandDownBody) =>
    api.post<HandDownAnswer>(`${target(planId, targetId)}/hand-down`, body),
  taskHandDowns: async (planId: number, taskId: number) =>
    (await api.get<{ items: TaskHandDown[] }>(`/plans/${planId}/tasks/${taskId}/hand-downs`)).items,
  handDownTask: (planId: number, taskId: number, lowerPlanId: number) =>
    api.post<HandDownTaskAnswer>(`/plans/${planId}/tasks/${taskId}/hand-down`, {
      to: [{ planId: lowerPlanId }],
    }),
  upperLinks: (planId: number) => api.get<UpperLinks>(`/plans/${planId}/upper-links`),
  suggestions: async (planId: number, parentPlanId: number) =>
    (await api.get<{ items: TargetLinkSuggestion[] }>(`/plans/${planId}/link-suggestions`, { parentPlanId }))
      .items,
  link: (planId: number, targetId: number, body: { parentPlanId: number; parentTargetId: number }) =>
    api.post<PlanLink>(`${target(planId, targetId)}/link`, body),
  unlink: (planId: number, targetId: number) =>
    api.request<null>('DELETE', `${target(planId, targetId)}/link`),
};
