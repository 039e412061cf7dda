import { ApiClient } from './client';
import type {
  Achievement,
  AchievementQuery,
  Contradiction,
  ExtractionDoubts,
  ImportSummary,
  Me,
  OutlineNode,
  Page,
  Plan,
  PlanListQuery,
  PlanPatch,
  PlanSummary,
  Project,
  ProjectList,
  PublicPlanPage,
  ProjectQuery,
  TargetPatch,
  TargetQuery,
  Target,
  Task,
  TaskPatch,
  TaskQuery,
  Unit,
  User,
} from '../../../src/contract';

/** The app's one client. Tests build their own `ApiClient` with a fake fetch. */
export const api = new ApiClient();

export type { AchievementQuery, ProjectQuery, TargetQuery, TaskQuery };

const plan = (id: number) => `/plans/${id}`;

/** Page size the web app asks for; servers commonly cap `limit` at 100. */
export const PAGE_SIZE = 100;

/**
 * Reads every page of a list: the first page says the total, the rest are fetched together.
 */
export async function fetchAll<T>(
  fetchPage: (limit: number, offset: number) => Promise<Page<T>>,
): Promise<Page<T>> {
  const first = await fetchPage(PAGE_SIZE, 0);
  if (first.items.length >= first.total || first.items.length === 0) return first;
  const offsets: number[] = [];
  for (let offset = first.items.length; offset < first.total; offset += PAGE_SIZE) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => fetchPage(PAGE_SIZE, offset)));
  return { items: [first.items, ...rest.map((page) => page.items)].flat(), total: first.total };
}

/**
 * Every REST route the web app calls, in one place (issue 3's API under /api/v1).
 * Pages call these through the hooks in ../hooks, never `fetch` directly.
 */
export const endpoints = {
  signIn: (username: string, password: string) => api.post<Me>('/session', { username, password }),
  signOut: () => api.delete<void>('/session'),
  me: () => api.get<Me>('/me'),

  listPlans: (query: PlanListQuery = {}) => api.get<Page<Plan>>('/plans', { limit: PAGE_SIZE, ...query }),
  getPlanSummary: (id: number) => api.get<PlanSummary>(plan(id)),
  getPlanText: async (id: number) => (await api.get<{ text: string }>(`${plan(id)}/text`)).text,
  updatePlan: (id: number, patch: PlanPatch) => api.patch<Plan>(plan(id), patch),
  /** Uploads a report file (multipart `file`, optional `year`, `place`): a new draft plan. */
  importReport: (file: Blob, name: string, fields: { year?: number; place?: string } = {}) => {
    const form = new FormData();
    if (fields.year !== undefined) form.set('year', String(fields.year));
    if (fields.place) form.set('place', fields.place);
    form.set('file', file, name);
    return api.request<ImportSummary>('POST', '/plans', { body: form });
  },
  /** The reader's confidence in each item, project and heading of the plan's report. */
  getDoubts: (id: number) => api.get<ExtractionDoubts>(`${plan(id)}/doubts`),

  listOutline: async (id: number) => (await api.get<Page<OutlineNode>>(`${plan(id)}/outline`)).items,
  listTargets: (id: number, query: TargetQuery = {}) =>
    api.get<Page<Target>>(`${plan(id)}/targets`, { limit: PAGE_SIZE, ...query }),
  getTarget: (id: number, targetId: number) => api.get<Target>(`${plan(id)}/targets/${targetId}`),
  updateTarget: (id: number, targetId: number, write: TargetPatch) =>
    api.patch<Target>(`${plan(id)}/targets/${targetId}`, write),
  listAchievements: (id: number, query: AchievementQuery = {}) =>
    api.get<Page<Achievement>>(`${plan(id)}/achievements`, { limit: PAGE_SIZE, ...query }),
  getAchievement: (id: number, achievementId: number) =>
    api.get<Achievement>(`${plan(id)}/achievements/${achievementId}`),
  listTasks: (id: number, query: TaskQuery = {}) =>
    api.get<Page<Task>>(`${plan(id)}/tasks`, { limit: PAGE_SIZE, ...query }),
  getTask: (id: number, taskId: number) => api.get<Task>(`${plan(id)}/tasks/${taskId}`),
  updateTask: (id: number, taskId: number, write: TaskPatch) =>
    api.patch<Task>(`${plan(id)}/tasks/${taskId}`, write),
  listProjectLists: async (id: number) =>
    (await api.get<Page<ProjectList>>(`${plan(id)}/project-lists`)).items,
  listProjects: (id: number, query: ProjectQuery = {}) =>
    api.get<Page<Project>>(`${plan(id)}/projects`, { limit: PAGE_SIZE, ...query }),
  getProject: (id: number, projectId: number) => api.get<Project>(`${plan(id)}/projects/${projectId}`),
  /** Rows whose state their own quote contradicts, for the plan office to resolve after import. */
  listContradictions: async (id: number) =>
    (await api.get<Page<Contradiction>>(`${plan(id)}/contradictions`)).items,

  /** Everything the public plan page shows, in one held answer (health at the page's default date). */
  getPublicPage: (id: number) => api.get<PublicPlanPage>(`/public/plans/${id}/page`),
  listUnits: async () =>
    (await fetchAll((limit, offset) => api.get<Page<Unit>>('/units', { limit, offset }))).items,
  listUsers: async () =>
    (await fetchAll((limit, offset) => api.get<Page<User>>('/users', { limit, offset }))).items,
};
