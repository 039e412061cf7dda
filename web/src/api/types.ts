/**
 * The API's types, as the web app sees them. `web` imports only these: the domain types come
 * from src/plan and src/store (types only, erased at build), the rest mirrors the REST answers.
 */
export type {
  Achievement,
  Assignment,
  Health,
  OutlineNode,
  Plan,
  PlanState,
  Project,
  ProjectList,
  ProjectStage,
  Role,
  Target,
  Task,
  TaskState,
  Unit,
  UnitKind,
  User,
} from '../../../src/plan/types';
export type { Page, PlanSummary, TaskFilter, TargetFilter } from '../../../src/store/types';
export type { Comparator, ItemKind, Span } from '../../../src/report/types';
export type { ErrorCode, ErrorDetail } from '../../../src/errors';

import type { User } from '../../../src/plan/types';

/** What sign-in and `GET /auth/me` answer: who is signed in and the token writes must echo. */
export interface Session {
  user: User;
  /** null when signed in with an API token (no cookie, so no CSRF). */
  csrfToken: string | null;
}

/** The body of every error answer (server/errors.ts). */
export interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** The project pipeline's stages, in order (a value shared with the server). */
export { PROJECT_STAGES } from '../../../src/plan/types';
