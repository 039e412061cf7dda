/**
 * The 项目库 and 服务包 (issue 17) as the office pages read them (src/server/routes/library.ts
 * and services.ts), with the server's types (src/contract). Pages reach them through
 * ../hooks/use-library.ts.
 */
import { api } from './endpoints';
import type {
  CommitmentRow,
  EnterpriseDetail,
  IdleList,
  LibraryBoard,
  LibraryMap,
  LibraryProject,
  LibraryProjectCreate,
  LibraryProjectDetail,
  LibraryProjectPatch,
  MatchDecisionBody,
  MatchDecisionsBody,
  Page,
  PlanLibraryMatches,
  ServiceOverview,
} from '../../../src/contract';

export type {
  CommitmentRow,
  EnterpriseDetail,
  IdleList,
  LibraryBoard,
  LibraryMap,
  LibraryProject,
  LibraryProjectCreate,
  LibraryProjectDetail,
  LibraryProjectPatch,
  MatchDecisionBody,
  PlanLibraryMatches,
  ServiceOverview,
} from '../../../src/contract';

/** A stage change as the office records it (a move back needs its reason). */
export interface StageChange {
  stage: string;
  date: string;
  reason?: string;
  version?: number;
}

export type LampColor = 'green' | 'yellow' | 'red' | 'grey';

/** A project of the board's list, with the colour of each lamp. */
export interface LibraryListItem {
  id: number;
  name: string;
  library: string;
  class: 'A' | 'B' | 'C';
  leadUnitId: number | null;
  totalInvestment: number | null;
  stage: string;
  stageDate: string;
  exited: boolean;
  lamps: { start: LampColor; pace: LampColor; funds: LampColor; stats: LampColor; overall: LampColor };
}

export const IDLE_KINDS = ['approved_not_started', 'started_not_building', 'building_not_finished'] as const;
export type IdleKind = (typeof IDLE_KINDS)[number];

export const libraryApi = {
  board: (query: { year?: number } = {}) => api.get<LibraryBoard>('/library/board', query),
  /** `date`: the lamps as of that day (the tab's as-of date; the server's default today). */
  projects: (query: {
    library?: string;
    stage?: string;
    q?: string;
    limit?: number;
    offset?: number;
    date?: string;
  }) => api.get<Page<LibraryListItem>>('/library/projects', query),
  idle: (kind: IdleKind, query: { limit?: number; offset?: number; date?: string } = {}) =>
    api.get<IdleList>(`/library/idle/${kind}`, query),
  map: () => api.get<LibraryMap>('/library/map'),
  project: (id: number, date?: string) => api.get<LibraryProjectDetail>(`/library/projects/${id}`, { date }),
  create: (body: LibraryProjectCreate) => api.post<LibraryProject>('/library/projects', body),
  update: (id: number, body: LibraryProjectPatch) =>
    api.patch<LibraryProject>(`/library/projects/${id}`, body),
  moveStage: (id: number, body: StageChange) =>
    api.post<LibraryProject>(`/library/projects/${id}/stage`, body),
  matches: (planId: number) => api.get<PlanLibraryMatches>(`/plans/${planId}/library-matches`),
  runMatches: (planId: number) => api.post<unknown>(`/plans/${planId}/library-matches`),
  decideMatch: (planId: number, matchId: number, body: MatchDecisionBody) =>
    api.post<unknown>(`/plans/${planId}/library-matches/${matchId}`, body),
  decideMatches: (planId: number, body: MatchDecisionsBody) =>
    api.post<unknown>(`/plans/${planId}/library-matches/decisions`, body),
  exit: (id: number, body: { date: string; reason: string; version: number }) =>
    api.post<LibraryProject>(`/library/projects/${id}/exit`, body),
  undoExit: (id: number, body: { reason: string; version: number }) =>
    api.post<LibraryProject>(`/library/projects/${id}/exit/undo`, body),
  investments: (id: number, body: { figures: { month: string; amount: number }[]; version: number }) =>
    api.post<LibraryProject>(`/library/projects/${id}/investments`, body),
  progress: (id: number, body: { date: string; note: string; percent?: number; version: number }) =>
    api.post<LibraryProject>(`/library/projects/${id}/progress`, body),
  uploadBoundary: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.request<{ features: number; version: number }>('PUT', '/library/boundary', { body: form });
  },
  serviceOverview: (year: number, date?: string) =>
    api.get<ServiceOverview>('/services/overview', { year, date }),
  commitments: (query: { year?: number; packageId?: number }) =>
    api.get<{ items: CommitmentRow[] }>('/services/commitments', query),
  enterprise: (id: number) => api.get<EnterpriseDetail>(`/services/enterprises/${id}`),
};
