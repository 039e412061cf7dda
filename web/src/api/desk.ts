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
  DirectAnswerBody,
  HandlerAssignment,
  HandlerChange,
  HandlerProfile,
  KnowledgeHit,
  QueueEntry,
  ReassignBody,
  WorkItemKind,
  WorkOrder,
  Workload,
} from '../../../src/contract';

export type {
  AssignBody,
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
};
