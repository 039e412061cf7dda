import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deskApi,
  type AssignBody,
  type KnowledgeContentBody,
  type KnowledgeListQuery,
  type ReassignBody,
  type WorkItemKind,
} from '../api/desk';
import { requestKeys } from './use-requests';

/** Query keys of the desk: under ['requests'], so any action on an order refreshes them too. */
export const deskKeys = {
  knowledge: (text: string, area: string, category: string) =>
    ['requests', 'knowledge', text, area, category] as const,
  checks: ['requests', 'checks'] as const,
  base: ['requests', 'knowledge-base'] as const,
  entries: (query: KnowledgeListQuery) => ['requests', 'knowledge-base', 'list', query] as const,
  entry: (id: number) => ['requests', 'knowledge-base', 'entry', id] as const,
  upkeep: (unitId: number | undefined) => ['requests', 'knowledge-base', 'upkeep', unitId ?? 0] as const,
  figures: (month: string) => ['requests', 'desk-figures', month] as const,
  profile: ['requests', 'handlers', 'me'] as const,
  queue: (kind: WorkItemKind | 'all') => ['requests', 'handlers', 'queue', kind] as const,
  workload: (unitId: number) => ['requests', 'handlers', 'workload', unitId] as const,
};

/** The knowledge base's answers for the text as it rests (two characters or more). */
export function useKnowledgeSearch(text: string, area: string | undefined, category: string | undefined) {
  return useQuery({
    queryKey: deskKeys.knowledge(text, area ?? '', category ?? ''),
    queryFn: ({ signal }) => deskApi.searchKnowledge({ text, area, category }, signal),
    enabled: text.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useDirectAnswer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deskApi.answer,
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useCheckerQueue() {
  return useQuery({ queryKey: deskKeys.checks, queryFn: deskApi.checks });
}

export function useCheckDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, passed, note }: { orderId: number; passed: boolean; note: string }) =>
      deskApi.decideCheck(orderId, { passed, note }),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useHandlerProfile() {
  return useQuery({ queryKey: deskKeys.profile, queryFn: deskApi.profile });
}

export function useMyQueue(kind: WorkItemKind | 'all') {
  return useQuery({
    queryKey: deskKeys.queue(kind),
    queryFn: () => deskApi.myQueue(kind === 'all' ? undefined : kind),
  });
}

export function useWorkload(unitId: number | undefined) {
  return useQuery({
    queryKey: deskKeys.workload(unitId ?? 0),
    queryFn: () => deskApi.workload(unitId ?? 0),
    enabled: unitId !== undefined,
  });
}

export function useAssign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: number; body: AssignBody }) => deskApi.assign(unitId, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useReassign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: number; body: ReassignBody }) => deskApi.reassign(unitId, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useKnowledgeEntries(query: KnowledgeListQuery) {
  return useQuery({
    queryKey: deskKeys.entries(query),
    queryFn: () => deskApi.knowledgeList(query),
    placeholderData: keepPreviousData,
  });
}

export function useKnowledgeEntry(id: number | undefined) {
  return useQuery({
    queryKey: deskKeys.entry(id ?? 0),
    queryFn: () => deskApi.knowledgeEntry(id ?? 0),
    enabled: id !== undefined,
  });
}

export function useKnowledgeUpkeep(unitId: number | undefined) {
  return useQuery({ queryKey: deskKeys.upkeep(unitId), queryFn: () => deskApi.knowledgeUpkeep(unitId) });
}

export function useDeskFigures(month: string) {
  return useQuery({ queryKey: deskKeys.figures(month), queryFn: () => deskApi.deskFigures(month) });
}

/** One step on an entry (save, submit, decide, confirm, notices); the base's lists read again. */
export function useKnowledgeStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (step: KnowledgeStep) => runKnowledgeStep(step),
    onSettled: () => void client.invalidateQueries({ queryKey: deskKeys.base }),
  });
}

export type KnowledgeStep =
  | { type: 'create'; content: KnowledgeContentBody }
  | { type: 'revise'; id: number; content: KnowledgeContentBody; version: number }
  | { type: 'submit'; id: number; version: number }
  | { type: 'decide'; id: number; approve: boolean; note: string; version: number }
  | { type: 'confirm'; id: number; reviewBy: string; version: number };

function runKnowledgeStep(step: KnowledgeStep) {
  switch (step.type) {
    case 'create':
      return deskApi.createKnowledge(step.content);
    case 'revise':
      return deskApi.reviseKnowledge(step.id, step.content, step.version);
    case 'submit':
      return deskApi.submitKnowledge(step.id, step.version);
    case 'decide':
      return deskApi.decideKnowledge(step.id, {
        approve: step.approve,
        version: step.version,
        ...(step.note ? { note: step.note } : {}),
      });
    case 'confirm':
      return deskApi.confirmKnowledge(step.id, step.reviewBy, step.version);
  }
}

export function useStaleNotices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deskApi.staleNotices,
    onSuccess: () => void client.invalidateQueries({ queryKey: deskKeys.base }),
  });
}
