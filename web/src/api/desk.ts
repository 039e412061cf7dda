/**
 * The 12345 desk (issue 20): the knowledge base's search and the call answered from it, the
 * checker's queue and decision, a person's queue, a unit's workload and bulk moves. Types are
 * the server's (src/contract/desk.ts).
 */
import { api } from './endpoints';
import type {
  AssignBody,
  CheckDecisionBody,
  CheckerQueueItem,
  DeskFigures,
  DirectAnswerBody,
  HandlerAssignment,
  HandlerChange,
  HandlerProfile,
  KnowledgeContentBody,
  KnowledgeHit,
  KnowledgeUpkeepItem,
  KnowledgeVersion,
  QueueEntry,
  ReassignBody,
  SchemeOptions,
  StoredKnowledgeEntry,
  WorkItemKind,
  WorkOrder,
  Workload,
} from '../../../src/contract';

export type {
  AssignBody,
  DeskFigures,
  KnowledgeContentBody,
  KnowledgeUpkeepItem,
  KnowledgeVersion,
  SchemeOptions,
  StoredKnowledgeEntry,
  CheckerQueueItem,
  HandlerChange,
  KnowledgeHit,
  QueueEntry,
  ReassignBody,
  WorkItemKind,
  Workload,
  WorkloadRow,
} from '../../../src/contract';

const R = '/requests';

/** The list's filters as the page sends them. */
export interface KnowledgeListQuery {
  ownerUnitId?: number | undefined;
  status?: KnowledgeVersion['status'] | undefined;
  q?: string | undefined;
  limit?: number;
  offset?: number;
}

export const deskApi = {
  /** The entries in force for what the operator typed, best first. */
  searchKnowledge: async (
    query: { text: string; area?: string | undefined; category?: string | undefined },
    signal?: AbortSignal,
  ) =>
    (
      await api.get<{ items: KnowledgeHit[] }>(
        `${R}/knowledge/search`,
        { text: query.text, area: query.area, category: query.category, limit: 5 },
        signal,
      )
    ).items,
  /** 直接答复: the call taken in and closed with an entry's answer, in one step. */
  answer: (body: DirectAnswerBody) => api.post<WorkOrder>(`${R}/answer`, body),

  /** The entries of the caller's jurisdiction, newest change first. */
  knowledgeList: (query: KnowledgeListQuery) =>
    api.get<{ items: StoredKnowledgeEntry[]; total: number }>(`${R}/knowledge`, { ...query }),
  knowledgeEntry: (id: number) => api.get<StoredKnowledgeEntry>(`${R}/knowledge/${id}`),
  createKnowledge: (content: KnowledgeContentBody) =>
    api.post<StoredKnowledgeEntry>(`${R}/knowledge`, content),
  /** A revision with the row version read: 409 when someone changed the entry meanwhile. */
  reviseKnowledge: (id: number, content: KnowledgeContentBody, version: number) =>
    api.request<StoredKnowledgeEntry>('PUT', `${R}/knowledge/${id}`, { body: { content, version } }),
  submitKnowledge: (id: number, version: number) =>
    api.post<StoredKnowledgeEntry>(`${R}/knowledge/${id}/submit`, { version }),
  decideKnowledge: (id: number, body: { approve: boolean; note?: string; version: number }) =>
    api.post<StoredKnowledgeEntry>(`${R}/knowledge/${id}/decision`, body),
  confirmKnowledge: (id: number, reviewBy: string, version: number) =>
    api.post<StoredKnowledgeEntry>(`${R}/knowledge/${id}/confirm`, { reviewBy, version }),
  knowledgeUpkeep: (unitId?: number) =>
    api.get<{ items: KnowledgeUpkeepItem[]; asOf: string }>(`${R}/knowledge/upkeep`, { unitId }),
  staleNotices: () =>
    api.post<{ units: number; entries: number; messages: number }>(`${R}/knowledge/stale-notices`),
  deskFigures: (month: string) =>
    api.get<{ items: DeskFigures[]; options: SchemeOptions }>(`${R}/desk-figures`, { month }),

  checks: async () => (await api.get<{ items: CheckerQueueItem[] }>(`${R}/checks`)).items,
  decideCheck: (orderId: number, body: CheckDecisionBody) =>
    api.post<WorkOrder>(`${R}/${orderId}/check`, body),

  profile: () => api.get<HandlerProfile>('/handlers/me'),
  myQueue: async (kind?: WorkItemKind) =>
    (await api.get<{ items: QueueEntry[] }>('/handlers/queue', { kind })).items,
  workload: (unitId: number) => api.get<Workload>(`/units/${unitId}/workload`),
  assign: (unitId: number, body: AssignBody) =>
    api.post<HandlerAssignment>(`/units/${unitId}/handlers`, body),
  reassign: (unitId: number, body: ReassignBody) =>
    api.post<{ moved: HandlerChange[] }>(`/units/${unitId}/handlers/bulk`, body),
  /** The signed-in handler opened an item: its unit is not told of the notices held for it. */
  seen: (kind: WorkItemKind, itemId: number) =>
    api.post<{ seen: number }>('/handlers/seen', { kind, itemId }),
};
