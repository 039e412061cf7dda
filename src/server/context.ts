/**
 * What routes are given: the store and the few settings and readers `createApp` resolved.
 */
import type { AnonymousGuard } from './anonymous-limits.js';
import type { RouteLimits } from './route-limits.js';
import { AppError } from '../errors.js';
import type { Parser } from '../documents/parse-pool.js';
import type { PdfConverter } from '../documents/pdf.js';
import type { Plan, User } from '../plan/types.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HealthViews } from '../commands/health.js';
import type { KnowledgeCache } from '../commands/knowledge.js';
import type { RequestsCache } from '../commands/requests-setup.js';
import type { PlanReads } from './plan-reads.js';
import type { ChangeMeta, Store } from '../store/types.js';
import { can } from './auth/policy.js';
import type { Viewer } from './presenters.js';
import type { JurisdictionDirectory } from './scope.js';
import type { ChannelKind } from '../notify/types.js';
import type { SignInLimits } from '../commands/sign-in-limits.js';

/** An uploaded file. */
export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
}

/**
 * Bytes of an uploaded file → the report's plain text. Throws AppError (UNSUPPORTED_FORMAT,
 * UNPROCESSABLE, TOO_LARGE) with the reader's reason when it cannot.
 */
export type ReportReader = (file: UploadedFile) => Promise<{ text: string }>;

export interface ServerContext {
  store: Store;
  now: () => Date;
  readReport: ReportReader;
  /** Parses uploaded files (workbooks, CSV) off the event loop. */
  parser: Parser;
  /** Largest accepted upload, in bytes. */
  uploadLimitBytes: number;
  /** Failed sign-ins that lock an account, and an address across accounts (issue 12.4). */
  signInLimits: SignInLimits;
  sessionTtlMs: number;
  /** Where the public reaches Luoshi, without a trailing slash: the origin of every link given out. */
  publicUrl: string;
  /** The last health computed per plan of `store`, followed change by change. */
  health: HealthViews;
  /** 接诉即办's setup (units, catalogue, schemes, calendar) and category model, read once. */
  requests: RequestsCache;
  /** The deployment's jurisdictions, read once (reset when one is set up). */
  jurisdictions: JurisdictionDirectory;
  /** Limits on what the public sends without signing in (anonymous-limits.ts). */
  anonymous: AnonymousGuard;
  /** The per-route flood guards of @fastify/rate-limit, counted in the database (route-limits.ts). */
  routeLimits: RouteLimits;
  /** Messaging (issue 18): the site's address for links in messages, the channels configured. */
  notify: { publicUrl: string; channels: ChannelKind[] };
  /** The knowledge base's search index, built on first use and kept current (issue 20). */
  knowledge: KnowledgeCache;
  /** Answers that depend only on their plan, held by its read version (plan-reads.ts). */
  reads: PlanReads;
  /** Office documents as PDF (LibreOffice headless: documents/pdf.ts). */
  pdf: PdfConverter;
}

/** The Fastify instance a route plugin registers on (with the zod type provider). */
export type ApiApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * The plan, if this viewer may see it: drafts exist only for signed-in staff, so the public
 * gets NOT_FOUND for them (not FORBIDDEN, which would tell a draft exists).
 */
export async function getVisiblePlan(store: Store, viewer: Viewer, planId: number): Promise<Plan> {
  return checkVisible(await store.plans.get(planId), viewer);
}

/** The plan itself when this viewer may see it, else NOT_FOUND (see getVisiblePlan). */
export function checkVisible(plan: Plan, viewer: Viewer): Plan {
  if (plan.state !== 'published' && !can(viewer, 'plan:read-draft')) {
    throw new AppError('NOT_FOUND', `plan ${plan.id} not found`);
  }
  return plan;
}

/**
 * Checks that every unit id names a unit: BAD_INPUT naming each unknown one at `path`.
 * @example await checkUnitIds(store, { 'body.leadUnitId': [3], 'body.coUnitIds': [4, 99] })
 */
export async function checkUnitIds(
  store: Store,
  idsByPath: Record<string, Array<number | null | undefined>>,
  jurisdictionId?: number,
) {
  const wanted = Object.values(idsByPath).flat();
  if (!wanted.some((id) => typeof id === 'number')) return;
  // A unit of another jurisdiction is unknown here (one set of units per jurisdiction).
  const known = new Set(
    (await store.units.list(jurisdictionId === undefined ? undefined : [jurisdictionId])).map(
      (unit) => unit.id,
    ),
  );
  const details = Object.entries(idsByPath).flatMap(([path, ids]) =>
    ids.flatMap((id, index) =>
      typeof id === 'number' && !known.has(id)
        ? [{ path: path.endsWith('Ids') ? `${path}.${index}` : path, message: `unknown unit ${id}` }]
        : [],
    ),
  );
  if (details.length > 0) throw new AppError('BAD_INPUT', 'unknown unit', details);
}

/** Who changes what, and when, for the audit event the store writes with the change. */
export function changeMeta(ctx: Pick<ServerContext, 'now'>, user: User): ChangeMeta {
  return { actor: { userId: user.id, role: user.role }, at: ctx.now().toISOString() };
}
