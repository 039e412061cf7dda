import { useMemo } from 'react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  requestsApi,
  type CatalogueRow,
  type DispatchBody,
  type HotspotDimension,
  type OrderEventBody,
  type OrderIntakeBody,
  type OrderQuery,
  type ThemeBody,
  type TransferOrderBody,
} from '../api/requests';
import { requestsMediaApi } from '../api/requests-media';
import { isApiError } from '../api/client';
import { deriveMediaAccess, isExternalMediaRef, type MediaAccess } from '../lib/media';
import { asOfInstant, useWorkingAsOf } from './use-as-of';
import { useUnits } from './use-plan-data';
import type { Unit } from '../api/types';

/** Query keys of 接诉即办: everything sits under ['requests']. */
export const requestKeys = {
  all: ['requests'] as const,
  catalogue: ['requests-catalogue'] as const,
  areas: ['requests-areas'] as const,
  orders: (query: OrderQuery) => ['requests', 'orders', query] as const,
  queue: ['requests', 'queue'] as const,
  overdue: ['requests', 'overdue'] as const,
  mine: ['requests', 'mine'] as const,
  order: (id: number) => ['requests', 'order', id] as const,
  events: (id: number) => ['requests', 'order', id, 'events'] as const,
  transfer: (id: number) => ['requests', 'order', id, 'transfer'] as const,
  media: (id: number, ref: string) => ['requests', 'order', id, 'media', ref] as const,
  scores: (month: string) => ['requests', 'scores', month] as const,
  rankings: (month: string, minVolume: number | undefined) =>
    ['requests', 'rankings', month, minVolume ?? 'scheme'] as const,
  districtRankings: (month: string) => ['requests', 'district-rankings', month] as const,
  hotspots: (month: string, dimension: HotspotDimension, minCount: number) =>
    ['requests', 'hotspots', month, dimension, minCount] as const,
  themes: ['requests', 'themes'] as const,
  theme: (id: number) => ['requests', 'themes', id] as const,
  themeSuggestions: (id: number, planId: number) =>
    ['requests', 'themes', id, 'suggestions', planId] as const,
  byTask: (taskId: number) => ['requests', 'by-task', taskId] as const,
  public: (query: { category?: string; area?: string }) => ['requests', 'public', query] as const,
};

/** Units by id, for names in lists (the store's units: the jurisdiction's are among them). */
export function useUnitMap(): Map<number, Unit> {
  const units = useUnits();
  return useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit])), [units.data]);
}

/**
 * The jurisdiction's streets and towns with their communities, as the server holds them (the
 * deployment's data, GET /requests/areas).
 */
export function useJurisdictionAreas(enabled = true) {
  return useQuery({
    queryKey: requestKeys.areas,
    queryFn: requestsApi.areas,
    staleTime: 60 * 60_000,
    enabled,
  });
}

/** The names of the jurisdiction's streets and towns; none while they load (or when not `enabled`). */
export function useAreaNames(enabled = true): string[] {
  const areas = useJurisdictionAreas(enabled);
  return useMemo(() => (areas.data?.items ?? []).map((a) => a.name), [areas.data]);
}

/**
 * The rows of the dispatch catalogue in force now (the latest version already effective), as
 * the server holds them (the deployment's data): empty while the catalogue loads.
 */
export function useCatalogueRows(): CatalogueRow[] {
  const catalogue = useQuery({
    queryKey: requestKeys.catalogue,
    queryFn: requestsApi.catalogue,
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const now = Date.now();
    const inForce = (catalogue.data?.versions ?? []).filter((v) => Date.parse(v.effectiveFrom) <= now).at(-1);
    return inForce?.rows ?? [];
  }, [catalogue.data]);
}

/** Orders by status and the rest, as they stand or (a past as-of date) as they stood then. */
export function useOrders(query: OrderQuery, enabled = true) {
  const asOf = usePastAsOf();
  const asked = asOf ? { ...query, asOf } : query;
  return useQuery({
    queryKey: requestKeys.orders(asked),
    queryFn: () => requestsApi.list(asked),
    enabled,
    staleTime: 5_000,
  });
}

/**
 * The as-of date the desk's queues are read at (issue 14.9): the working plan's, sent only when
 * past (the queues as they stood at the end of that day); today's queues otherwise.
 */
function usePastAsOf(): string | undefined {
  const asOf = useWorkingAsOf();
  return asOfInstant(asOf, Date.now()) === undefined ? undefined : asOf;
}

export function useDispatchQueue(enabled = true) {
  const asOf = usePastAsOf();
  return useQuery({
    queryKey: [...requestKeys.queue, asOf ?? 'now'],
    queryFn: () => requestsApi.queue(asOf),
    enabled,
    staleTime: 5_000,
  });
}

export function useOverdue(enabled = true) {
  const asOf = usePastAsOf();
  return useQuery({
    queryKey: [...requestKeys.overdue, asOf ?? 'now'],
    queryFn: () => requestsApi.overdue(asOf),
    enabled,
    staleTime: 30_000,
  });
}

export function useUnitQueue(enabled = true) {
  const asOf = usePastAsOf();
  return useQuery({
    queryKey: [...requestKeys.mine, asOf ?? 'now'],
    queryFn: () => requestsApi.mine(asOf),
    enabled,
    staleTime: 5_000,
  });
}

