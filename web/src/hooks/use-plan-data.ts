import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { endpoints, fetchAll, type TaskQuery, type TargetQuery } from '../api/endpoints';
import { isApiError, type ApiError } from '../api/client';
import { promisesApi } from '../api/promises';
import type { Plan, Target, TargetPatch, Task } from '../api/types';

/** Query keys, one place: a plan's data all sits under ['plan', id]. */
export const keys = {
  me: ['me'] as const,
  plans: (state?: Plan['state']) => ['plans', state ?? 'all'] as const,
  plan: (id: number) => ['plan', id] as const,
  summary: (id: number) => ['plan', id, 'summary'] as const,
  text: (id: number) => ['plan', id, 'text'] as const,
  outline: (id: number) => ['plan', id, 'outline'] as const,
  targets: (id: number, query?: TargetQuery) => ['plan', id, 'targets', query ?? {}] as const,
  target: (id: number, itemId: number) => ['plan', id, 'target', itemId] as const,
  achievements: (id: number) => ['plan', id, 'achievements'] as const,
  tasks: (id: number, query?: TaskQuery) => ['plan', id, 'tasks', query ?? {}] as const,
  task: (id: number, itemId: number) => ['plan', id, 'task', itemId] as const,
  projectLists: (id: number) => ['plan', id, 'project-lists'] as const,
  projects: (id: number) => ['plan', id, 'projects'] as const,
  project: (id: number, itemId: number) => ['plan', id, 'project', itemId] as const,
  units: ['units'] as const,
  publicPage: (id: number) => ['plan', id, 'public-page'] as const,
  doubts: (id: number) => ['plan', id, 'doubts'] as const,
  contradictions: (id: number) => ['plan', id, 'contradictions'] as const,
  /** The cockpit today (no date: what the early request asks), or as of a past date. */
  cockpit: (id: number, date?: string) =>
    date ? (['cockpit', id, date] as const) : (['cockpit', id] as const),
  wall: (id: number, token: string) => ['wall', id, token] as const,
};

/** No retry on answers that will not change by asking again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function usePlans(state?: Plan['state']) {
  return useQuery({
    queryKey: keys.plans(state),
    queryFn: () => endpoints.listPlans(state ? { state } : {}),
  });
}

export function usePlanSummary(id: number | undefined) {
  return useQuery({
    queryKey: keys.summary(id ?? 0),
    queryFn: () => endpoints.getPlanSummary(id!),
    enabled: id !== undefined,
  });
}

/** The public plan page's data in one answer (GET /public/plans/:id/page). */
export function usePublicPlanPage(id: number | undefined) {
  return useQuery({
    queryKey: keys.publicPage(id ?? 0),
    queryFn: () => endpoints.getPublicPage(id!),
    enabled: id !== undefined,
  });
}

export function usePlanText(id: number) {
  return useQuery({
    queryKey: keys.text(id),
    queryFn: () => endpoints.getPlanText(id),
    staleTime: Infinity,
    enabled: id > 0,
  });
}

export function useOutline(id: number) {
  return useQuery({ queryKey: keys.outline(id), queryFn: () => endpoints.listOutline(id), enabled: id > 0 });
}

export function useTargets(id: number, query: TargetQuery = {}) {
  return useQuery({
    queryKey: keys.targets(id, query),
    queryFn: () => fetchAll((limit, offset) => endpoints.listTargets(id, { ...query, limit, offset })),
    enabled: id > 0,
  });
}

export function useAchievements(id: number) {
  return useQuery({
    queryKey: keys.achievements(id),
    queryFn: () => fetchAll((limit, offset) => endpoints.listAchievements(id, { limit, offset: offset })),
    enabled: id > 0,
  });
}

export function useTasks(id: number, query: TaskQuery = {}) {
  return useQuery({
    queryKey: keys.tasks(id, query),
    queryFn: () => fetchAll((limit, offset) => endpoints.listTasks(id, { ...query, limit, offset })),
    enabled: id > 0,
  });
}

/** The plan office's list of rows their own quotes contradict; `enabled` only for those who may see it. */
export function useContradictions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.contradictions(id),
    queryFn: () => endpoints.listContradictions(id),
    enabled: enabled && id > 0,
  });
}

export function useProjectLists(id: number) {
  return useQuery({
    queryKey: keys.projectLists(id),
    queryFn: () => endpoints.listProjectLists(id),
    enabled: id > 0,
  });
}

export function useProjects(id: number) {
  return useQuery({
    queryKey: keys.projects(id),
    queryFn: () => fetchAll((limit, offset) => endpoints.listProjects(id, { limit, offset })),
    enabled: id > 0,
  });
}

export function useTask(planId: number, id: number) {
  return useQuery({
    queryKey: keys.task(planId, id),
    queryFn: () => endpoints.getTask(planId, id),
    enabled: planId > 0 && id > 0,
  });
}
export function useTarget(planId: number, id: number) {
  return useQuery({
    queryKey: keys.target(planId, id),
    queryFn: () => endpoints.getTarget(planId, id),
    enabled: planId > 0 && id > 0,
  });
}
export function useProject(planId: number, id: number) {
  return useQuery({
    queryKey: keys.project(planId, id),
    queryFn: () => endpoints.getProject(planId, id),
    enabled: planId > 0 && id > 0,
  });
}

/** Units change rarely; signed-in pages only (the public sees unit names through items). */
export function useUnits(enabled = true) {
  return useQuery({ queryKey: keys.units, queryFn: endpoints.listUnits, staleTime: 5 * 60_000, enabled });
}

