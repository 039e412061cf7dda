import { ApiClient } from './client';
import type {
  Achievement,
  Assignment,
  OutlineNode,
  Page,
  Plan,
  PlanSummary,
  Project,
  ProjectList,
  Session,
  Target,
  Task,
  TaskState,
  Unit,
  User,
} from './types';

/** What the reader found odd in an imported report, with the words it points at (issue 13). */
export interface ReaderWarning {
  code: string;
  message: string;
  span?: [number, number];
  excerpt: string;
}
/** The reader's confidence (0–1) in one thing it read, found by its span; reasons as codes. */
export interface Doubt {
  span: [number, number];
  confidence: number;
  doubts: string[];
}

/** The app's one client. Tests build their own `ApiClient` with a fake fetch. */
export const api = new ApiClient();

/** Lists come as `{ items, total }`; a few small ones may come as a bare array. */
function toPage<T>(answer: Page<T> | T[] | { items: T[] }): Page<T> {
  if (Array.isArray(answer)) return { items: answer, total: answer.length };
  return { items: answer.items, total: 'total' in answer ? answer.total : answer.items.length };
}
function toList<T>(answer: Page<T> | T[] | { items: T[] }): T[] {
  return toPage(answer).items;
}

/** A plan's text may come as text/plain or as `{ text }`. */
function toText(answer: string | { text: string }): string {
  return typeof answer === 'string' ? answer : answer.text;
}

/** A plan summary may come bare or with the plan's fields at the top. */
function toSummary(answer: PlanSummary | (Plan & { counts: PlanSummary['counts'] })): PlanSummary {
  if ('plan' in answer) return answer;
  const { counts, ...plan } = answer;
  return { plan, counts };
}

export interface TaskQuery {
  unitId?: number;
  state?: TaskState;
  outlineNodeId?: number;
  overdueOn?: string;
  q?: string;
  limit?: number;
  offset?: number;
}
export interface TargetQuery {
  unitId?: number;
  outlineNodeId?: number;
  q?: string;
  limit?: number;
  offset?: number;
}
export interface ProjectQuery {
  listId?: number;
  q?: string;
  limit?: number;
  offset?: number;
}

/** What an assignment write sends: the changed fields and the version it was based on. */
export type AssignmentWrite = Partial<Assignment> & { version: number };

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
  signIn: (username: string, password: string) => api.post<Session>('/session', { username, password }),
  signOut: () => api.delete<void>('/session'),
  me: () => api.get<Session>('/me'),

  listPlans: async (query: { state?: Plan['state']; limit?: number } = {}) =>
    toPage(await api.get<Page<Plan> | Plan[]>('/plans', { limit: PAGE_SIZE, ...query })),
  getPlanSummary: async (id: number) => toSummary(await api.get<PlanSummary>(plan(id))),
  getPlanText: async (id: number) => toText(await api.get<string | { text: string }>(`${plan(id)}/text`)),
  updatePlan: (id: number, patch: { title?: string; state?: Plan['state']; version: number }) =>
    api.patch<Plan>(plan(id), patch),
  /** Uploads a report file (multipart `file`, optional `year`, `place`): a new draft plan. */
  importReport: (file: Blob, name: string, fields: { year?: number; place?: string } = {}) => {
    const form = new FormData();
    if (fields.year !== undefined) form.set('year', String(fields.year));
    if (fields.place) form.set('place', fields.place);
    form.set('file', file, name);
    return api.request<PlanSummary & { warnings?: ReaderWarning[] }>('POST', '/plans', { body: form });
  },
  /** The reader's confidence in each item, project and heading of the plan's report. */
  getDoubts: (id: number) =>
    api.get<{ items: Doubt[]; projects: Doubt[]; outline: Doubt[] }>(`${plan(id)}/doubts`),

  listOutline: async (id: number) => toList(await api.get<OutlineNode[]>(`${plan(id)}/outline`)),
  listTargets: async (id: number, query: TargetQuery = {}) =>
    toPage(await api.get<Page<Target>>(`${plan(id)}/targets`, { limit: PAGE_SIZE, ...query })),
  getTarget: (id: number, targetId: number) => api.get<Target>(`${plan(id)}/targets/${targetId}`),
  updateTarget: (id: number, targetId: number, write: AssignmentWrite) =>
    api.patch<Target>(`${plan(id)}/targets/${targetId}`, write),
  listAchievements: async (id: number, query: { q?: string; limit?: number; offset?: number } = {}) =>
    toPage(await api.get<Page<Achievement>>(`${plan(id)}/achievements`, { limit: PAGE_SIZE, ...query })),
  getAchievement: (id: number, achievementId: number) =>
    api.get<Achievement>(`${plan(id)}/achievements/${achievementId}`),
  listTasks: async (id: number, query: TaskQuery = {}) =>
    toPage(await api.get<Page<Task>>(`${plan(id)}/tasks`, { limit: PAGE_SIZE, ...query })),
  getTask: (id: number, taskId: number) => api.get<Task>(`${plan(id)}/tasks/${taskId}`),
  updateTask: (
    id: number,
    taskId: number,
    write: AssignmentWrite & { state?: TaskState; progress?: number },
  ) => api.patch<Task>(`${plan(id)}/tasks/${taskId}`, write),
  listProjectLists: async (id: number) => toList(await api.get<ProjectList[]>(`${plan(id)}/project-lists`)),
  listProjects: async (id: number, query: ProjectQuery = {}) =>
    toPage(await api.get<Page<Project>>(`${plan(id)}/projects`, { limit: PAGE_SIZE, ...query })),
  getProject: (id: number, projectId: number) => api.get<Project>(`${plan(id)}/projects/${projectId}`),

  listUnits: async () =>
    (await fetchAll((limit, offset) => api.get<Page<Unit>>('/units', { limit, offset }))).items,
  listUsers: async () =>
    (await fetchAll((limit, offset) => api.get<Page<User>>('/users', { limit, offset }))).items,
};
