import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deskApi, type AssignBody, type ReassignBody, type WorkItemKind } from '../api/desk';
import { requestKeys } from './use-requests';

/** Query keys of the desk: under ['requests'], so any action on an order refreshes them too. */
export const deskKeys = {
  knowledge: (text: string, area: string, category: string) =>
    ['requests', 'knowledge', text, area, category] as const,
  checks: ['requests', 'checks'] as const,
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