export type AssignableKind = 'task' | 'target';

/** The outcome of a bulk assignment: which rows saved, which clashed (409), which failed. */
export interface BulkResult {
  saved: number[];
  conflicts: number[];
  failed: { id: number; error: ApiError | Error }[];
}

function invalidatePlan(client: QueryClient, planId: number) {
  return client.invalidateQueries({ queryKey: keys.plan(planId) });
}

/**
 * Assigns the same owners to many tasks or targets: one PATCH per row carrying the row's
 * version, so a row someone else changed meanwhile is refused (409) and reported, not
 * overwritten. The others still save.
 */
export function useBulkAssign(planId: number, kind: AssignableKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      rows,
      patch,
    }: {
      rows: (Task | Target)[];
      patch: Omit<TargetPatch, 'version'>;
    }): Promise<BulkResult> => {
      const result: BulkResult = { saved: [], conflicts: [], failed: [] };
      const save = kind === 'task' ? endpoints.updateTask : endpoints.updateTarget;
      const settled = await Promise.allSettled(
        rows.map((row) => save(planId, row.id, { ...patch, version: row.version })),
      );
      settled.forEach((outcome, index) => {
        const id = rows[index]!.id;
        if (outcome.status === 'fulfilled') result.saved.push(id);
        else if (isApiError(outcome.reason, 'CONFLICT')) result.conflicts.push(id);
        else result.failed.push({ id, error: outcome.reason as Error });
      });
      return result;
    },
    onSettled: () => invalidatePlan(client, planId),
  });
}

/**
 * Starts loading what the page at `pathname` will ask for first, in parallel with the session
 * check and the page's own chunk (the dashboard's summary and targets), so the first page
 * does not wait for one request after another. Unknown paths prefetch nothing. `hash` is the
 * address's fragment: a wall screen's link carries its kiosk token there.
 */
export function prefetchForPath(client: QueryClient, pathname: string, hash = ''): void {
  // The public page (issue 15.4): its plan list, then the plan it opens with, fetched while its
  // code still loads on a slow phone, with the same keys and requests as its hooks.
  if (/^\/public\/?$/.test(pathname)) {
    client
      .fetchQuery({
        queryKey: keys.plans('published'),
        queryFn: () => endpoints.listPlans({ state: 'published' }),
      })
      .then((plans) => {
        const first = plans.items.find((plan) => plan.state === 'published');
        if (first) prefetchPublicPlan(client, first.id);
      })
      .catch(() => undefined);
    return;
  }
  // The cockpit and a wall screen: their one answer asked beside their code, not after it.
  const cockpit = /^\/plans\/(\d+)\/cockpit\/?$/.exec(pathname);
  if (cockpit) {
    const id = Number(cockpit[1]);
    void client.prefetchQuery({ queryKey: keys.cockpit(id), queryFn: () => promisesApi.cockpit(id) });
    return;
  }
  const wall = /^\/wall\/(\d+)\/?$/.exec(pathname);
  const token = new URLSearchParams(hash.slice(1)).get('token');
  if (wall && token) {
    const id = Number(wall[1]);
    void client.prefetchQuery({ queryKey: keys.wall(id, token), queryFn: () => promisesApi.wall(id, token) });
    return;
  }
  const onePublic = /^\/public\/(\d+)\/?$/.exec(pathname);
  if (onePublic) {
    void client.prefetchQuery({
      queryKey: keys.plans('published'),
      queryFn: () => endpoints.listPlans({ state: 'published' }),
    });
    prefetchPublicPlan(client, Number(onePublic[1]));
    return;
  }
  const match = /^\/plans\/(\d+)\/?$/.exec(pathname);
  if (!match) return;
  const id = Number(match[1]);
  void client.prefetchQuery({ queryKey: keys.summary(id), queryFn: () => endpoints.getPlanSummary(id) });
  void client.prefetchQuery({
    queryKey: keys.targets(id, {}),
    queryFn: () => fetchAll((limit, offset) => endpoints.listTargets(id, { limit, offset })),
  });
  void client.prefetchQuery({
    queryKey: keys.tasks(id, {}),
    queryFn: () => fetchAll((limit, offset) => endpoints.listTasks(id, { limit, offset })),
  });
}

/** What the public page shows of plan `id` besides its summary, targets and tasks (`all`: those too). */
/** The public page's one answer (issue 15), asked while the page's code still loads. */
function prefetchPublicPlan(client: QueryClient, id: number): void {
  void client.prefetchQuery({ queryKey: keys.publicPage(id), queryFn: () => endpoints.getPublicPage(id) });
}

/** The reader's confidence in what it read, for the review mode (fetched only when `enabled`). */
export function useDoubts(planId: number, enabled: boolean) {
  return useQuery({ queryKey: keys.doubts(planId), queryFn: () => endpoints.getDoubts(planId), enabled });
}

/** Uploads a report as a new draft plan; the plan list refreshes. */
export function useImportReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name, year, place }: { file: Blob; name: string; year?: number; place?: string }) =>
      endpoints.importReport(file, name, { year, place }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
}

/** Publishes or withdraws a plan, with the version it was read at (409 when stale). */
export function useSetPlanState(planId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ state, version }: { state: Plan['state']; version: number }) =>
      endpoints.updatePlan(planId, { state, version }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.plan(planId) }),
        client.invalidateQueries({ queryKey: ['plans'] }),
      ]),
  });
}
