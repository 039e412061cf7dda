import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trackingApi, type ItemHealth, type ReportBody, type SettingsBody } from '../api/tracking';

/** Tracking data sits under ['plan', id, 'tracking', …]: a change invalidates all of it at once. */
export const trackingKeys = {
  all: (id: number) => ['plan', id, 'tracking'] as const,
  settings: (id: number) => ['plan', id, 'tracking', 'settings'] as const,
  periods: (id: number) => ['plan', id, 'tracking', 'periods'] as const,
  todos: (id: number, unitId?: number, periodKey?: string) =>
    ['plan', id, 'tracking', 'todos', unitId ?? 0, periodKey ?? ''] as const,
  reports: (id: number, status?: string) => ['plan', id, 'tracking', 'reports', status ?? 'all'] as const,
  notices: (id: number, subject?: string) => ['plan', id, 'tracking', 'notices', subject ?? 'all'] as const,
  extensions: (id: number, subject?: string) =>
    ['plan', id, 'tracking', 'extensions', subject ?? 'all'] as const,
  closures: (id: number, subject?: string) => ['plan', id, 'tracking', 'closures', subject ?? 'all'] as const,
  health: (id: number, date?: string) => ['plan', id, 'tracking', 'health', date ?? 'today'] as const,
  healthItems: (id: number, date?: string) =>
    ['plan', id, 'tracking', 'health-items', date ?? 'today'] as const,
  explain: (id: number, nodeId: string) => ['plan', id, 'tracking', 'explain', nodeId] as const,
  history: (id: number, path: string, itemId: number) =>
    ['plan', id, 'tracking', 'history', path, itemId] as const,
};

type Subject = { type: 'task' | 'target' | 'project' | 'project_list'; id: number };
const subjectKey = (s?: Subject) => (s ? `${s.type}:${s.id}` : undefined);
const subjectQuery = (s?: Subject) => (s ? { subjectType: s.type, subjectId: s.id } : {});

export function usePeriods(id: number) {
  return useQuery({
    queryKey: trackingKeys.periods(id),
    queryFn: () => trackingApi.periods(id),
    enabled: id > 0,
  });
}

export function useTrackingSettings(id: number) {
  return useQuery({
    queryKey: trackingKeys.settings(id),
    queryFn: () => trackingApi.settings(id),
    enabled: id > 0,
  });
}

export function useTodos(
  id: number,
  unitId: number | undefined,
  periodKey: string | undefined,
  enabled = true,
) {
  return useQuery({
    queryKey: trackingKeys.todos(id, unitId, periodKey),
    queryFn: () =>
      trackingApi.todos(id, {
        ...(unitId === undefined ? {} : { unitId }),
        ...(periodKey ? { periodKey } : {}),
      }),
    enabled: id > 0 && enabled,
  });
}

export function useReports(id: number, status?: 'submitted' | 'approved' | 'returned') {
  return useQuery({
    queryKey: trackingKeys.reports(id, status),
    queryFn: () => trackingApi.reports(id, status ? { status } : {}),
    enabled: id > 0,
  });
}

/** Due soon and overdue, today or as of `asOf` (the plan's as-of date: reckoned at the end of that day). */
export function useReminders(id: number, asOf?: string) {
  return useQuery({
    queryKey: [...trackingKeys.all(id), 'reminders', asOf ?? 'today'],
    queryFn: () => trackingApi.reminders(id, asOf),
    enabled: id > 0,
  });
}

/** The 督办单, today or as they stood at the end of `asOf`. */
export function useNotices(id: number, subject?: Subject, asOf?: string) {
  return useQuery({
    queryKey: [...trackingKeys.notices(id, subjectKey(subject)), asOf ?? 'today'],
    queryFn: () => trackingApi.notices(id, { ...subjectQuery(subject), asOf }),
    enabled: id > 0,
  });
}

export function useExtensions(id: number, subject?: Subject, asOf?: string) {
  return useQuery({
    queryKey: [...trackingKeys.extensions(id, subjectKey(subject)), asOf ?? 'today'],
    queryFn: () => trackingApi.extensions(id, { ...subjectQuery(subject), asOf }),
    enabled: id > 0,
  });
}

export function useClosures(id: number, subject?: Subject, asOf?: string) {
  return useQuery({
    queryKey: [...trackingKeys.closures(id, subjectKey(subject)), asOf ?? 'today'],
    queryFn: () => trackingApi.closures(id, { ...subjectQuery(subject), asOf }),
    enabled: id > 0,
  });
}

/** The plan's health today, or as of `date` (the as-of date chosen in the app). */
export function usePlanHealth(id: number, date?: string) {
  return useQuery({
    queryKey: trackingKeys.health(id, date),
    queryFn: () => trackingApi.health(id, date),
    enabled: id > 0,
  });
}

/** Every item's health today or as of `date`, as maps by type and id. */
export function useItemHealth(id: number, date?: string) {
  return useQuery({
    queryKey: trackingKeys.healthItems(id, date),
    queryFn: async () => {
      const answer = await trackingApi.healthItems(id, date ? { date } : {});
      const maps = {
        asOf: answer.asOf,
        items: answer.items,
        task: new Map<number, ItemHealth>(),
        target: new Map<number, ItemHealth>(),
        'project-list': new Map<number, ItemHealth>(),
      };
      for (const item of answer.items) maps[item.type].set(item.id, item);
      return maps;
    },
    enabled: id > 0,
  });
}

export function useExplain(id: number, nodeId: string | undefined) {
  return useQuery({
    queryKey: trackingKeys.explain(id, nodeId ?? ''),
    queryFn: () => trackingApi.explain(id, nodeId!),
    enabled: id > 0 && nodeId !== undefined,
  });
}

export function useHistory(id: number, path: 'tasks' | 'targets' | 'projects', itemId: number) {
  return useQuery({
    queryKey: trackingKeys.history(id, path, itemId),
    queryFn: () => trackingApi.history(id, path, itemId),
    enabled: id > 0 && itemId > 0,
  });
}

/** Any tracking write: on success the plan's data (items, health, tracking) is read again. */
export function useTrackingMutation<A, R>(id: number, run: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: ['plan', id] }),
  });
}

export function useSubmitReport(id: number) {
  return useTrackingMutation(id, (report: ReportBody) => trackingApi.submitReport(id, report));
}

export function useSaveSettings(id: number) {
  return useTrackingMutation(id, (write: SettingsBody) => trackingApi.saveSettings(id, write));
}
