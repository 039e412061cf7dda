/** The cockpit (驾驶舱) for staff and the public promise tracker (issue 19). */
import { api } from './endpoints';
import type {
  Cockpit,
  ConfidenceBody,
  ItemConfidence,
  ItemPromise,
  KioskBody,
  KioskIssued,
  KioskList,
  LeaderList,
  PublicCommitment,
  PublicCommitmentList,
  PromiseList,
  PublicVerdictView,
  RebaselineBody,
  SlippageBody,
  SlippageThresholds,
  VerdictBody,
  Wall,
} from '../../../src/contract';

export type {
  Cockpit,
  ConfidenceAssessment,
  ItemConfidence,
  ItemPromise,
  PublicCommitment,
  PublicCommitmentList,
  PublicCommitmentRow,
  PromiseList,
  PromiseSlipView,
  SlippageThresholds,
  PublicVerdictView,
  WorstItem,
  HeadlineTarget,
} from '../../../src/contract';

export type FollowKind = 'task' | 'target' | 'chapter' | 'plan';

/** The Atom feed of a plan's public changes (a link, opened by feed readers). */
export const feedUrl = (planId: number) => `/api/v1/public/plans/${planId}/feed.atom`;
/** The Atom feed of one chapter's public changes. */
export const chapterFeedUrl = (planId: number, chapterId: number) =>
  `/api/v1/public/plans/${planId}/chapters/${chapterId}/feed.atom`;

/** The public copy of an evidence file a verdict made public, by the version the page gives. */
export const evidenceUrl = (planId: number, fileId: number, version: string) =>
  `/api/v1/public/plans/${planId}/evidence/${fileId}?v=${encodeURIComponent(version)}`;

/** Publishable evidence, by extension (the upload checks it against the content). */
export const PUBLISHABLE_EVIDENCE = /\.(pdf|jpe?g|png|docx|xlsx)$/i;

export const promisesApi = {
  /** The wall screen, read with a kiosk link's token (no sign-in). */
  wall: (planId: number, token: string) =>
    api.request<Wall>('GET', `/wall/${planId}`, { headers: { 'x-kiosk-token': token } }),
  /** The plan's wall screen links (plan office): list, open one (its token shown once), revoke. */
  kiosks: (planId: number) => api.get<KioskList>(`/plans/${planId}/kiosks`),
  openKiosk: (planId: number, body: KioskBody) => api.post<KioskIssued>(`/plans/${planId}/kiosks`, body),
  revokeKiosk: (planId: number, id: number) => api.delete<unknown>(`/plans/${planId}/kiosks/${id}`),
  cockpit: (planId: number, date?: string) =>
    api.get<Cockpit>(`/plans/${planId}/cockpit`, date ? { date } : undefined),
  /** The leaders named on the plan's items, for their stocktake packs. */
  leaders: (planId: number) => api.get<LeaderList>(`/plans/${planId}/leaders`),
  stocktakeDocxUrl: (planId: number, leader: string) =>
    `${api.base}/plans/${planId}/stocktake?leader=${encodeURIComponent(leader)}&format=docx`,
  stocktakePdf: (planId: number, leader: string) =>
    api.request<Blob>('GET', `/plans/${planId}/stocktake`, {
      query: { leader, format: 'pdf' },
      blob: 'application/pdf',
    }),
  /** An item's promise: original and current deadline and value, every re-baseline. */
  promise: (planId: number, type: 'task' | 'target', id: number) =>
    api.get<ItemPromise>(`/plans/${planId}/items/${type}/${id}/promise`),
  /** Every item's original vs current promise and slip, for the staff lists. */
  promiseList: (planId: number, date?: string) =>
    api.get<PromiseList>(`/plans/${planId}/promises`, date ? { date } : undefined),
  /** The plan's slippage thresholds (past them a written explanation is required). */
  slippage: (planId: number) => api.get<SlippageThresholds>(`/plans/${planId}/slippage`),
  saveSlippage: (planId: number, body: SlippageBody) =>
    api.request<SlippageThresholds>('PUT', `/plans/${planId}/slippage`, { body }),
  /** The plan office re-baselines a deadline or a target value by a decision (the original is kept). */
  rebaseline: (planId: number, type: 'task' | 'target', id: number, body: RebaselineBody) =>
    api.post<ItemPromise>(`/plans/${planId}/items/${type}/${id}/rebaseline`, body),
  /** The lead unit's own confidence (its reporter) or the 督查室's independent one. */
  giveConfidence: (planId: number, type: 'task' | 'target', id: number, body: ConfidenceBody) =>
    api.post<unknown>(`/plans/${planId}/items/${type}/${id}/confidence`, body),
  confidence: (planId: number, type: 'task' | 'target', id: number) =>
    api.get<ItemConfidence>(`/plans/${planId}/items/${type}/${id}/confidence`),
  /** The plan office gives a commitment its public verdict (按计划推进 … 不再推进 with its reason). */
  giveVerdict: (planId: number, type: 'task' | 'target', id: number, body: VerdictBody) =>
    api.post<PublicVerdictView>(`/plans/${planId}/items/${type}/${id}/verdict`, body),
  /** As of the end of `asOf` (the plan's as-of date: a past plan's year end), else today. */
  commitments: (planId: number, asOf?: string) =>
    api.get<PublicCommitmentList>(`/public/plans/${planId}/commitments`, { asOf }),
  commitment: (planId: number, type: 'task' | 'target', id: number, asOf?: string) =>
    api.get<PublicCommitment>(`/public/plans/${planId}/commitments/${type}/${id}`, { asOf }),
  follow: (body: {
    subject: { kind: FollowKind; id: number; planId: number };
    email: string;
    cadence: 'daily' | 'weekly';
  }) => api.post<{ message: string }>('/public/follows', body),
  confirm: (token: string) => api.post<{ message: string }>('/public/follows/confirm', { token }),
  unsubscribe: (token: string) =>
    api.post<{ message: string }>('/public/follows/unsubscribe', { token, scope: 'one' }),
};