export function useOrder(id: number) {
  return useQuery({ queryKey: requestKeys.order(id), queryFn: () => requestsApi.get(id), enabled: id > 0 });
}

/**
 * Whether the viewer may read each file of an order (HEAD of each, no bytes), by ref: the
 * order page shows a file only once the server said yes. Links an Open311 client posted are
 * not asked about (they are not this server's files).
 */
export function useMediaAccess(orderId: number, refs: readonly string[]): Map<string, MediaAccess> {
  const own = refs.filter((ref) => !isExternalMediaRef(ref));
  const answers = useQueries({
    queries: own.map((ref) => ({
      queryKey: requestKeys.media(orderId, ref),
      queryFn: ({ signal }: { signal: AbortSignal }) => requestsMediaApi.probe(orderId, ref, signal),
      enabled: orderId > 0,
      staleTime: 60_000,
    })),
  });
  return new Map(
    own.map((ref, i): [string, MediaAccess] => {
      const answer = answers[i];
      if (answer === undefined || answer.isPending) return [ref, 'checking'];
      if (answer.isSuccess) return [ref, 'ok'];
      return [ref, isApiError(answer.error) ? deriveMediaAccess(answer.error) : 'failed'];
    }),
  );
}

export function useOrderEvents(id: number) {
  return useQuery({
    queryKey: requestKeys.events(id),
    queryFn: () => requestsApi.events(id),
    enabled: id > 0,
  });
}

export function useCreateOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (intake: OrderIntakeBody) => requestsApi.create(intake),
    // Not awaited: the caller's own onSuccess runs first, before the list refetches and the
    // row it acted on (and its form) goes away.
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** Any action on an order (sign, answer, decide, follow-up…); every list refreshes after it. */
export function useOrderAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: OrderEventBody }) => requestsApi.act(id, input),
    // Not awaited: the caller's own onSuccess runs first, before the list refetches and the
    // row it acted on (and its form) goes away.
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useDispatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: DispatchBody }) => requestsApi.dispatch(id, body),
    // Not awaited: the caller's own onSuccess runs first, before the list refetches and the
    // row it acted on (and its form) goes away.
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** 重复件: merge into an open order (`intoOrderId`), or undo a merge (`reason`). */
export function useMergeRepeat() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, intoOrderId }: { id: number; intoOrderId: number }) =>
      requestsApi.mergeRepeat(id, { intoOrderId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

/** 市级派单: what the order's page shows of a transfer, and where the centre may hand it. */
export function useOrderTransfer(id: number) {
  return useQuery({
    queryKey: requestKeys.transfer(id),
    queryFn: () => requestsApi.transfer(id),
    enabled: id > 0,
  });
}

export function useTransferOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TransferOrderBody }) => requestsApi.transferDown(id, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useUndoMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => requestsApi.undoMerge(id, { reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useScores(month: string) {
  return useQuery({ queryKey: requestKeys.scores(month), queryFn: () => requestsApi.scores(month) });
}

/** A month's rankings; `minVolume` undefined applies the scheme's minimum, a number is a what-if. */
export function useRankings(month: string, minVolume: number | undefined) {
  return useQuery({
    queryKey: requestKeys.rankings(month, minVolume),
    queryFn: () => requestsApi.rankings(month, minVolume),
  });
}

/** 各区排名 of a month; asked only when `enabled` (the session sees the jurisdictions below). */
export function useDistrictRankings(month: string, enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.districtRankings(month),
    queryFn: () => requestsApi.districtRankings(month),
    enabled,
  });
}

export function useHotspots(month: string, dimension: HotspotDimension, minCount: number) {
  return useQuery({
    queryKey: requestKeys.hotspots(month, dimension, minCount),
    queryFn: () => requestsApi.hotspots(month, dimension, minCount),
  });
}

export function useThemes() {
  return useQuery({ queryKey: requestKeys.themes, queryFn: requestsApi.themes });
}

export function useTheme(id: number) {
  return useQuery({ queryKey: requestKeys.theme(id), queryFn: () => requestsApi.theme(id), enabled: id > 0 });
}

export function useThemeTaskSuggestions(id: number, planId: number | undefined) {
  return useQuery({
    queryKey: requestKeys.themeSuggestions(id, planId ?? 0),
    queryFn: () => requestsApi.themeTaskSuggestions(id, planId!),
    enabled: id > 0 && planId !== undefined && planId > 0,
  });
}

export function useCreateTheme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: ThemeBody) => requestsApi.createTheme(draft),
    onSuccess: () => void client.invalidateQueries({ queryKey: requestKeys.themes }),
  });
}

export function useDecideLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: requestsApi.decideLink,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: requestKeys.themes });
      void client.invalidateQueries({ queryKey: ['requests', 'by-task'] });
    },
  });
}

export function useTaskRequests(taskId: number) {
  return useQuery({
    queryKey: requestKeys.byTask(taskId),
    queryFn: () => requestsApi.byTask(taskId),
    enabled: taskId > 0,
  });
}

export function usePublicOrders(query: { category?: string; area?: string }) {
  return useQuery({ queryKey: requestKeys.public(query), queryFn: () => requestsApi.publicOrders(query) });
}
